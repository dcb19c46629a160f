package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioFiles;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.css.PseudoClass;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Presenter mode for workshops, and the Markdown handout with the diagram beside it. */
@ExtendWith(ApplicationExtension.class)
class PresenterAndHandoutTest {

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) throws Exception {
        Scenario scenario = Scenarios.builtIn("laptop-loaded-base");
        viewModel = new MainViewModel(scenario::snapshot, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, services.services()));
        stage.show();
        viewModel.useLesson(scenario, ScenarioFiles.materialize(scenario, temp), true, null);
    }

    @Test
    void presenter_mode_makes_everything_bigger_and_comes_back(FxRobot robot) {
        MainView view = robot.lookup(".main-view").queryAs(MainView.class);
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(2));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getStyle()).isEqualTo("-fx-font-size: 22.4px;");
        assertThat(view.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("presenter"));
        assertThat(tabs.getSelectionModel().getSelectedIndex()).as("the map in front").isZero();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getStyle()).isEqualTo("-fx-font-size: 14.0px;");
        assertThat(view.getPseudoClassStates()).doesNotContain(PseudoClass.getPseudoClass("presenter"));
    }

    @Test
    void the_world_exports_as_a_scenario_that_loads_back(FxRobot robot) throws Exception {
        Path exported = temp.resolve("exported.yml");
        services.saves.add(exported);
        robot.clickOn("File").clickOn("Export as scenario…");
        WaitForAsyncUtils.waitForFxEvents();
        var back = dev.buildxlens.core.scenario.ScenarioLoader.load(exported, "exported.yml");
        assertThat(back.snapshot().currentBuilder().orElseThrow().name()).isEqualTo("mybuilder");
        assertThat(back.snapshot().daemon().images()).extracting(i -> i.tags().get(0)).contains("my-base:latest", "alpine:3.20");
        assertThat(robot.lookup("#status-bar").queryAs(javafx.scene.control.Label.class).getText()).startsWith("Exported exported.yml");
    }

    @Test
    void the_handout_has_the_lesson_the_diagnosis_the_fixes_and_the_picture(FxRobot robot) throws Exception {
        Path handout = temp.resolve("lesson.md");
        services.saves.add(handout);
        robot.clickOn("File").clickOn("Export handout…");
        WaitForAsyncUtils.waitForFxEvents();
        String text = Files.readString(handout);
        assertThat(text).startsWith("# Scenario: A loaded base image, a docker-container builder (beginner)")
                .contains("- Goal: See why a builder made with 'docker buildx create --use'")
                .contains("![The store map](lesson-store-map.png)")
                .contains("error[local-image-invisible]")
                .contains("## How to fix this build");
        assertThat(temp.resolve("lesson-store-map.png")).isNotEmptyFile();
    }
}
