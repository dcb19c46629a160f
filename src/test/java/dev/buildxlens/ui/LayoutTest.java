package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioFiles;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.services.FxServices;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Dialog;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The layout at a projector's 1024×768 and at 1400×900, light and dark, with a lesson and with 10,000 images: every
 * tab, presenter mode, the fix wizard's pages and the dialogs. Nothing labelled is cut without a tooltip carrying
 * its text, the step bar's controls never overlap and keep their places as the caption changes, the map's cards
 * neither overlap nor leave the map, and the Diagnose tab's options stay above its panes (also under the no-daemon
 * banner). One window, resized.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutTest {

    private static final double[][] SIZES = {{1024, 768}, {1400, 900}};

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();
    private final AtomicReference<Snapshot> world = new AtomicReference<>();
    private final List<String> failures = new ArrayList<>();
    private Stage stage;
    private AppWindow window;
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        world.set(tenThousand());
        viewModel = new MainViewModel(world::get, new CurrentThreadTaskExecutor());
        window = DesktopApp.createWindow(viewModel, false, 1.0, services.services());
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void deleteLessonFiles() {
        viewModel.deleteLessonFilesNow();
    }

    private static Snapshot tenThousand() {
        Snapshots world = Snapshots.world().builder("ci-builder-with-a-long-name", "docker-container", Map.of()).current("ci-builder-with-a-long-name")
                .localImage("dmca-base:latest");
        for (int i = 0; i < 10_000; i++) {
            world.localImage("registry.example.com/team" + (i % 50) + "/application-with-a-long-name-" + i + ":v" + (i % 7),
                    "mirror/app-" + i + ":latest");
        }
        return world.build();
    }

    @Test
    void nothing_is_cut_or_overlaps_at_projector_and_laptop_sizes(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> robot.lookup("#more-options").queryAs(ToggleButton.class).setSelected(true));

        // The lesson: its captions, its workflow diagnosed, a step-through with a long caption.
        Scenario lesson = Scenarios.builtIn("classic-ci");
        Path lessonFile = ScenarioFiles.materialize(lesson, Files.createDirectories(temp.resolve("lesson")));
        robot.interact(() -> viewModel.useLesson(lesson, lessonFile, true, null));
        WaitForAsyncUtils.waitForFxEvents();
        checkWorld(robot, tabs, "lesson", true);

        // The other front-ends (issue 16): a Compose project, a Bake file and a GitLab pipeline, each diagnosed.
        for (String frontEnd : new String[] {"compose-depends-on-is-not-a-build-order", "bake-target-link", "gitlab-job-to-job"}) {
            Scenario other = Scenarios.builtIn(frontEnd);
            Path otherFile = ScenarioFiles.materialize(other, Files.createDirectories(temp.resolve(frontEnd)));
            robot.interact(() -> viewModel.useLesson(other, otherFile, true, null));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(viewModel.diagnose().findingsProperty()).as("the findings of " + frontEnd).isNotEmpty();
            checkWorld(robot, tabs, frontEnd, false);
        }

        // A pasted GitHub Actions job log (issue 18): the log as the source, its finding, its evidence marked.
        robot.interact(() -> viewModel.useLiveWorld());
        WaitForAsyncUtils.waitForFxEvents();
        String jobLog = Files.readString(Path.of("src/test/resources/corpus/logs/g-smarttests1036-multiplatform-docker-driver/log.txt"));
        robot.interact(() -> viewModel.diagnose().pasteLog(jobLog));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.diagnose().findingsProperty()).as("the pasted log's findings").isNotEmpty();
        checkWorld(robot, tabs, "pasted log", false);

        // This machine with 10,000 images, and a Dockerfile diagnosed against it.
        Path dockerfile = Files.createDirectories(temp.resolve("ten-thousand")).resolve("Dockerfile");
        Files.writeString(dockerfile, "# syntax=docker/dockerfile:1\nFROM dmca-base:latest AS base\nFROM registry.example.com/team7/"
                + "application-with-a-long-name-7:v0\nCOPY --from=base /etc/os-release /\n");
        robot.interact(() -> {
            viewModel.useLiveWorld();
            viewModel.diagnose().open(dockerfile);
        });
        WaitForAsyncUtils.waitForFxEvents();
        checkWorld(robot, tabs, "10,000 images", false);

        // No daemon: the problem banner takes its room above the tabs, and the Dockerfile's diagnosis says unknown.
        world.set(NoDaemonTest.noDaemon());
        robot.interact(() -> viewModel.refresh());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#banner").query().isVisible()).as("the no-daemon banner").isTrue();
        checkWorld(robot, tabs, "no daemon", false);

        assertThat(failures).as(() -> failures.size() + " layout failures:\n" + String.join("\n", failures)).isEmpty();
    }

    private void checkWorld(FxRobot robot, TabPane tabs, String worldName, boolean dialogs) {
        assertThat(viewModel.diagnose().sourceProperty()).as("a file diagnosed in " + worldName).isNotEmpty();
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> window.dark().set(dark));
            for (double[] size : SIZES) {
                robot.interact(() -> {
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                WaitForAsyncUtils.waitForFxEvents();
                String where = worldName + ", " + (dark ? "dark" : "light") + ", " + (int) size[0] + "×" + (int) size[1];
                for (int tab = 0; tab < tabs.getTabs().size(); tab++) {
                    int index = tab;
                    robot.interact(() -> tabs.getSelectionModel().select(index));
                    settle(robot);
                    check(window.scene().getRoot(), where + ", tab " + tabs.getTabs().get(tab).getText());
                    if (tabs.getTabs().get(tab).getId().equals("tab-store-map")) {
                        checkMap(robot, where);
                    }
                    if (tabs.getTabs().get(tab).getId().equals("tab-diagnose")) {
                        checkDiagnose(robot, where);
                    }
                }
                robot.interact(() -> window.presenter().set(true));
                settle(robot);
                check(window.scene().getRoot(), where + ", presenter mode");
                picture(robot, window.scene(), where + " presenter");
                checkMap(robot, where + ", presenter mode");
                robot.interact(() -> window.presenter().set(false));
                settle(robot);
                if (dialogs && size[0] == 1024) {
                    checkDialogs(robot, tabs, where);
                }
            }
        }
    }

    /** The step bar before and during a step-through, its controls apart and in the same places; the cards inside the map. */
    private void checkMap(FxRobot robot, String where) {
        Parent bar = robot.lookup("#step-bar").queryAs(Parent.class);
        Node next = robot.lookup("#step-next").query();
        robot.interact(() -> robot.lookup("#step-image").queryAs(TextField.class).setText(""));
        settle(robot);
        double[] place = place(next);
        failures.addAll(LayoutChecks.overlapping(bar, where + ", step bar"));
        robot.interact(() -> {
            robot.lookup("#step-image").queryAs(TextField.class).setText("dmca-base:latest");
            viewModel.storeMap().stepThrough("dmca-base:latest");
        });
        for (int step = 0; step < 6; step++) {
            settle(robot);
            String at = where + ", step bar at \"" + viewModel.storeMap().stepCaptionProperty().get() + "\"";
            failures.addAll(LayoutChecks.overlapping(bar, at));
            failures.addAll(LayoutChecks.truncated(window.scene().getRoot(), at));
            double[] now = place(next);
            if (Math.abs(now[0] - place[0]) > 1 || Math.abs(now[1] - place[1]) > 1) {
                failures.add(at + ": Next moved from " + place[0] + "," + place[1] + " to " + now[0] + "," + now[1]);
            }
            robot.interact(() -> viewModel.storeMap().nextStep());
        }
        robot.interact(() -> robot.lookup("#step-image").queryAs(TextField.class).setText(""));
        Node canvas = robot.lookup(".map-canvas").query();
        List<Node> cards = new ArrayList<>(robot.lookup(".map-card").queryAll());
        failures.addAll(LayoutChecks.overlaps(cards, where + ", map cards"));
        failures.addAll(LayoutChecks.inside(cards, canvas, where + ", map cards"));
    }

    private static double[] place(Node node) {
        var bounds = LayoutChecks.sceneBounds(node);
        return new double[] {bounds.getMinX(), bounds.getMinY()};
    }

    /** More options stays above the source and findings, whatever the window's height. */
    private void checkDiagnose(FxRobot robot, String where) {
        Node toolbar = robot.lookup("#diagnose-toolbar").query();
        Node body = robot.lookup("#diagnose-body").query();
        List<Node> controls = new ArrayList<>();
        for (Node node : LayoutChecks.descendants((Parent) toolbar)) {
            if (node instanceof javafx.scene.control.Control && LayoutChecks.showing(node)) {
                controls.add(node);
            }
        }
        var area = LayoutChecks.sceneBounds(body);
        for (Node control : controls) {
            var b = LayoutChecks.sceneBounds(control);
            if (b.getMaxY() > area.getMinY() + 1) {
                failures.add(where + ", Diagnose: " + LayoutChecks.describe(control) + " " + b + " is under the panes " + area);
            }
        }
    }

    /** The fix wizard page by page, the confirmation with a long diff, Help and About: each at its own size. */
    private void checkDialogs(FxRobot robot, TabPane tabs, String where) {
        robot.interact(() -> tabs.getSelectionModel().select(3));
        settle(robot);
        Button fix = robot.lookup("#fix-wizard").queryButton();
        assertThat(fix.isDisabled()).as("the lesson's finding has fixes").isFalse();
        Platform.runLater(fix::fire);
        WaitForAsyncUtils.waitForFxEvents();
        for (int page = 1; page <= 5; page++) {
            Window dialog = dialogWindow();
            assertThat(dialog).as("the wizard is open at page " + page).isNotNull();
            settle(robot);
            String at = where + ", fix wizard page " + page;
            failures.addAll(LayoutChecks.truncated(dialog.getScene().getRoot(), at));
            picture(robot, dialog.getScene(), where + " wizard " + page);
            if (!(dialog instanceof Stage wizardStage) || !wizardStage.isResizable()) {
                failures.add(at + ": the wizard cannot be resized");
            }
            Button next = button(dialog, ButtonBar.ButtonData.NEXT_FORWARD);
            if (page < 5) {
                assertThat(next).as("Next on page " + page).isNotNull();
                robot.interact(next::fire);
            }
        }
        Button cancel = button(dialogWindow(), ButtonBar.ButtonData.CANCEL_CLOSE);
        robot.interact(cancel::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogWindow()).as("the wizard closed").isNull();

        StringBuilder diff = new StringBuilder("--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n@@ -1,40 +1,44 @@\n");
        for (int line = 0; line < 40; line++) {
            diff.append(line % 3 == 0 ? "+" : " ").append("      - run: docker buildx build --build-context base=docker-image://localhost:5000/base:latest line ")
                    .append(line).append('\n');
        }
        List<Dialog<?>> shown = new ArrayList<>();
        robot.interact(() -> {
            var confirmation = FxServices.confirmation(stage, "Apply to /home/user/project/.github/workflows/ci.yml?", diff.toString());
            confirmation.show();
            shown.add(confirmation);
        });
        settle(robot);
        Window confirmationWindow = dialogWindow();
        failures.addAll(LayoutChecks.truncated(confirmationWindow.getScene().getRoot(), where + ", Apply confirmation"));
        picture(robot, confirmationWindow.getScene(), where + " confirmation");
        var details = robot.lookup("#confirmation-details").queryAs(javafx.scene.control.TextArea.class);
        if (details.getHeight() < 15 * details.getFont().getSize()) {
            failures.add(where + ", Apply confirmation: the diff area is " + details.getHeight() + " px high, a few lines of a 40-line diff");
        }
        robot.interact(() -> shown.forEach(Dialog::close));
        shown.clear();
        robot.interact(() -> shown.add(dev.buildxlens.ui.help.Help.showHowBuildersSeeImages(List.of())));
        settle(robot);
        failures.addAll(LayoutChecks.truncated(dialogWindow().getScene().getRoot(), where + ", Help"));
        robot.interact(() -> shown.forEach(Dialog::close));
        shown.clear();
        robot.interact(() -> shown.add(MainMenu.about()));
        settle(robot);
        failures.addAll(LayoutChecks.truncated(dialogWindow().getScene().getRoot(), where + ", About"));
        robot.interact(() -> shown.forEach(Dialog::close));
        WaitForAsyncUtils.waitForFxEvents();

        // Help → Check this machine: the checklist of the world shown, at its opening size.
        javafx.scene.control.MenuItem doctorItem = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(i -> "menu-doctor".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(doctorItem::fire);
        settle(robot);
        Window doctor = dialogWindow();
        assertThat(doctor).as("Help → Check this machine opened").isNotNull();
        assertThat(robot.lookup("#doctor-checks").queryAs(javafx.scene.control.ScrollPane.class).getContent()
                .lookupAll(".doctor-check")).as(where + ": the checklist has rows").isNotEmpty();
        failures.addAll(LayoutChecks.truncated(doctor.getScene().getRoot(), where + ", Check this machine"));
        picture(robot, doctor.getScene(), where + " doctor");
        robot.interact(() -> ((Stage) doctor).close());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** For people to look at (target/layout/); the checks above are what the test asserts. */
    private static void picture(FxRobot robot, javafx.scene.Scene scene, String name) {
        Path file = Path.of("target/layout", name.replaceAll("[^A-Za-z0-9]+", "-") + ".png");
        robot.interact(() -> {
            try {
                Screenshots.write(scene, file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Window dialogWindow() {
        return Window.getWindows().stream().filter(w -> w != stage && w.isShowing() && w instanceof Stage).findFirst().orElse(null);
    }

    private static Button button(Window dialog, ButtonBar.ButtonData data) {
        return LayoutChecks.descendants(dialog.getScene().getRoot()).stream()
                .filter(n -> n instanceof Button b && ButtonBar.getButtonData(b) == data).map(Button.class::cast)
                .findFirst().orElse(null);
    }

    private void check(Parent root, String where) {
        failures.addAll(LayoutChecks.truncated(root, where));
    }

    private static void settle(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Window.getWindows().forEach(w -> {
            if (w.getScene() != null) {
                w.getScene().getRoot().applyCss();
                w.getScene().getRoot().layout();
            }
        }));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
