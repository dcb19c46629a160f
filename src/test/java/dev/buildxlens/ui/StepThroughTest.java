package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "What will the builder do?" on the classic laptop lesson: step by step to "pull access denied". */
@ExtendWith(ApplicationExtension.class)
class StepThroughTest {

    @Start
    void start(Stage stage) throws Exception {
        var world = Scenarios.builtIn("laptop-loaded-base").snapshot();
        MainViewModel viewModel = new MainViewModel(() -> world, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, new TestServices().services()));
        stage.show();
    }

    private static String badge(FxRobot robot, String card) {
        Node node = robot.lookup(StoreMapView.element(card)).query();
        return robot.from(node).lookup(".card-badge").queryAs(Label.class).getText();
    }

    @Test
    void steps_through_the_resolution_of_a_loaded_image_on_a_container_builder(FxRobot robot) {
        robot.clickOn("#step-image").write("my-base:latest");
        robot.clickOn("#step-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-caption").queryAs(Label.class).getText()).isEqualTo("Step 1/4 on mybuilder: Named build context");

        robot.clickOn("#step-next");
        assertThat(robot.lookup("#step-caption").queryAs(Label.class).getText()).isEqualTo("Step 2/4 on mybuilder: Daemon image store");
        assertThat(badge(robot, "store-daemon_default")).isEqualTo("2 · skipped");
        assertThat(robot.lookup("#store-map-explanation").queryAs(Label.class).getText()).contains("never reads the daemon's image store");

        robot.clickOn("#store-map-explanation");
        robot.type(javafx.scene.input.KeyCode.RIGHT);
        assertThat(badge(robot, "store-buildkit_mybuilder")).isEqualTo("3 · skipped");
        assertThat(robot.lookup("#store-map-explanation").queryAs(Label.class).getText()).contains("layers by digest, never names");

        robot.clickOn("#step-next");
        assertThat(badge(robot, "store-registry_docker_io")).isEqualTo("4 · ✗ fails here");
        assertThat(robot.lookup("#step-error").queryAs(Label.class).getText())
                .contains("failed to resolve source metadata for docker.io/library/my-base:latest: pull access denied");

        robot.clickOn("#step-previous");
        assertThat(robot.lookup("#step-caption").queryAs(Label.class).getText()).startsWith("Step 3/4");
        assertThat(robot.lookup("#step-error").query().isVisible()).isFalse();

        robot.clickOn("#step-next");
        robot.clickOn("#step-fix");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-caption").queryAs(Label.class).getText())
                .isEqualTo("What if (use-docker-driver), a replay: nothing on this machine changed. Step 1/2 on default: Named build context");
        robot.clickOn("#step-next");
        assertThat(badge(robot, "store-daemon_default")).isEqualTo("2 · ✓ found here");
        assertThat(robot.lookup("#step-caption").queryAs(Label.class).getText())
                .startsWith("What if (use-docker-driver), a replay: nothing on this machine changed. Step 2/2");
    }
}
