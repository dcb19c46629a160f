package dev.buildxlens.ui;

import dev.buildxlens.core.Trace;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.main.SnapshotSource;
import dev.buildxlens.ui.measure.GuiMeasurement;
import dev.buildxlens.ui.services.FileWatcher;
import dev.buildxlens.ui.services.FxServices;
import dev.buildxlens.ui.services.Services;
import dev.buildxlens.ui.task.FxTaskExecutor;
import dev.buildxlens.ui.task.TaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;

/**
 * The desktop app: one window on the live machine, probed in the background. It only wires the parts together:
 * {@link GuiOptions}, {@link MainMenu}, {@link Theme}, {@link Zoom}, {@link Shortcuts}, {@link PresenterMode},
 * {@link WindowSettings}, {@link CrashLog}, {@link ScenarioOpener}, {@link ScreenshotRun}, {@link StartupTrace}.
 */
public final class DesktopApp extends Application {

    /**
     * Held so the setting sticks: JavaFX warns "Unsupported JavaFX configuration" whenever it is loaded from the
     * class path, which is exactly how this jar ships; the warning tells users nothing they can act on.
     */
    private static final Logger JAVAFX_LOGGER = Logger.getLogger("javafx");
    private static final String APP_CSS =
            Objects.requireNonNull(DesktopApp.class.getResource("/dev/buildxlens/ui/app.css")).toExternalForm();

    private TaskExecutor executor;

    /** This machine's first picture, being taken since before the toolkit started; null for a lesson. */
    private static EarlyPicture firstPicture;

    /**
     * How long the window waits for the first picture before it shows without it. Shown empty, its whole scene is
     * styled and laid out once for the empty views and again for the picture a moment later (each about 300 ms on
     * a cold JVM at 1,000 images); shown with it, once.
     */
    private static final javafx.util.Duration FIRST_PICTURE_WAIT = javafx.util.Duration.millis(400);

    private static SnapshotSource liveProbe(Environment env) {
        return progress -> LiveProbe.forEnvironment(env, LiveProbe.Options.defaults()).take(progress);
    }

    /** Opens the app. {@code --screenshots DIR} renders every tab to PNG once the picture is loaded, then exits. */
    public static void launchApp(String[] args) {
        GuiOptions options = null;
        try {
            options = GuiOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("buildx-lens: unknown option or missing value '" + e.getMessage() + "' (" + GuiOptions.TAKES + ")");
            System.err.println("Run 'buildx-lens --help' for usage.");
            System.exit(2);
        }
        // A lesson shows its own world: this machine's first picture would only be thrown away.
        if (options.scenario() == null) {
            firstPicture = EarlyPicture.start(liveProbe(Environment.system()));
        }
        JAVAFX_LOGGER.setLevel(Level.SEVERE);
        Trace.mark("gui: launching the toolkit");
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Trace.mark("gui: toolkit started");
        executor = new FxTaskExecutor();
        AppSettings settings = AppSettings.forUser();
        Environment env = Environment.system();
        SnapshotSource probe = firstPicture != null ? firstPicture : liveProbe(env);
        MainViewModel viewModel = new MainViewModel(probe, executor, Clock.systemUTC());
        viewModel.diagnose().useImageDetails(dev.buildxlens.core.probe.LiveImageDetails.forEnvironment(env));
        // Help → Check this machine reads this shell's DOCKER_HOST, context and builder store, as `doctor` does.
        viewModel.doctor().useMachineFacts(snapshot -> dev.buildxlens.core.doctor.DoctorFacts.of(env, snapshot));
        // A lesson's files live in a temporary folder: it goes with the app, however the app ends (also System.exit).
        Runtime.getRuntime().addShutdownHook(new Thread(viewModel::deleteLessonFilesNow, "buildx-lens-lesson-cleanup"));
        viewModel.diagnose().remember(settings.recentFiles());
        FxServices fx = new FxServices(() -> stage);
        AppWindow window = createWindow(viewModel, settings.dark(), settings.zoom(), new Services(fx, fx, new FileWatcher(), fx));
        Trace.mark("gui: window built");
        CrashLog.install(viewModel);
        stage.setScene(window.scene());
        stage.setTitle("Buildx Lens");
        // Seven PNGs decoded off the FX thread (about 10 ms on it, before the first frame) and handed to the window
        // when ready: the window manager takes an icon whenever it comes.
        executor.execute(WindowIcons::all, icons -> stage.getIcons().setAll(icons), error -> { });
        WindowSettings.restore(stage, window, settings);
        WindowSettings.saveOnClose(stage, window, viewModel, settings);

        GuiOptions options = openRequested(stage, window, viewModel, GuiOptions.parse(getParameters().getRaw()));
        if (options.screenshots() != null) {
            ScreenshotRun.whenLoaded(window, viewModel, options.screenshots(), options.open() != null);
        }
        if (Trace.enabled()) {
            StartupTrace.install(stage, viewModel);
        }
        if (options.measure() != null) {
            GuiMeasurement.install(stage, window.scene(), window.view(), viewModel, options.measure());
        }
        showWithFirstPicture(stage, viewModel);
    }

    /** Shows the window as soon as it has a picture to show (a partial one will do), or after {@link #FIRST_PICTURE_WAIT}. */
    private static void showWithFirstPicture(Stage stage, MainViewModel viewModel) {
        Runnable show = () -> {
            if (!stage.isShowing()) {
                stage.show();
                Trace.mark("gui: shown");
            }
        };
        if (viewModel.snapshotProperty().get() != null) {
            show.run();
            return;
        }
        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(FIRST_PICTURE_WAIT);
        wait.setOnFinished(e -> show.run());
        javafx.beans.value.ChangeListener<Snapshot> pictured = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Snapshot> o, Snapshot before, Snapshot now) {
                if (now != null) {
                    viewModel.snapshotProperty().removeListener(this);
                    wait.stop();
                    // After the rest of the picture: the snapshot is set first, the map and the tables after it.
                    javafx.application.Platform.runLater(show);
                }
            }
        };
        viewModel.snapshotProperty().addListener(pictured);
        wait.play();
    }

    /**
     * {@code --scenario} and {@code --open}: the lesson's world, and the file asked for on the Diagnose tab, in front
     * (the user asked to see that file). Returns the options with the file that is open (a lesson's own build).
     */
    static GuiOptions openRequested(Stage stage, AppWindow window, MainViewModel viewModel, GuiOptions options) {
        boolean fileAsked = options.open() != null;
        if (options.scenario() != null) {
            Optional<ScenarioOpener.Opened> opened = ScenarioOpener.openNamed(viewModel, options.scenario(), options.open());
            if (opened.isPresent()) {
                stage.setTitle("Buildx Lens · scenario " + opened.get().scenario().name());
                options = options.withOpen(opened.get().file());
            }
        } else if (fileAsked) {
            openWithFirstPicture(viewModel, options.open());
        }
        if (fileAsked) {
            window.view().showTab("tab-diagnose");
        }
        return options;
    }

    /** {@code --open FILE}: diagnosed against the first picture of the machine. */
    private static void openWithFirstPicture(MainViewModel viewModel, Path file) {
        if (viewModel.snapshotProperty().get() != null) {
            viewModel.diagnose().open(file);
            return;
        }
        viewModel.snapshotProperty().addListener((o, before, snapshot) -> {
            if (before == null) {
                viewModel.diagnose().open(file);
            }
        });
    }

    /** The scene for a view model: shared by the app and the UI tests. Starts the first refresh. */
    public static Scene createScene(MainViewModel viewModel, Services services) {
        return createWindow(viewModel, false, 1.0, services).scene();
    }

    static AppWindow createWindow(MainViewModel viewModel, boolean dark, double zoomLevel, Services services) {
        Zoom zoom = new Zoom(zoomLevel);
        BooleanProperty darkTheme = new SimpleBooleanProperty(dark);
        BooleanProperty presenter = new SimpleBooleanProperty(false);
        MainView[] holder = new MainView[1];
        MenuBar menu = MainMenu.create(viewModel, zoom, darkTheme, presenter, () -> holder[0], services);
        MainView view = new MainView(viewModel, menu, services);
        holder[0] = view;
        Scene scene = new Scene(view, 1280, 820);
        scene.getStylesheets().add(APP_CSS);
        Theme.follow(darkTheme, view);
        zoom.applyTo(view);
        Shortcuts.install(scene, viewModel, zoom, presenter);
        PresenterMode.install(presenter, view, zoom);
        viewModel.refresh();
        return new AppWindow(scene, view, zoom, darkTheme, presenter);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
