package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioLoader;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A laptop with three engines and a dozen builders: the map groups the builders under their engine's heading, shows
 * the current engine's and folds the others (their builders, their own stores and their edges), and unfolds an
 * engine when its heading is activated or one of its builders is chosen. The engines' image stores always show.
 */
@ExtendWith(ApplicationExtension.class)
class StoreMapEnginesTest {

    /** colima is current with six container builders; desktop-linux has four of its own; an ssh context is not probed. */
    static String laptop() {
        StringBuilder yaml = new StringBuilder("""
                name: laptop-engines
                title: A laptop with three engines
                level: advanced
                runner: laptop
                daemon:
                  context: colima
                  host: unix:///home/dev/.colima/default/docker.sock
                  images:
                    - tags: [alpine:3.20]
                contexts:
                  - name: desktop-linux
                    host: unix:///home/dev/.docker/desktop/docker.sock
                    images:
                      - tags: [my-base:latest]
                builders:
                  - name: colima
                    driver: docker
                    current: true
                """);
        for (int i = 1; i <= 6; i++) {
            yaml.append("  - name: colima-ci-").append(i).append("\n    driver: docker-container\n");
        }
        for (int i = 1; i <= 4; i++) {
            yaml.append("  - name: desktop-ci-").append(i).append("\n    driver: docker-container\n    endpoint: desktop-linux\n");
        }
        return yaml.toString();
    }

    private MainViewModel viewModel;

    @Start
    void start(Stage stage) throws Exception {
        Scenario world = ScenarioLoader.parse(laptop(), "laptop-engines");
        viewModel = new MainViewModel(world::snapshot, new CurrentThreadTaskExecutor());
        AppWindow window = DesktopApp.createWindow(viewModel, false, 1.0, new dev.buildxlens.testing.TestServices().services());
        stage.setScene(window.scene());
        stage.setWidth(1024);
        stage.setHeight(768);
        stage.show();
        window.view().showTab("tab-store-map");
    }

    private static boolean shown(FxRobot robot, String id) {
        return robot.lookup(StoreMapView.element(id)).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void builders_are_grouped_by_engine_and_the_other_engines_are_folded(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Button colima = robot.lookup("#engine-colima").queryButton();
        Button desktop = robot.lookup("#engine-desktop-linux").queryButton();
        assertThat(colima.getText()).isEqualTo("▾ context colima (current) · 7 builders");
        assertThat(desktop.getText()).isEqualTo("▸ context desktop-linux · 5 builders · folded");
        assertThat(shown(robot, "builder-colima-ci-3")).isTrue();
        assertThat(shown(robot, "builder-desktop-ci-2")).as("a folded engine's builders take no room").isFalse();
        assertThat(shown(robot, "store-buildkit_desktop-ci-2")).as("nor do their own stores").isFalse();
        assertThat(shown(robot, "edge-desktop-ci-2--daemon_desktop-linux")).as("nor their edges").isFalse();
        assertThat(shown(robot, "store-daemon_desktop-linux")).as("every engine's image store shows").isTrue();
        assertThat(shown(robot, "edge-colima-ci-1--daemon_desktop-linux")).isTrue();
        assertThat(desktop.getBoundsInParent().getMinY()).as("the folded heading comes after the current engine's builders")
                .isGreaterThan(robot.lookup(StoreMapView.element("builder-colima-ci-6")).query().getBoundsInParent().getMaxY());

        robot.interact(desktop::fire);
        assertThat(desktop.getText()).isEqualTo("▾ context desktop-linux · 5 builders");
        assertThat(shown(robot, "builder-desktop-ci-2")).isTrue();
        assertThat(shown(robot, "store-buildkit_desktop-ci-2")).isTrue();
        assertThat(overlaps(robot)).as("unfolded, the column still has no overlapping cards").isEmpty();

        robot.interact(colima::fire);
        assertThat(colima.getText()).endsWith("· folded");
        assertThat(shown(robot, "builder-colima-ci-3")).isFalse();
    }

    @Test
    void choosing_a_builder_of_a_folded_engine_unfolds_it_and_the_keyboard_folds_too(FxRobot robot) {
        robot.interact(() -> viewModel.storeMap().selectBuilder("desktop-ci-3"));
        assertThat(shown(robot, "builder-desktop-ci-3")).isTrue();
        assertThat(robot.lookup("#engine-desktop-linux").queryButton().getText()).doesNotContain("folded");

        robot.interact(() -> viewModel.storeMap().selectBuilder("colima-ci-1"));
        assertThat(robot.lookup("#engine-desktop-linux").queryButton().getText()).as("what is not selected folds again").endsWith("· folded");

        Button desktop = robot.lookup("#engine-desktop-linux").queryButton();
        robot.interact(desktop::requestFocus);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desktop.getText()).doesNotContain("folded");
        assertThat(shown(robot, "builder-desktop-ci-1")).isTrue();
    }

    private static List<String> overlaps(FxRobot robot) {
        List<Node> column = new ArrayList<>();
        column.addAll(robot.lookup(".engine-heading").queryAll());
        column.addAll(robot.lookup(".builder-card").queryAll().stream().filter(Node::isVisible).toList());
        return LayoutChecks.overlaps(column, "builders column");
    }
}
