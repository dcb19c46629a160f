package dev.buildxlens.ui.main;

import dev.buildxlens.ui.builders.BuildersView;
import dev.buildxlens.ui.images.ImagesView;
import dev.buildxlens.ui.storemap.StoreMapView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The main window's content: a header with the daemon summary and Refresh, a banner for discovery failures and
 * problems (with Retry), the lesson's captions when a lesson is shown, the tabs (store map, builders, images) and a status bar. Built in code; binds to
 * {@link MainViewModel} only.
 */
public final class MainView extends BorderPane {

    private final TabPane tabs = new TabPane();

    public MainView(MainViewModel viewModel, javafx.scene.Node menuBar, dev.buildxlens.ui.services.Services services) {
        getStyleClass().add("main-view");
        VBox lesson = lesson(viewModel);
        VBox top = new VBox(header(viewModel), banner(viewModel), lesson);
        if (menuBar != null) {
            top.getChildren().add(0, menuBar);
        }
        setTop(top);
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(
                tab("tab-store-map", "Store _map", () -> new StoreMapView(viewModel.storeMap())),
                tab("tab-builders", "_Builders", () -> new BuildersView(viewModel.builders(), services)),
                tab("tab-images", "_Images", () -> new ImagesView(viewModel.images())),
                tab("tab-diagnose", "_Diagnose", () -> new dev.buildxlens.ui.diagnose.DiagnoseView(viewModel.diagnose(), services)));
        setCenter(tabs);
        attachAfterFirstFrame();
        Label status = new Label();
        status.setId("status-bar");
        status.textProperty().bind(viewModel.statusProperty());
        status.getStyleClass().add("status-bar");
        status.setMaxWidth(Double.MAX_VALUE);
        status.setPadding(new Insets(4, 14, 4, 14));
        status.setMinWidth(0);
        dev.buildxlens.ui.LazyTooltip.install(status, status::getText);
        setBottom(status);
    }


    /**
     * Presenter mode: the lesson's captions give their room to the map (the title and the way back stay); the
     * presenter tells the steps, the room looks at the picture.
     */
    public void presenting(boolean on) {
        presentingNow.set(on);
    }

    /** True in presenter mode: the captions' binding follows it. */
    private final javafx.beans.property.BooleanProperty presentingNow = new javafx.beans.property.SimpleBooleanProperty(false);

    public TabPane tabs() {
        return tabs;
    }

    /** Brings the tab with this id ({@code tab-diagnose}, …) to the front. */
    public void showTab(String id) {
        tabs.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst().ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }

    /**
     * How to build each tab's content: a tab not in front is built and attached after the first frame
     * ({@link #attachAfterFirstFrame}). Its view model exists from the start and holds the state; the view only shows it.
     */
    private final java.util.Map<Tab, java.util.function.Supplier<javafx.scene.Node>> contents = new java.util.LinkedHashMap<>();

    private Tab tab(String id, String title, java.util.function.Supplier<javafx.scene.Node> content) {
        Tab tab = new Tab(title.replace("_", ""));
        tab.setId(id);
        contents.put(tab, content);
        return tab;
    }

    /**
     * Only the tab in front is built and in the scene for the first frame: every tab's nodes in the scene cost CSS and
     * layout before anything is drawn (about 0.6 s at start-up here, measured with BUILDX_LENS_TRACE), and building
     * the other three views cost about 100 ms more. The others are built and join right after the first frame, or as
     * soon as they are selected, whichever comes first.
     */
    private void attachAfterFirstFrame() {
        attach(tabs.getSelectionModel().getSelectedItem());
        tabs.getSelectionModel().selectedItemProperty().addListener((o, before, now) -> attach(now));
        sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o, javafx.scene.Scene before,
                                javafx.scene.Scene scene) {
                if (scene == null) {
                    return;
                }
                sceneProperty().removeListener(this);
                // One tab per frame: all at once stalled the thread about 0.4 s right after the window appeared.
                Runnable[] next = new Runnable[1];
                next[0] = () -> {
                    Tab waiting = tabs.getTabs().stream().filter(t -> t.getContent() == null).findFirst().orElse(null);
                    if (waiting == null) {
                        scene.removePostLayoutPulseListener(next[0]);
                        return;
                    }
                    javafx.application.Platform.runLater(() -> attach(waiting));
                };
                scene.addPostLayoutPulseListener(next[0]);
            }
        });
    }

    private void attach(Tab tab) {
        if (tab != null && tab.getContent() == null) {
            tab.setContent(contents.get(tab).get());
        }
    }

    private static HBox header(MainViewModel viewModel) {
        Label title = new Label("Buildx Lens");
        title.getStyleClass().add("app-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setId("daemon-summary");
        summary.textProperty().bind(viewModel.daemonSummaryProperty());
        summary.getStyleClass().add("daemon-summary");
        // The summary gives up width first; its whole text is in the tooltip.
        summary.setMinWidth(0);
        dev.buildxlens.ui.LazyTooltip.install(summary, summary::getText);
        viewModel.staleProperty().addListener((o, before, stale) ->
                summary.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("stale"), stale));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("loading");
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(viewModel.loadingProperty());
        Label stillLoading = new Label();
        stillLoading.setId("still-loading");
        stillLoading.getStyleClass().add("still-loading");
        stillLoading.textProperty().bind(viewModel.stillLoadingProperty());
        Button refresh = new Button("_Refresh");
        refresh.setGraphic(dev.buildxlens.ui.AppIcons.refresh());
        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Look at the daemon, builders and registries again (F5 or Ctrl+R)"));
        busyWhileLoading(refresh, viewModel);
        refresh.setOnAction(e -> viewModel.refresh());
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        stillLoading.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, summary, spacer, stillLoading, progress, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 14, 10, 14));
        header.getStyleClass().add("header");
        return header;
    }

    /**
     * The lesson shown instead of this machine: its title, goal and steps, and the way back. Its own area, apart from
     * the banner, which is for problems (and offers Retry); a lesson is not a problem.
     */
    private VBox lesson(MainViewModel viewModel) {
        Label title = new Label();
        title.setId("lesson-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        title.textProperty().bind(viewModel.lessonTitleProperty());
        Button leave = new Button("Back to this machine");
        leave.setId("lesson-leave");
        leave.setTooltip(new Tooltip("Leave the lesson and show this machine's daemon, builders and images again"));
        leave.setMinWidth(Region.USE_PREF_SIZE);
        leave.setOnAction(e -> viewModel.useLiveWorld());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox headline = new HBox(12, title, spacer, leave);
        headline.setAlignment(Pos.CENTER_LEFT);
        ListView<String> captions = new ListView<>(viewModel.lessonCaptionsProperty());
        captions.setId("lesson-captions");
        captions.setPrefHeight(96);
        // A scenario file without a goal or steps has no captions: no empty box in their place.
        captions.visibleProperty().bind(presentingNow.not().and(Bindings.isNotEmpty(viewModel.lessonCaptionsProperty())));
        captions.managedProperty().bind(captions.visibleProperty());
        captions.setCellFactory(list -> {
            javafx.scene.control.ListCell<String> cell = new javafx.scene.control.ListCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.setWrapText(true);
            cell.prefWidthProperty().bind(list.widthProperty().subtract(24));
            return cell;
        });
        VBox lesson = new VBox(6);
        lesson.setId("lesson");
        lesson.getStyleClass().add("lesson");
        lesson.setPadding(new Insets(8, 14, 8, 14));
        lesson.visibleProperty().bind(Bindings.isNotEmpty(viewModel.lessonTitleProperty()));
        lesson.managedProperty().bind(lesson.visibleProperty());
        fillWhenFirstShown(lesson, headline, captions);
        return lesson;
    }

    /**
     * Puts {@code content} into {@code box} the first time the box is visible. A hidden node is still skinned and
     * styled with the window's first frame: the lesson's and the banner's lists (a ListView skin each) were part of
     * every start, though most starts show neither.
     */
    private static void fillWhenFirstShown(VBox box, javafx.scene.Node... content) {
        if (box.isVisible()) {
            box.getChildren().setAll(content);
            return;
        }
        box.visibleProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> visible, Boolean before, Boolean now) {
                if (now) {
                    visible.removeListener(this);
                    box.getChildren().setAll(content);
                }
            }
        });
    }

    /**
     * While a picture is being taken the button looks busy (the {@code :busy} pseudo-class) and pressing it does
     * nothing more ({@link MainViewModel#refresh()} ignores it). Not disabled: disabling the focused button moved
     * the focus, and with it restyled the whole window on every refresh (a 110-180 ms stall at 1,000 images, gone
     * without it), and a keyboard user lost their place.
     */
    private static void busyWhileLoading(Button button, MainViewModel viewModel) {
        javafx.css.PseudoClass busy = javafx.css.PseudoClass.getPseudoClass("busy");
        String text = button.getText().replace("_", "");
        javafx.beans.value.ChangeListener<Boolean> follow = (o, before, loading) -> {
            button.pseudoClassStateChanged(busy, loading);
            button.setAccessibleText(loading ? text + " (looking now)" : text);
        };
        viewModel.loadingProperty().addListener(follow);
        follow.changed(viewModel.loadingProperty(), null, viewModel.loadingProperty().get());
    }

    /** A list cell that wraps its sentence to the list's width instead of cutting it. */
    static javafx.scene.control.ListCell<String> wrappingCell(ListView<String> list) {
        javafx.scene.control.ListCell<String> cell = new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        cell.setWrapText(true);
        cell.prefWidthProperty().bind(list.widthProperty().subtract(24));
        return cell;
    }

    private static VBox banner(MainViewModel viewModel) {
        Label title = new Label();
        title.setId("banner-title");
        title.textProperty().bind(viewModel.bannerTitleProperty());
        title.getStyleClass().add("banner-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        Button retry = new Button("Retry");
        retry.setId("banner-retry");
        busyWhileLoading(retry, viewModel);
        retry.setOnAction(e -> viewModel.refresh());
        retry.setMinWidth(Region.USE_PREF_SIZE);
        HBox headline = new HBox(12, title, retry);
        headline.setAlignment(Pos.CENTER_LEFT);
        ListView<String> lines = new ListView<>(viewModel.bannerLinesProperty());
        lines.setId("banner-lines");
        lines.setPrefHeight(96);
        lines.setCellFactory(list -> wrappingCell(list));
        VBox banner = new VBox(6);
        banner.setId("banner");
        banner.getStyleClass().add("banner");
        banner.setPadding(new Insets(8, 14, 8, 14));
        banner.visibleProperty().bind(Bindings.isNotEmpty(viewModel.bannerTitleProperty()));
        banner.managedProperty().bind(banner.visibleProperty());
        fillWhenFirstShown(banner, headline, lines);
        return banner;
    }
}
