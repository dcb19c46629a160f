package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Without a daemon the app points at the scenarios, and a scenario replaces the world with its lesson. */
@ExtendWith(ApplicationExtension.class)
class ScenarioGalleryTest {

    private static Snapshot noDaemon() {
        Daemon daemon = Daemon.unreachable("default", "unix:///var/run/docker.sock",
                List.of(new DiscoveryAttempt("well-known socket", "unix:///var/run/docker.sock", false, "no socket at /var/run/docker.sock")));
        return new Snapshot(Instant.EPOCH, "live", daemon, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(ScenarioGalleryTest::noDaemon, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, new TestServices().services()));
        stage.show();
    }

    @Test
    void no_daemon_points_to_the_scenarios_and_a_scenario_teaches_its_lesson(FxRobot robot) {
        assertThat(robot.lookup("#banner-title").queryAs(Label.class).getText()).contains("No Docker daemon answered")
                .contains("Scenarios menu");

        robot.clickOn("Scenarios").clickOn("The classic CI case: a base image handed over as a tarball (intermediate)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#lesson-title").queryAs(Label.class).getText())
                .isEqualTo("Scenario: The classic CI case: a base image handed over as a tarball (intermediate)");
        ListView<String> captions = robot.lookup("#lesson-captions").queryListView();
        assertThat(captions.getItems().get(0)).startsWith("Goal: Job 1 exports a base image");
        assertThat(robot.lookup("#banner").query().isVisible()).as("a lesson is not a problem: no banner, no Retry").isFalse();
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");

        robot.clickOn("Scenarios").clickOn("A loaded base image, a docker-container builder (beginner)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(StoreMapView.element("builder-mybuilder")).tryQuery()).isPresent();
        assertThat(robot.lookup(StoreMapView.element("store-daemon_default")).tryQuery()).isPresent();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");

        robot.clickOn("Scenarios").clickOn("This machine (live)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#banner-title").queryAs(Label.class).getText()).contains("No Docker daemon answered");
        assertThat(robot.lookup("#lesson").query().isVisible()).isFalse();
    }
}
