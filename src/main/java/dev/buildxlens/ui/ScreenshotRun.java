package dev.buildxlens.ui;

import dev.buildxlens.ui.main.MainViewModel;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Tab;

/** {@code --screenshots DIR}: after the first picture arrives, every tab to DIR/<tab>.png, then exit. */
final class ScreenshotRun {

    private ScreenshotRun() {
    }

    /**
     * @param waitForDiagnosis a file was opened: wait until the Diagnose tab shows its diagnosis rather than for
     *                         the first picture
     */
    static void whenLoaded(AppWindow window, MainViewModel viewModel, Path dir, boolean waitForDiagnosis) {
        Runnable shoot = () -> Platform.runLater(() -> shootAndExit(window, viewModel, dir));
        if (waitForDiagnosis) {
            // The Diagnose tab shows the opened file once its diagnosis is in, whatever it found (also nothing, or
            // that the daemon is unreachable).
            viewModel.diagnose().finishedRunsProperty().addListener((o, before, now) -> shoot.run());
        } else {
            viewModel.snapshotProperty().addListener((o, before, snapshot) -> {
                if (before == null) {
                    shoot.run();
                }
            });
        }
    }

    private static void shootAndExit(AppWindow window, MainViewModel viewModel, Path dir) {
        int code = 0;
        // Light up what the current builder can and cannot read: the picture that answers the question. The
        // Builders tab shows the same builder selected, with its details.
        viewModel.snapshotProperty().get().currentBuilder().ifPresent(builder -> {
            viewModel.storeMap().selectBuilder(builder.name());
            viewModel.builders().selectBuilder(builder.name());
        });
        try {
            for (Tab tab : window.view().tabs().getTabs()) {
                window.view().tabs().getSelectionModel().select(tab);
                window.view().applyCss();
                window.view().layout();
                Path file = dir.resolve(tab.getId().replace("tab-", "") + ".png");
                Screenshots.write(window.scene(), file);
                System.out.println("wrote " + file);
            }
        } catch (IOException e) {
            System.err.println("buildx-lens: cannot write screenshots to " + dir + ": " + e.getMessage());
            code = 2;
        }
        Platform.exit();
        System.exit(code);
    }
}
