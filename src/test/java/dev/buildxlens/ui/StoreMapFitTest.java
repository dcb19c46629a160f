package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How the map's cards fit a 1024×768 window: a handful of builders that would run past the map's bottom get smaller
 * text until they fit; dozens of builders, which would not fit even at the smallest text, keep the window's text size
 * and the map scrolls.
 */
@ExtendWith(ApplicationExtension.class)
class StoreMapFitTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setWidth(1024);
        stage.setHeight(768);
        stage.show();
    }

    private void show(int builders, FxRobot robot) {
        Snapshots world = Snapshots.world().localImage("base:latest");
        for (int i = 0; i < builders; i++) {
            world.builder("ci-" + i, "docker-container", Map.of());
        }
        Snapshot snapshot = world.current("ci-0").build();
        robot.interact(() -> stage.setScene(DesktopApp.createScene(new MainViewModel(() -> snapshot, new CurrentThreadTaskExecutor()),
                new dev.buildxlens.testing.TestServices().services())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String cardStyle(FxRobot robot, String id) {
        return robot.lookup(id).query().getStyle();
    }

    private static double overflow(FxRobot robot) {
        Node canvas = robot.lookup(".map-canvas").query();
        ScrollPane viewport = (ScrollPane) robot.lookup("#store-map .edge-to-edge").queryAll().stream()
                .filter(node -> node instanceof ScrollPane pane && pane.getContent() == canvas).findFirst().orElseThrow();
        return ((Region) canvas).getHeight() - viewport.getViewportBounds().getHeight();
    }

    @Test
    void a_few_builders_that_would_not_fit_get_smaller_text(FxRobot robot) {
        show(6, robot);
        assertThat(cardStyle(robot, "#builder-ci-0")).contains("-fx-font-size");
        assertThat(cardStyle(robot, "#store-daemon_default")).contains("-fx-font-size");
    }

    @Test
    void dozens_of_builders_keep_readable_text_and_scroll(FxRobot robot) {
        show(40, robot);
        assertThat(cardStyle(robot, "#builder-ci-0")).isEmpty();
        assertThat(cardStyle(robot, "#store-daemon_default")).isEmpty();
        assertThat(overflow(robot)).isGreaterThan(1000);
    }
}
