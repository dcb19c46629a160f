package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.doctor.Check;
import dev.buildxlens.core.doctor.DoctorInputs;
import dev.buildxlens.core.doctor.MachineDoctor;
import dev.buildxlens.core.model.DockerClient;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Help → Check this machine as a user meets it: opened from the menu, one row per check of the command line's
 * doctor with the fix to copy, Copy as Markdown and the issue body, Check again taking a new picture, F5, Esc, and
 * the layout at a projector's 1024×768, light and dark.
 */
@ExtendWith(ApplicationExtension.class)
class DoctorWindowTest {

    /** A machine with a problem that has a fix: the buildx plugin is missing. */
    private static final Snapshot WORLD = Snapshots.world()
            .client(new DockerClient("/usr/bin/docker", "20.10.24", DockerClient.Plugin.MISSING, "", "docker: 'buildx' is not a docker command.", "linux"))
            .builder("ci", "docker-container", Map.of())
            .current("ci")
            .localImage("dmca-base:latest")
            .build();

    private final TestServices services = new TestServices();
    private final AtomicInteger probes = new AtomicInteger();
    private Stage stage;
    private AppWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        MainViewModel viewModel = new MainViewModel(() -> {
            probes.incrementAndGet();
            return WORLD;
        }, new CurrentThreadTaskExecutor());
        window = DesktopApp.createWindow(viewModel, false, 1.0, services.services());
        stage.setScene(window.scene());
        stage.setWidth(1024);
        stage.setHeight(768);
        stage.show();
    }

    private Stage doctorWindow() {
        return (Stage) Window.getWindows().stream().filter(w -> w != stage && w.isShowing() && w instanceof Stage).findFirst().orElse(null);
    }

    private void openFromMenu(FxRobot robot) {
        Menu help = robot.lookup("#menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .filter(m -> m.getText().equals("_Help")).findFirst().orElseThrow();
        MenuItem check = help.getItems().stream().filter(i -> "menu-doctor".equals(i.getId())).findFirst().orElseThrow();
        assertThat(check.getText()).isEqualTo("_Check this machine");
        robot.interact(check::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void the_checklist_shows_every_check_with_its_fix_and_copies_as_markdown_and_as_an_issue(FxRobot robot) {
        openFromMenu(robot);
        Stage doctor = doctorWindow();
        assertThat(doctor).as("Help → Check this machine opened a window").isNotNull();
        assertThat(doctor.getTitle()).isEqualTo("Check this machine · Buildx Lens");
        assertThat(doctor.getModality()).as("not modal: the map stays usable beside it").isEqualTo(javafx.stage.Modality.NONE);

        List<Check> expected = MachineDoctor.checks(DoctorInputs.of(WORLD));
        for (Check check : expected) {
            Node row = robot.lookup("#doctor-check-" + check.id().replaceAll("[^A-Za-z0-9-]", "-")).query();
            assertThat(row.getStyleClass()).contains("doctor-" + check.status().label());
            assertThat(texts(row)).contains(check.title());
        }
        Node buildx = robot.lookup("#doctor-check-buildx").query();
        assertThat(buildx.lookup(".snippet-box")).as("the missing plugin's fix is there to copy").isNotNull();
        assertThat(robot.lookup("#doctor-summary").queryAs(Label.class).getText()).contains("1 error");
        assertThat(robot.lookup("#doctor-subject").queryAs(Label.class).getText()).isEqualTo("This machine");

        robot.interact(() -> robot.lookup("#doctor-copy-markdown").queryButton().fire());
        assertThat(services.clipboard).startsWith("## Buildx Lens doctor").contains("buildx plugin is missing");
        robot.interact(() -> robot.lookup("#doctor-copy-issue").queryButton().fire());
        assertThat(services.clipboard).contains("### What happened").contains("### buildx-lens doctor").contains("```yaml");
        assertThat(robot.lookup("#doctor-copied").queryAs(Label.class).getText()).startsWith("Copied an issue body");

        // Asked again, the same window comes to the front: never two checklists.
        openFromMenu(robot);
        assertThat(Window.getWindows().stream().filter(w -> w.isShowing() && w != stage).count()).isEqualTo(1);
    }

    @Test
    void check_again_and_f5_take_a_new_picture_and_esc_closes(FxRobot robot) {
        openFromMenu(robot);
        int before = probes.get();
        robot.interact(() -> robot.lookup("#doctor-check-again").queryButton().fire());
        assertThat(probes.get()).as("Check again looks at the machine anew").isEqualTo(before + 1);
        assertThat(robot.lookup("#doctor-check-buildx").tryQuery()).as("and shows the checks again").isPresent();

        Stage doctor = doctorWindow();
        robot.interact(doctor::requestFocus);
        robot.targetWindow(doctor);
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(probes.get()).isEqualTo(before + 2);

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doctorWindow()).as("Esc closes the checklist").isNull();
    }

    @Test
    void nothing_is_cut_at_a_projectors_size_light_and_dark(FxRobot robot) {
        openFromMenu(robot);
        Stage doctor = doctorWindow();
        List<String> failures = new ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> {
                window.dark().set(dark);
                doctor.setWidth(DoctorWindow.WIDTH);
                doctor.setHeight(DoctorWindow.HEIGHT);
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> robot.lookup("#doctor-checks").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(0));
            failures.addAll(LayoutChecks.truncated(doctor.getScene().getRoot(), "doctor" + (dark ? " dark" : "")));
            Button close = robot.lookup("#doctor-close").queryButton();
            var bounds = close.localToScene(close.getBoundsInLocal());
            if (bounds.getMaxX() > doctor.getScene().getWidth() + 1 || bounds.getMaxY() > doctor.getScene().getHeight() + 1) {
                failures.add("doctor: Close is outside the window " + bounds);
            }
            picture(robot, doctor, "doctor" + (dark ? "-dark" : ""));
        }
        assertThat(failures).isEmpty();
    }

    private static List<String> texts(Node root) {
        return LayoutChecks.descendants((javafx.scene.Parent) root).stream()
                .filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
    }

    private static void picture(FxRobot robot, Stage window, String name) {
        robot.interact(() -> {
            try {
                Screenshots.write(window.getScene(), Path.of("target/layout", name + ".png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
