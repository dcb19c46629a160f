import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The benchmark's baseline for the app's first frame: the least a JavaFX window costs here. One Label in a 1280×820
 * scene, started by the harness with the same java binary as README's run path and no options. It writes
 * {"firstFrameMs": N}: from BUILDX_LENS_T0 (ms since the epoch, set by the harness just before launching) to the
 * first pulse laid out after the window was shown, as the app's --measure-gui counts its own first frame.
 */
public final class BareWindow {

    /**
     * Started through a main class that is no Application, as the app's own Launcher is: from the class path, java
     * refuses to start an Application subclass as the main class ("JavaFX runtime components are missing").
     */
    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {

        @Override
        public void start(Stage stage) {
            long t0 = Long.parseLong(System.getenv().getOrDefault("BUILDX_LENS_T0", "0"));
            Path output = Path.of(getParameters().getRaw().get(0));
            Scene scene = new Scene(new Label("Buildx Lens"), 1280, 820);
            scene.addPostLayoutPulseListener(new Runnable() {
                private boolean done;

                @Override
                public void run() {
                    if (done || !stage.isShowing()) {
                        return;
                    }
                    done = true;
                    long firstFrame = System.currentTimeMillis() - t0;
                    long fxCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
                    try {
                        Files.writeString(output, "{\n  \"firstFrameMs\" : " + firstFrame + ",\n  \"firstFrameFxCpuMs\" : " + fxCpu
                                + "\n}\n", StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        System.err.println("BareWindow: " + e.getMessage());
                    }
                    Platform.exit();
                }
            });
            stage.setScene(scene);
            stage.show();
        }
    }
}
