package dev.buildxlens.ui;

import dev.buildxlens.ui.main.MainViewModel;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Tab;
import javafx.stage.Screen;
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
        Rectangle2D screen = screenFor(bounds).getVisualBounds();
        double[] fitted = fit(bounds, screen);
        stage.setWidth(fitted[2]);
        stage.setHeight(fitted[3]);
        if (!Double.isNaN(fitted[0])) {
            stage.setX(fitted[0]);
            stage.setY(fitted[1]);
        }
        window.view().tabs().getTabs().stream().filter(t -> t.getId().equals(settings.lastTab())).findFirst()
                .ifPresent(t -> window.view().tabs().getSelectionModel().select(t));
    }

    /** The screen the saved place is on, or the primary one (the monitor it was on may be gone). */
    private static Screen screenFor(double[] bounds) {
        if (Double.isNaN(bounds[0])) {
            return Screen.getPrimary();
        }
        return Screen.getScreensForRectangle(bounds[0], bounds[1], 1, 1).stream().findFirst().orElse(Screen.getPrimary());
    }

    /**
     * The saved size and place made to fit the screen: a window remembered from a larger monitor, or the default
     * 1280×820 on a 1024×768 projector, would otherwise open with its status bar and buttons off screen. An unknown
     * place (NaN) stays unknown, so the window system centres it.
     */
    static double[] fit(double[] bounds, Rectangle2D screen) {
        double width = Math.min(bounds[2], screen.getWidth());
        double height = Math.min(bounds[3], screen.getHeight());
        if (Double.isNaN(bounds[0])) {
            return new double[] {Double.NaN, Double.NaN, width, height};
        }
        double x = Math.max(screen.getMinX(), Math.min(bounds[0], screen.getMaxX() - width));
        double y = Math.max(screen.getMinY(), Math.min(bounds[1], screen.getMaxY() - height));
        return new double[] {x, y, width, height};
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
