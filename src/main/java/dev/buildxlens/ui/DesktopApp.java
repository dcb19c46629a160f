package dev.buildxlens.ui;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.FxTaskExecutor;
import dev.buildxlens.ui.task.TaskExecutor;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

/** The desktop app: one window on the live machine, probed in the background. */
public final class DesktopApp extends Application {

    /**
     * Held so the setting sticks: JavaFX warns "Unsupported JavaFX configuration" whenever it is loaded from the
     * class path, which is exactly how this jar ships; the warning tells users nothing they can act on.
     */
    private static final java.util.logging.Logger JAVAFX_LOGGER = java.util.logging.Logger.getLogger("javafx");

    private TaskExecutor executor;

    /** Opens the app. GUI options come in later versions; anything unknown is refused with exit code 2. */
    public static void launchApp(String[] args) {
        if (args.length > 0) {
            System.err.println("buildx-lens: unknown option '" + args[0] + "'");
            System.err.println("Run 'buildx-lens --help' for usage.");
            System.exit(2);
        }
        JAVAFX_LOGGER.setLevel(java.util.logging.Level.SEVERE);
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor();
        Environment env = Environment.system();
        Supplier<Snapshot> probe = () -> LiveProbe.forEnvironment(env, LiveProbe.Options.defaults()).take();
        stage.setScene(createScene(new MainViewModel(probe, executor)));
        stage.setTitle("Buildx Lens");
        stage.show();
    }

    /** The scene for a view model: shared by the app and the UI tests. Starts the first refresh. */
    public static Scene createScene(MainViewModel viewModel) {
        Scene scene = new Scene(new MainView(viewModel), 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(
                DesktopApp.class.getResource("/dev/buildxlens/ui/app.css")).toExternalForm());
        scene.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.F5) {
                viewModel.refresh();
            }
        });
        viewModel.refresh();
        return scene;
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
