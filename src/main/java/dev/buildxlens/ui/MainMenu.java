package dev.buildxlens.ui;

import dev.buildxlens.core.Version;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.scenario.ScenarioExport;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.ui.diagnose.DiagnoseView;
import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.services.Services;
import java.nio.file.Files;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/** The menu bar: File (open, refresh, handout, export, quit), View (theme, presenter mode, zoom), Scenarios and Help (check this machine, how builders see images, about). */
final class MainMenu {

    private MainMenu() {
    }

    /** {@code view} is asked for when an item needs it: the menu bar is built before the view that holds it. */
    static MenuBar create(MainViewModel viewModel, Zoom zoom, BooleanProperty dark, BooleanProperty presenter,
                          Supplier<MainView> view, Services services) {
        DoctorWindow doctor = new DoctorWindow(viewModel, services, zoom, dark);
        MenuBar bar = new MenuBar(file(viewModel, view, services), view(zoom, dark, presenter), scenarios(viewModel), help(view, doctor));
        bar.setId("menu-bar");
        return bar;
    }

    private static Menu file(MainViewModel viewModel, Supplier<MainView> view, Services services) {
        MenuItem open = new MenuItem("_Open…");
        open.setId("menu-open");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        // The file is read and diagnosed off the FX thread, as from the Diagnose tab's own Open….
        open.setOnAction(e -> services.dialogs().open(DiagnoseView.OPEN_TITLE).ifPresent(file -> {
            view.get().showTab("tab-diagnose");
            viewModel.diagnose().open(file);
        }));
        MenuItem refresh = new MenuItem("_Refresh");
        refresh.setOnAction(e -> viewModel.refresh());
        MenuItem quit = new MenuItem("_Quit");
        quit.setOnAction(e -> Platform.exit());
        MenuItem handout = new MenuItem("Export _handout…");
        handout.setId("menu-handout");
        handout.setOnAction(e -> services.dialogs().save("Export handout", "buildx-lens-handout.md").ifPresent(target ->
                viewModel.reportStatus(Handout.write(viewModel, view.get(), target))));
        MenuItem export = new MenuItem("Export as _scenario…");
        export.setId("menu-export-scenario");
        export.setOnAction(e -> exportScenario(viewModel, services));
        return new Menu("_File", null, open, refresh, handout, export, new SeparatorMenuItem(), quit);
    }

    /** The world shown, as a scenario file: what had to be removed first is listed before anything is replaced. */
    private static void exportScenario(MainViewModel viewModel, Services services) {
        Snapshot snapshot = viewModel.snapshotProperty().get();
        if (snapshot == null) {
            return;
        }
        services.dialogs().save("Export as scenario", "my-machine.yml").ifPresent(target -> {
            var result = ScenarioExport.export(snapshot, target.getFileName().toString().replaceFirst("\\.ya?ml$", ""), false);
            String details = "Removed before writing:\n" + (result.redacted().isEmpty() ? "  nothing needed removing"
                    : String.join("\n", result.redacted().stream().map(r -> "  - " + r).toList()));
            if (!Files.exists(target) || services.confirmations().confirm("Replace " + target.getFileName() + "?", details)) {
                viewModel.writeFile(target, result.yaml(), "Exported " + target.getFileName() + " ("
                        + (result.redacted().isEmpty() ? "nothing needed removing" : "removed: " + String.join("; ", result.redacted())) + ")");
            }
        });
    }

    private static Menu view(Zoom zoom, BooleanProperty dark, BooleanProperty presenter) {
        CheckMenuItem darkItem = new CheckMenuItem("_Dark theme");
        darkItem.setId("menu-dark");
        darkItem.selectedProperty().bindBidirectional(dark);
        MenuItem zoomIn = new MenuItem("Zoom _in (Ctrl+Plus)");
        zoomIn.setOnAction(e -> zoom.in());
        MenuItem zoomOut = new MenuItem("Zoom _out (Ctrl+Minus)");
        zoomOut.setOnAction(e -> zoom.out());
        MenuItem zoomReset = new MenuItem("_Actual size (Ctrl+0)");
        zoomReset.setOnAction(e -> zoom.reset());
        CheckMenuItem presenterItem = new CheckMenuItem("_Presenter mode (Ctrl+Shift+P)");
        presenterItem.setId("menu-presenter");
        presenterItem.selectedProperty().bindBidirectional(presenter);
        return new Menu("_View", null, darkItem, presenterItem, new SeparatorMenuItem(), zoomIn, zoomOut, zoomReset);
    }

    private static Menu scenarios(MainViewModel viewModel) {
        Menu scenarios = new Menu("_Scenarios");
        scenarios.setId("menu-scenarios");
        MenuItem live = new MenuItem("This machine (live)");
        live.setOnAction(e -> viewModel.useLiveWorld());
        scenarios.getItems().addAll(live, new SeparatorMenuItem());
        // Lessons by title and level, in teaching order: a slug such as classic-ci-docker-driver says little.
        int fixedItems = scenarios.getItems().size();
        viewModel.lessons().lessonsProperty().addListener((javafx.collections.ListChangeListener<Scenario>) change -> {
            scenarios.getItems().remove(fixedItems, scenarios.getItems().size());
            for (Scenario lesson : viewModel.lessons().lessonsProperty()) {
                MenuItem item = new MenuItem(lesson.title() + " (" + lesson.level() + ")");
                item.setId("menu-scenario-" + lesson.name());
                item.setMnemonicParsing(false);
                item.setOnAction(e -> ScenarioOpener.openBuiltIn(viewModel, lesson.name()));
                scenarios.getItems().add(item);
            }
        });
        viewModel.lessons().load(viewModel::reportUnexpected);
        return scenarios;
    }

    private static Menu help(Supplier<MainView> view, DoctorWindow doctor) {
        MenuItem check = new MenuItem("_Check this machine");
        check.setId("menu-doctor");
        check.setOnAction(e -> doctor.show(view.get().getScene() == null ? null : view.get().getScene().getWindow()));
        MenuItem how = new MenuItem("_How builders see images");
        how.setOnAction(e -> {
            view.get().tabs().getSelectionModel().select(0);
            dev.buildxlens.ui.help.Help.showHowBuildersSeeImages(WindowIcons.all());
        });
        MenuItem about = new MenuItem("_About Buildx Lens");
        about.setOnAction(e -> about());
        return new Menu("_Help", null, check, how, new SeparatorMenuItem(), about);
    }

    /** Help → About, shown (not modal); returned for the layout test. */
    static Alert about() {
        return info("About Buildx Lens", "Buildx Lens " + Version.current()
                + "\nShows which image stores each docker buildx builder can read, and why a FROM fails.");
    }

    private static Alert info(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        ((Stage) alert.getDialogPane().getScene().getWindow()).getIcons().setAll(WindowIcons.all());
        alert.setTitle(title);
        alert.setHeaderText(title);
        dev.buildxlens.ui.help.Help.sizeForReading(alert);
        alert.show();
        return alert;
    }
}
