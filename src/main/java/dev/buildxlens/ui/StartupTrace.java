package dev.buildxlens.ui;

import dev.buildxlens.core.Trace;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.ui.main.MainViewModel;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/** With {@code BUILDX_LENS_TRACE=1}: marks when the window appeared and when the first picture was shown. */
final class StartupTrace {

    private StartupTrace() {
    }

    static void install(Stage stage, MainViewModel viewModel) {
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Trace.mark("gui: window shown"));
        viewModel.snapshotProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Snapshot> o, Snapshot before, Snapshot now) {
                if (now != null) {
                    viewModel.snapshotProperty().removeListener(this);
                    Trace.mark("gui: first picture shown");
                }
            }
        });
    }
}
