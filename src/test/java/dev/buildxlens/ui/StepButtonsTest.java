package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The step bar offers only what there is to do: no Next at the last step, no fix for a resolution that works. */
@ExtendWith(ApplicationExtension.class)
class StepButtonsTest {

    @Start
    void start(Stage stage) throws Exception {
        var world = Scenarios.builtIn("laptop-loaded-base").snapshot();
        MainViewModel viewModel = new MainViewModel(() -> world, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, new TestServices().services()));
        stage.show();
    }

    private static boolean enabled(FxRobot robot, String id) {
        return !robot.lookup(id).queryAs(Button.class).isDisabled();
    }

    private static String caption(FxRobot robot) {
        return robot.lookup("#step-caption").queryAs(Label.class).getText();
    }

    @Test
    void buttons_are_enabled_only_with_something_to_step(FxRobot robot) {
        assertThat(enabled(robot, "#step-start")).as("no image to resolve yet").isFalse();
        assertThat(enabled(robot, "#step-play")).isFalse();
        assertThat(enabled(robot, "#step-previous")).isFalse();
        assertThat(enabled(robot, "#step-next")).isFalse();
        assertThat(enabled(robot, "#step-fix")).isFalse();

        robot.clickOn("#step-image").write("my-base:latest");
        assertThat(enabled(robot, "#step-start")).isTrue();
        assertThat(enabled(robot, "#step-play")).isTrue();
        assertThat(enabled(robot, "#step-next")).as("nothing started yet").isFalse();

        robot.clickOn("#step-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(caption(robot)).startsWith("Step 1/4");
        assertThat(enabled(robot, "#step-previous")).as("at the first step").isFalse();
        assertThat(enabled(robot, "#step-next")).isTrue();
        assertThat(enabled(robot, "#step-fix")).as("this resolution fails: there is a fix to show").isTrue();

        // From the keyboard: Next takes the focus, Space presses it until there is no next step.
        robot.interact(() -> robot.lookup("#step-next").query().requestFocus());
        robot.type(KeyCode.SPACE, 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(caption(robot)).startsWith("Step 4/4");
        assertThat(enabled(robot, "#step-next")).as("at the last step").isFalse();
        assertThat(enabled(robot, "#step-previous")).isTrue();

        robot.clickOn("#step-fix");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(caption(robot)).contains("on default");
        assertThat(enabled(robot, "#step-fix")).as("the fixed resolution works: nothing left to fix").isFalse();
        assertThat(enabled(robot, "#step-next")).isTrue();

        robot.doubleClickOn("#step-image").eraseText(14);
        assertThat(enabled(robot, "#step-start")).isFalse();
        assertThat(enabled(robot, "#step-play")).isFalse();
    }
}
