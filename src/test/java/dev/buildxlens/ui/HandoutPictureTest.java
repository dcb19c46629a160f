package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioFiles;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The handout's picture is the lesson's map as it is lit up, with its words beside it; not the window. */
@ExtendWith(ApplicationExtension.class)
class HandoutPictureTest {

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        Scenario scenario = Scenarios.builtIn("laptop-loaded-base");
        MainViewModel viewModel = new MainViewModel(scenario::snapshot, new CurrentThreadTaskExecutor());
        scene = DesktopApp.createScene(viewModel, services.services());
        stage.setScene(scene);
        stage.show();
        viewModel.useLesson(scenario, ScenarioFiles.materialize(scenario, temp), true, null);
    }

    @Test
    void the_picture_is_the_map_with_the_step_on_screen_and_the_text_says_what_it_shows(FxRobot robot) throws Exception {
        robot.clickOn("#step-image").write("my-base:latest");
        robot.clickOn("#step-start");
        robot.clickOn("#step-next");
        WaitForAsyncUtils.waitForFxEvents();
        // Export from another tab: the picture is still the map.
        robot.clickOn("Builders");
        Path handout = temp.resolve("steps.md");
        services.saves.add(handout);
        robot.clickOn("File").clickOn("Export handout…");
        WaitForAsyncUtils.waitForFxEvents();

        BufferedImage picture = ImageIO.read(temp.resolve("steps-store-map.png").toFile());
        Bounds map = robot.lookup(".map-canvas").query().getLayoutBounds();
        assertThat(picture.getWidth()).as("the map's drawing, not the window").isEqualTo((int) Math.ceil(map.getWidth()));
        assertThat(picture.getHeight()).as("without the menu, header, search and step bar around it")
                .isEqualTo((int) Math.ceil(map.getHeight())).isLessThan((int) scene.getHeight() - 100);

        String text = Files.readString(handout);
        assertThat(text).contains("![The store map](steps-store-map.png)")
                .contains("Solid edge: can read")
                .contains("**Step 2/4 on mybuilder: Daemon image store**")
                .contains("never reads the daemon's image store");
    }
}
