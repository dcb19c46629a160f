package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "What will the builder do?" says at every step only what is true: the named-context step lights no builder as able
 * to use the image, a registry that is not queried is never "found", and the lesson's map ends where its caption
 * says the build fails.
 */
@ExtendWith(ApplicationExtension.class)
class StepThroughTruthTest {

    /** The seed case: an imported base image, and a docker-container builder as the current one. */
    private static final Snapshot SEED = Snapshots.world()
            .localImage("dmca-base:latest")
            .builder("ci", "docker-container", Map.of())
            .current("ci")
            .build();

    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = new MainViewModel(() -> SEED, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, new TestServices().services()));
        stage.show();
    }

    /** A lesson's temporary folder goes when the app ends; here the test ends. */
    @org.junit.jupiter.api.AfterEach
    void deleteLessonFiles() {
        viewModel.deleteLessonFilesNow();
    }

    private static String badge(FxRobot robot, String card) {
        Node node = robot.lookup(StoreMapView.element(card)).query();
        // A card gets its badge node the first time it has something to say.
        return robot.from(node).lookup(".card-badge").tryQueryAs(Label.class)
                .map(badge -> badge.isVisible() ? badge.getText() : "").orElse("");
    }

    private static boolean readable(FxRobot robot, String card) {
        Node node = robot.lookup(StoreMapView.element(card)).query();
        return node.getPseudoClassStates().contains(PseudoClass.getPseudoClass("readable"));
    }

    private static String caption(FxRobot robot) {
        return robot.lookup("#step-caption").queryAs(Label.class).getText();
    }

    private static void start(FxRobot robot, String image) {
        robot.clickOn("#step-image").eraseText(40).write(image);
        robot.clickOn("#step-start");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void toTheEnd(FxRobot robot) {
        while (!caption(robot).matches(".*Step (\\d+)/\\1 .*")) {
            robot.clickOn("#step-next");
        }
    }

    @Test
    void the_named_context_step_does_not_light_the_builder_as_able_to_use_the_image(FxRobot robot) {
        start(robot, "dmca-base:latest");
        assertThat(caption(robot)).isEqualTo("Step 1/4 on ci: Named build context");
        assertThat(badge(robot, "builder-ci")).isEqualTo("1 · Named build context: not here");
        assertThat(readable(robot, "builder-ci")).as("not drawn as 'can use it'").isFalse();

        toTheEnd(robot);
        assertThat(badge(robot, "store-registry_docker_io")).isEqualTo("4 · ✗ fails here");
        assertThat(badge(robot, "store-daemon_default")).isEqualTo("2 · skipped");
        assertThat(badge(robot, "builder-ci")).doesNotContain("can use it");
    }

    @Test
    void an_image_from_a_registry_that_is_not_queried_is_not_checked_never_found(FxRobot robot) {
        robot.clickOn(StoreMapView.element("builder-default"));
        start(robot, "alpine:3.20");
        assertThat(badge(robot, "builder-default")).isEqualTo("1 · Named build context: not here");
        assertThat(readable(robot, "builder-default")).isFalse();
        toTheEnd(robot);
        assertThat(badge(robot, "store-daemon_default")).isEqualTo("2 · not here");
        assertThat(badge(robot, "store-registry_docker_io")).isEqualTo("3 · ? not checked");
        assertThat(readable(robot, "store-registry_docker_io")).isFalse();
    }

    @Test
    void the_classic_ci_lessons_map_ends_where_its_caption_says_the_build_fails(FxRobot robot) {
        robot.interact(() -> ScenarioOpener.openBuiltIn(viewModel, "classic-ci"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.lessonCaptionsProperty()).anySatisfy(line -> assertThat(line).contains("and fails"));

        // The current builder is the one setup-buildx-action made: the build fails at docker.io, as the caption says.
        String current = viewModel.snapshotProperty().get().currentBuilder().orElseThrow().name();
        start(robot, "dmca-base:latest");
        assertThat(caption(robot)).isEqualTo("Step 1/4 on " + current + ": Named build context");
        assertThat(readable(robot, "" + "builder-" + current)).isFalse();
        toTheEnd(robot);
        assertThat(badge(robot, "store-registry_docker_io")).isEqualTo("4 · ✗ fails here");
        assertThat(robot.lookup("#step-error").queryAs(Label.class).getText()).contains("pull access denied");

        // default, the docker driver, finds the loaded image in the daemon's store: each step says what is true there.
        robot.clickOn(StoreMapView.element("builder-default"));
        start(robot, "dmca-base:latest");
        assertThat(badge(robot, "builder-default")).isEqualTo("1 · Named build context: not here");
        assertThat(readable(robot, "builder-default")).isFalse();
        toTheEnd(robot);
        assertThat(caption(robot)).isEqualTo("Step 2/2 on default: Daemon image store");
        assertThat(badge(robot, "store-daemon_default")).isEqualTo("2 · ✓ found here");
        assertThat(badge(robot, "store-registry_docker_io")).as("never reached").isEmpty();
    }
}
