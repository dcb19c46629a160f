package dev.buildxlens.ui;

import dev.buildxlens.ui.main.MainViewModel;
import javafx.scene.control.Tab;
import javafx.stage.Stage;

/**
 * What the window keeps between runs ({@link AppSettings}): its place and size and the tab it showed, restored
 * when it opens; those, the theme, the zoom and the recent files, saved when it closes.
 */
final class WindowSettings {

    private WindowSettings() {
    }

    static void restore(Stage stage, AppWindow window, AppSettings settings) {
        double[] bounds = settings.bounds();
        stage.setWidth(bounds[2]);
        stage.setHeight(bounds[3]);
        if (!Double.isNaN(bounds[0])) {
            stage.setX(bounds[0]);
            stage.setY(bounds[1]);
        }
        window.view().tabs().getTabs().stream().filter(t -> t.getId().equals(settings.lastTab())).findFirst()
                .ifPresent(t -> window.view().tabs().getSelectionModel().select(t));
    }

    static void saveOnClose(Stage stage, AppWindow window, MainViewModel viewModel, AppSettings settings) {
        stage.setOnCloseRequest(e -> {
            settings.bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            Tab selected = window.view().tabs().getSelectionModel().getSelectedItem();
            settings.lastTab(selected == null ? "tab-store-map" : selected.getId());
            settings.dark(window.dark().get());
            settings.zoom(window.zoom().level());
            settings.recentFiles(viewModel.diagnose().recentProperty());
            settings.flush();
        });
    }
}
