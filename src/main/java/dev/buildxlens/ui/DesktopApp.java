package dev.buildxlens.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.buildxlens.core.Version;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.FxTaskExecutor;
import dev.buildxlens.ui.task.TaskExecutor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/** The desktop app: one window on the live machine, probed in the background. */
public final class DesktopApp extends Application {

    /**
     * Held so the setting sticks: JavaFX warns "Unsupported JavaFX configuration" whenever it is loaded from the
     * class path, which is exactly how this jar ships; the warning tells users nothing they can act on.
     */
    private static final java.util.logging.Logger JAVAFX_LOGGER = java.util.logging.Logger.getLogger("javafx");
    private static final double BASE_FONT = 14;

    private TaskExecutor executor;
    private AppSettings settings;

    /** The app's own options: {@code --open FILE} (a Dockerfile or workflow for the Diagnose tab), {@code --screenshots DIR}. */
    record GuiOptions(Path open, Path screenshots, String scenario, Path measure) {
        static GuiOptions parse(List<String> args) {
            Path open = null;
            Path screenshots = null;
            String scenario = null;
            Path measure = null;
            for (int i = 0; i < args.size(); i++) {
                String word = args.get(i);
                if ((word.equals("--open") || word.equals("--screenshots") || word.equals("--scenario")
                        || word.equals("--measure-gui")) && i + 1 < args.size()) {
                    String value = args.get(++i);
                    switch (word) {
                        case "--open" -> open = Path.of(value);
                        case "--screenshots" -> screenshots = Path.of(value);
                        case "--measure-gui" -> measure = Path.of(value);
                        default -> scenario = value;
                    }
                } else {
                    throw new IllegalArgumentException(word);
                }
            }
            return new GuiOptions(open, screenshots, scenario, measure);
        }
    }

    /** Opens the app. {@code --screenshots DIR} renders every tab to PNG once the picture is loaded, then exits. */
    public static void launchApp(String[] args) {
        try {
            GuiOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("buildx-lens: unknown option or missing value '" + e.getMessage()
                    + "' (the app takes --open FILE, --scenario NAME|FILE, --screenshots DIR and --measure-gui FILE)");
            System.err.println("Run 'buildx-lens --help' for usage.");
            System.exit(2);
        }
        JAVAFX_LOGGER.setLevel(java.util.logging.Level.SEVERE);
        dev.buildxlens.core.Trace.mark("gui: launching the toolkit");
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        dev.buildxlens.core.Trace.mark("gui: toolkit started");
        executor = new FxTaskExecutor();
        settings = AppSettings.forUser();
        Environment env = Environment.system();
        dev.buildxlens.ui.main.SnapshotSource probe = progress -> LiveProbe.forEnvironment(env, LiveProbe.Options.defaults()).take(progress);
        MainViewModel viewModel = new MainViewModel(probe, executor, java.time.Clock.systemUTC());
        viewModel.diagnose().remember(settings.recentFiles());
        dev.buildxlens.ui.services.FxServices fx = new dev.buildxlens.ui.services.FxServices(() -> stage);
        Window window = createWindow(viewModel, settings.dark(), settings.zoom(),
                new dev.buildxlens.ui.services.Services(fx, fx, new dev.buildxlens.ui.services.FileWatcher(), fx));
        dev.buildxlens.core.Trace.mark("gui: window built");
        installCrashHandler(viewModel);
        stage.setScene(window.scene());
        stage.setTitle("Buildx Lens");
        stage.getIcons().setAll(icons());
        double[] bounds = settings.bounds();
        stage.setWidth(bounds[2]);
        stage.setHeight(bounds[3]);
        if (!Double.isNaN(bounds[0])) {
            stage.setX(bounds[0]);
            stage.setY(bounds[1]);
        }
        window.view().tabs().getTabs().stream().filter(t -> t.getId().equals(settings.lastTab())).findFirst()
                .ifPresent(t -> window.view().tabs().getSelectionModel().select(t));
        stage.setOnCloseRequest(e -> {
            settings.bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            Tab selected = window.view().tabs().getSelectionModel().getSelectedItem();
            settings.lastTab(selected == null ? "tab-store-map" : selected.getId());
            settings.dark(window.dark().get());
            settings.zoom(window.zoom().get());
            settings.recentFiles(viewModel.diagnose().recentProperty());
            settings.flush();
        });
        GuiOptions options = GuiOptions.parse(getParameters().getRaw());
        if (options.scenario() != null) {
            try {
                dev.buildxlens.core.scenario.Scenario scenario = dev.buildxlens.core.scenario.Scenarios.find(options.scenario());
                Path file = options.open() != null ? options.open()
                        : dev.buildxlens.core.scenario.ScenarioFiles.materialize(scenario, Files.createTempDirectory("buildx-lens-scenario"));
                showScenario(viewModel, scenario, file);
                stage.setTitle("Buildx Lens · scenario " + scenario.name());
                options = new GuiOptions(file, options.screenshots(), options.scenario(), options.measure());
            } catch (dev.buildxlens.core.scenario.ScenarioException | IOException e) {
                viewModel.reportUnexpected(e.getMessage());
            }
        }
        GuiOptions chosen = options;
        if (chosen.open() != null && chosen.scenario() == null) {
            viewModel.snapshotProperty().addListener((o, before, snapshot) -> {
                if (before == null) {
                    viewModel.diagnose().open(chosen.open());
                }
            });
        }
        if (chosen.screenshots() != null) {
            screenshotsWhenLoaded(window, viewModel, chosen.screenshots(), chosen.open() != null);
        }
        if (dev.buildxlens.core.Trace.enabled()) {
            traceStartup(stage, viewModel);
        }
        if (chosen.measure() != null) {
            dev.buildxlens.ui.measure.GuiMeasurement.install(stage, window.scene(), window.view(), viewModel, chosen.measure());
        }
        stage.show();
        dev.buildxlens.core.Trace.mark("gui: shown");
    }

    /** With {@code BUILDX_LENS_TRACE=1}: when the window appeared and when the first picture was shown. */
    private static void traceStartup(Stage stage, MainViewModel viewModel) {
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> dev.buildxlens.core.Trace.mark("gui: window shown"));
        viewModel.snapshotProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Snapshot> o, Snapshot before, Snapshot now) {
                if (now != null) {
                    viewModel.snapshotProperty().removeListener(this);
                    dev.buildxlens.core.Trace.mark("gui: first picture shown");
                }
            }
        });
    }

    /** Shows a scenario's world instead of this machine, its lesson as captions, and its build in the Diagnose tab. */
    static void showScenario(MainViewModel viewModel, dev.buildxlens.core.scenario.Scenario scenario, Path file) {
        List<String> captions = new java.util.ArrayList<>();
        if (!scenario.goal().isEmpty()) {
            captions.add("Goal: " + scenario.goal());
        }
        for (int i = 0; i < scenario.steps().size(); i++) {
            captions.add((i + 1) + ". " + scenario.steps().get(i));
        }
        // Diagnose once the scenario's world is in place, not against the picture it replaces.
        javafx.beans.value.ChangeListener<Snapshot> openWhenShown = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Snapshot> o, Snapshot before, Snapshot now) {
                if (now == scenario.snapshot()) {
                    viewModel.snapshotProperty().removeListener(this);
                    if (file != null) {
                        viewModel.diagnose().open(file);
                    }
                }
            }
        };
        boolean alreadyShown = viewModel.snapshotProperty().get() == scenario.snapshot();
        if (!alreadyShown) {
            viewModel.snapshotProperty().addListener(openWhenShown);
        }
        viewModel.useWorld(scenario::snapshot, "Scenario: " + scenario.title() + " (" + scenario.level() + ")", captions);
        if (alreadyShown && file != null) {
            viewModel.diagnose().open(file);
        }
    }

    /** The window's parts that settings and screenshots need. */
    public record Window(Scene scene, MainView view, DoubleProperty zoom, javafx.beans.property.BooleanProperty dark,
                         javafx.beans.property.BooleanProperty presenter) {
    }

    /** The scene for a view model: shared by the app and the UI tests. Starts the first refresh. */
    public static Scene createScene(MainViewModel viewModel, dev.buildxlens.ui.services.Services services) {
        return createWindow(viewModel, false, 1.0, services).scene();
    }

    public static Window createWindow(MainViewModel viewModel, boolean dark, double zoomLevel, dev.buildxlens.ui.services.Services services) {
        DoubleProperty zoom = new SimpleDoubleProperty(zoomLevel);
        javafx.beans.property.BooleanProperty darkTheme = new javafx.beans.property.SimpleBooleanProperty(dark);
        javafx.beans.property.BooleanProperty presenter = new javafx.beans.property.SimpleBooleanProperty(false);
        MainView[] holder = new MainView[1];
        MenuBar menu = menu(viewModel, zoom, darkTheme, presenter, () -> holder[0], services);
        MainView view = new MainView(viewModel, menu, services);
        holder[0] = view;
        Scene scene = new Scene(view, 1280, 820);
        scene.getStylesheets().add(Objects.requireNonNull(DesktopApp.class.getResource("/dev/buildxlens/ui/app.css")).toExternalForm());
        theme(darkTheme.get(), view);
        darkTheme.addListener((o, before, value) -> theme(value, view));
        view.setStyle(fontSize(zoom.get()));
        zoom.addListener((o, before, value) -> view.setStyle(fontSize(value.doubleValue())));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), viewModel::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), viewModel::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), () -> zoom.set(Math.min(3, zoom.get() + 0.1)));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), () -> zoom.set(Math.min(3, zoom.get() + 0.1)));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), () -> zoom.set(Math.max(0.6, zoom.get() - 0.1)));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), () -> zoom.set(1.0));
        // Presenter mode: big type, heavy lines, the map in front; back to the user's zoom when it ends.
        double[] zoomBefore = {zoom.get()};
        presenter.addListener((o, before, on) -> {
            view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("presenter"), on);
            if (on) {
                zoomBefore[0] = zoom.get();
                zoom.set(Math.max(1.6, zoom.get()));
                view.tabs().getSelectionModel().select(0);
            } else {
                zoom.set(zoomBefore[0]);
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> presenter.set(!presenter.get()));
        viewModel.refresh();
        return new Window(scene, view, zoom, darkTheme, presenter);
    }

    private static String fontSize(double zoom) {
        return String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * zoom);
    }

    /** AtlantaFX's Primer themes as the user-agent stylesheet; a pseudo-class lets our CSS follow the theme. */
    private static void theme(boolean dark, MainView view) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        view.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), dark);
    }

    private static MenuBar menu(MainViewModel viewModel, DoubleProperty zoom, javafx.beans.property.BooleanProperty dark,
                                javafx.beans.property.BooleanProperty presenter, Supplier<MainView> view,
                                dev.buildxlens.ui.services.Services services) {
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
        export.setOnAction(e -> {
            Snapshot snapshot = viewModel.snapshotProperty().get();
            if (snapshot == null) {
                return;
            }
            services.dialogs().save("Export as scenario", "my-machine.yml").ifPresent(target -> {
                var result = dev.buildxlens.core.scenario.ScenarioExport.export(snapshot,
                        target.getFileName().toString().replaceFirst("\\.ya?ml$", ""), false);
                String details = "Removed before writing:\n" + (result.redacted().isEmpty() ? "  nothing needed removing"
                        : String.join("\n", result.redacted().stream().map(r -> "  - " + r).toList()));
                if (!Files.exists(target) || services.confirmations().confirm("Replace " + target.getFileName() + "?", details)) {
                    viewModel.writeFile(target, result.yaml(), "Exported " + target.getFileName() + " ("
                            + (result.redacted().isEmpty() ? "nothing needed removing" : "removed: " + String.join("; ", result.redacted())) + ")");
                }
            });
        });
        Menu file = new Menu("_File", null, refresh, handout, export, new SeparatorMenuItem(), quit);
        CheckMenuItem darkItem = new CheckMenuItem("_Dark theme");
        darkItem.setId("menu-dark");
        darkItem.selectedProperty().bindBidirectional(dark);
        MenuItem zoomIn = new MenuItem("Zoom _in (Ctrl+Plus)");
        zoomIn.setOnAction(e -> zoom.set(Math.min(3, zoom.get() + 0.1)));
        MenuItem zoomOut = new MenuItem("Zoom _out (Ctrl+Minus)");
        zoomOut.setOnAction(e -> zoom.set(Math.max(0.6, zoom.get() - 0.1)));
        MenuItem zoomReset = new MenuItem("_Actual size (Ctrl+0)");
        zoomReset.setOnAction(e -> zoom.set(1.0));
        CheckMenuItem presenterItem = new CheckMenuItem("_Presenter mode (Ctrl+Shift+P)");
        presenterItem.setId("menu-presenter");
        presenterItem.selectedProperty().bindBidirectional(presenter);
        Menu viewMenu = new Menu("_View", null, darkItem, presenterItem, new SeparatorMenuItem(), zoomIn, zoomOut, zoomReset);
        MenuItem how = new MenuItem("_How builders see images");
        how.setOnAction(e -> {
            view.get().tabs().getSelectionModel().select(0);
            info("How builders see images", HOW_BUILDERS_SEE_IMAGES);
        });
        MenuItem about = new MenuItem("_About Buildx Lens");
        about.setOnAction(e -> info("About Buildx Lens", "Buildx Lens " + Version.current()
                + "\nShows which image stores each docker buildx builder can read, and why a FROM fails."));
        Menu scenarios = new Menu("_Scenarios");
        scenarios.setId("menu-scenarios");
        MenuItem live = new MenuItem("This machine (live)");
        live.setOnAction(e -> viewModel.useLiveWorld());
        scenarios.getItems().addAll(live, new SeparatorMenuItem());
        for (String name : dev.buildxlens.core.scenario.Scenarios.builtInNames()) {
            MenuItem item = new MenuItem(name);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                try {
                    dev.buildxlens.core.scenario.Scenario scenario = dev.buildxlens.core.scenario.Scenarios.builtIn(name);
                    showScenario(viewModel, scenario, dev.buildxlens.core.scenario.ScenarioFiles.materialize(scenario,
                            Files.createTempDirectory("buildx-lens-scenario")));
                } catch (dev.buildxlens.core.scenario.ScenarioException | IOException ex) {
                    viewModel.reportUnexpected(ex.getMessage());
                }
            });
            scenarios.getItems().add(item);
        }
        Menu help = new Menu("_Help", null, how, about);
        MenuBar bar = new MenuBar(file, viewMenu, scenarios, help);
        bar.setId("menu-bar");
        return bar;
    }

    static final String HOW_BUILDERS_SEE_IMAGES = """
            A FROM resolves from exactly three places: a named build context, the daemon's image store, or the registry the name points to.

            • The docker driver builds with dockerd's own BuildKit. It reads the daemon's image store, so images you docker load, docker build or docker pull are there.
            • Every other driver (docker-container, kubernetes, remote, cloud) runs BuildKit with its own content store. It never reads the daemon's images: an unqualified name such as my-base goes to docker.io/library/my-base, and fails with "pull access denied".
            • A builder's own cache keeps layers by digest, never names: not even an image the same builder built resolves from it.
            • A registry on localhost is the host's only for the docker driver, or for a docker-container builder created with --driver-opt network=host.

            The store map draws this: solid edges can read, dashed ones only with network=host, broken ones cannot.""";

    /** The app icon in the sizes window managers pick from. */
    public static List<javafx.scene.image.Image> icons() {
        List<javafx.scene.image.Image> icons = new java.util.ArrayList<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            var url = DesktopApp.class.getResource("/dev/buildxlens/icons/buildx-lens-" + size + ".png");
            if (url != null) {
                icons.add(new javafx.scene.image.Image(url.toExternalForm()));
            }
        }
        return icons;
    }

    private static void info(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        ((Stage) alert.getDialogPane().getScene().getWindow()).getIcons().setAll(icons());
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setMinWidth(640);
        alert.show();
    }

    /** Unexpected errors go to a log file in the user's config folder; the window shows one line. */
    private static void installCrashHandler(MainViewModel viewModel) {
        Path log = Path.of(System.getProperty("user.home"), ".config", "buildx-lens", "buildx-lens.log");
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(log, Instant.now() + " " + thread.getName() + "\n" + trace + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // Nowhere left to report to; the banner still says something went wrong.
            }
            String message = dev.buildxlens.core.probe.Messages.firstLine(error) + " (see " + log + ")";
            Platform.runLater(() -> viewModel.reportUnexpected(message));
        });
    }

    /** After the first picture arrives: every tab to DIR/<tab>.png, then exit. */
    private static void screenshotsWhenLoaded(Window window, MainViewModel viewModel, Path dir, boolean waitForDiagnosis) {
        Runnable shoot = () -> Platform.runLater(() -> {
                int code = 0;
                // Light up what the current builder can and cannot read: the picture that answers the question.
                viewModel.snapshotProperty().get().currentBuilder().ifPresent(builder -> viewModel.storeMap().selectBuilder(builder.name()));
                try {
                    for (Tab tab : window.view().tabs().getTabs()) {
                        window.view().tabs().getSelectionModel().select(tab);
                        window.view().applyCss();
                        window.view().layout();
                        Screenshots.write(window.scene(), dir.resolve(tab.getId().replace("tab-", "") + ".png"));
                        System.out.println("wrote " + dir.resolve(tab.getId().replace("tab-", "") + ".png"));
                    }
                } catch (IOException e) {
                    System.err.println("buildx-lens: cannot write screenshots to " + dir + ": " + e.getMessage());
                    code = 2;
                }
                Platform.exit();
                System.exit(code);
            });
        if (waitForDiagnosis) {
            // The Diagnose tab shows the opened file once its diagnosis is in.
            viewModel.diagnose().findingsProperty().addListener((javafx.collections.ListChangeListener<dev.buildxlens.core.diagnose.Finding>) c -> shoot.run());
            viewModel.diagnose().statusProperty().addListener((o, before, text) -> {
                if (text.contains("no errors")) {
                    shoot.run();
                }
            });
        } else {
            viewModel.snapshotProperty().addListener((o, before, snapshot) -> {
                if (before == null) {
                    shoot.run();
                }
            });
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
