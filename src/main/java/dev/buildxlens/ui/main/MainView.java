package dev.buildxlens.ui.main;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.function.Function;

/**
 * The first window: a header with the daemon summary and a refresh button, a banner for discovery failures
 * and problems, the builders with the stores each can read, and the daemon's images with the builders that
 * can use each one as a base. Built in code; binds to {@link MainViewModel} only.
 */
public final class MainView extends BorderPane {

    public MainView(MainViewModel viewModel) {
        getStyleClass().add("main-view");
        setTop(new VBox(header(viewModel), banner(viewModel)));
        SplitPane builderSplit = new SplitPane(section("Builders", buildersTable(viewModel)),
                section("What the selected builder can read, and why", builderDetails(viewModel)));
        builderSplit.setDividerPositions(0.62);
        SplitPane split = new SplitPane(builderSplit, section("Images in the daemon store", imagesTable(viewModel)));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
    }

    private static HBox header(MainViewModel viewModel) {
        Label title = new Label("Buildx Lens");
        title.getStyleClass().add("app-title");
        Label summary = new Label();
        summary.setId("daemon-summary");
        summary.textProperty().bind(viewModel.daemonSummaryProperty());
        summary.getStyleClass().add("daemon-summary");
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("loading");
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(viewModel.loadingProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh");
        refresh.setTooltip(new Tooltip("Look at the daemon, builders and registries again (F5)"));
        refresh.disableProperty().bind(viewModel.loadingProperty());
        refresh.setOnAction(e -> viewModel.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, summary, spacer, progress, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 14, 10, 14));
        header.getStyleClass().add("header");
        return header;
    }

    private static VBox banner(MainViewModel viewModel) {
        Label title = new Label();
        title.setId("banner-title");
        title.textProperty().bind(viewModel.bannerTitleProperty());
        title.getStyleClass().add("banner-title");
        ListView<String> lines = new ListView<>(viewModel.bannerLinesProperty());
        lines.setId("banner-lines");
        lines.setPrefHeight(110);
        VBox banner = new VBox(6, title, lines);
        banner.setId("banner");
        banner.getStyleClass().add("banner");
        banner.setPadding(new Insets(8, 14, 8, 14));
        banner.visibleProperty().bind(Bindings.isNotEmpty(viewModel.bannerTitleProperty()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static ListView<String> builderDetails(MainViewModel viewModel) {
        ListView<String> details = new ListView<>(viewModel.selectedBuilderDetailsProperty());
        details.setId("builder-details");
        details.setPlaceholder(new Label("Select a builder"));
        // Reasons are sentences: wrap them to the list's width rather than hide them behind a scroll bar.
        details.setCellFactory(list -> {
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
        return details;
    }

    private static VBox section(String heading, javafx.scene.control.Control table) {
        Label label = new Label(heading);
        label.getStyleClass().add("section-heading");
        VBox box = new VBox(6, label, table);
        box.setPadding(new Insets(8, 14, 8, 14));
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static TableView<BuilderRow> buildersTable(MainViewModel viewModel) {
        TableView<BuilderRow> table = new TableView<>(viewModel.buildersProperty());
        table.setId("builders-table");
        table.setPlaceholder(new Label("No builders yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().add(column("Builder", 170, BuilderRow::displayName));
        table.getColumns().add(column("Driver", 130, BuilderRow::driver));
        table.getColumns().add(column("Status", 90, BuilderRow::status));
        table.getColumns().add(column("Can read (FROM resolves here)", 280, BuilderRow::canRead));
        table.getColumns().add(column("Cannot read", 260, BuilderRow::cannotRead));
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) ->
                viewModel.selectBuilder(selected == null ? null : selected.name()));
        return table;
    }

    private static TableView<ImageRow> imagesTable(MainViewModel viewModel) {
        TableView<ImageRow> table = new TableView<>(viewModel.imagesProperty());
        table.setId("images-table");
        table.setPlaceholder(new Label("No images (or the daemon is unreachable)"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().add(column("Image ID", 120, ImageRow::id));
        table.getColumns().add(column("Tags", 300, ImageRow::tags));
        table.getColumns().add(column("Size", 90, row -> humanSize(row.size())));
        table.getColumns().add(column("Created", 190, ImageRow::created));
        table.getColumns().add(column("Usable as FROM by", 220, ImageRow::usableBy));
        table.getColumns().add(column("Not visible to", 260, ImageRow::notUsableBy));
        return table;
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[Math.max(unit, 0)]);
    }
}
