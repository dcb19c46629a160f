package dev.buildxlens.ui;

import dev.buildxlens.ui.doctor.DoctorView;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.services.Services;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Help → Check this machine in a window of its own, not modal: the checklist stays open beside the map while the
 * user runs its fixes, and Check again (F5, Ctrl+R) looks at the machine anew. One window: asking again brings it to
 * the front. It follows the main window's theme and zoom; Esc closes it.
 */
final class DoctorWindow {

    static final double WIDTH = 760;
    static final double HEIGHT = 600;

    private final MainViewModel viewModel;
    private final Services services;
    private final Zoom zoom;
    private final BooleanProperty dark;
    private Stage stage;

    DoctorWindow(MainViewModel viewModel, Services services, Zoom zoom, BooleanProperty dark) {
        this.viewModel = viewModel;
        this.services = services;
        this.zoom = zoom;
        this.dark = dark;
    }

    /** Opens the window (or brings it to the front) and starts the checks; returns it for tests. */
    Stage show(Window owner) {
        if (stage == null) {
            stage = create(owner);
        }
        if (!stage.isShowing()) {
            viewModel.doctor().setActive(true);
            stage.show();
        }
        stage.toFront();
        return stage;
    }

    private Stage create(Window owner) {
        Stage window = new Stage();
        if (owner != null) {
            window.initOwner(owner);
        }
        window.setTitle(DoctorView.TITLE + " · Buildx Lens");
        window.getIcons().setAll(WindowIcons.all());
        DoctorView view = new DoctorView(viewModel.doctor(), services.clipboard(), viewModel::refresh, window::close);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(WIDTH, screen.getWidth() - 40), Math.min(HEIGHT, screen.getHeight() - 40));
        scene.getStylesheets().add(java.util.Objects.requireNonNull(
                DoctorWindow.class.getResource("/dev/buildxlens/ui/app.css")).toExternalForm());
        Theme.follow(dark, view);
        zoom.applyTo(view);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), viewModel::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), viewModel::refresh);
        window.setScene(scene);
        window.setMinWidth(480);
        window.setMinHeight(360);
        // Closed, it costs nothing: the view model stops checking until the window is opened again.
        window.setOnHidden(e -> viewModel.doctor().setActive(false));
        return window;
    }
}
