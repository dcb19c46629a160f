package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
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

/** The store map by real interaction, on a hand-made world: no daemon needed. */
@ExtendWith(ApplicationExtension.class)
class StoreMapViewTest {

    private static final Snapshot WORLD = Snapshots.world()
            .localImage("dmca-base:latest")
            .builder("ci", "docker-container", Map.of())
            .builder("ci-host", "docker-container", Map.of("network", "host"))
            .registry("localhost:5000", "foo/bar", "latest")
            .current("ci")
            .build();

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, new dev.buildxlens.testing.TestServices().services()));
        stage.show();
    }

    private static boolean has(Node node, String pseudoClass) {
        return node.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    @Test
    void draws_every_builder_store_and_verdict_with_its_shape(FxRobot robot) {
        assertThat(robot.lookup("#store-map").tryQuery()).isPresent();
        assertThat(robot.lookup(StoreMapView.element("builder-ci")).tryQuery()).isPresent();
        assertThat(robot.lookup(StoreMapView.element("store-daemon_default")).tryQuery()).isPresent();
        assertThat(robot.lookup(StoreMapView.element("store-registry_localhost_5000")).tryQuery()).isPresent();
        Node broken = robot.lookup(StoreMapView.element("edge-ci--daemon_default")).query();
        assertThat(broken.getStyleClass()).contains("edge-cannot-read");
        assertThat(robot.lookup(StoreMapView.element("edge-ci--registry_localhost_5000")).query().getStyleClass()).contains("edge-only-with-network-host");
        assertThat(robot.lookup(StoreMapView.element("edge-ci-host--registry_localhost_5000")).query().getStyleClass()).contains("edge-can-read");
        assertThat(robot.lookup(StoreMapView.element("edge-default--daemon_default")).query().getStyleClass()).contains("edge-can-read");
        assertThat(robot.lookup(StoreMapView.element("edge-ci--buildkit_ci")).query().getStyleClass()).contains("edge-cache-only");
    }

    @Test
    void clicking_a_builder_lights_up_what_it_can_and_cannot_read(FxRobot robot) {
        robot.clickOn(StoreMapView.element("builder-ci"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(has(robot.lookup(StoreMapView.element("builder-ci")).query(), "selected")).isTrue();
        assertThat(has(robot.lookup(StoreMapView.element("builder-default")).query(), "dimmed")).isTrue();
        Node daemon = robot.lookup(StoreMapView.element("store-daemon_default")).query();
        assertThat(has(daemon, "unreadable")).isTrue();
        assertThat(robot.from(daemon).lookup(".card-badge").queryAs(Label.class).getText()).isEqualTo("✗ cannot read");
        assertThat(has(robot.lookup(StoreMapView.element("store-registry_docker_io")).query(), "readable")).isTrue();
        Node local = robot.lookup(StoreMapView.element("store-registry_localhost_5000")).query();
        assertThat(has(local, "network-host")).isTrue();
        assertThat(robot.from(local).lookup(".card-badge").queryAs(Label.class).getText()).isEqualTo("~ only with network=host");
        Node cache = robot.lookup(StoreMapView.element("store-buildkit_ci")).query();
        assertThat(has(cache, "layers-only")).isTrue();
        assertThat(robot.from(cache).lookup(".card-badge").queryAs(Label.class).getText()).isEqualTo("· layers only, no names");
        assertThat(robot.lookup("#store-map-explanation").queryAs(Label.class).getText()).isEqualTo("ci can read registry:docker.io; not daemon:default; registry:localhost:5000 only with network=host; "
                        + "its own cache buildkit:ci holds layers, never names.");

        robot.clickOn(StoreMapView.element("builder-default"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(has(robot.lookup(StoreMapView.element("store-daemon_default")).query(), "readable")).isTrue();
    }

    @Test
    void searching_an_image_lights_up_the_stores_that_hold_it_and_the_builders_that_can_use_it(FxRobot robot) {
        robot.clickOn("#image-search").write("dmca-base");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(has(robot.lookup(StoreMapView.element("store-daemon_default")).query(), "holding")).isTrue();
        assertThat(has(robot.lookup(StoreMapView.element("builder-default")).query(), "readable")).isTrue();
        assertThat(has(robot.lookup(StoreMapView.element("builder-ci")).query(), "dimmed")).isTrue();
        assertThat(robot.lookup("#store-map-explanation").queryAs(Label.class).getText())
                .isEqualTo("'dmca-base' is in daemon:default; builders that can use it: default.");

        robot.doubleClickOn("#image-search").eraseText(9).write("foo/bar");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(has(robot.lookup(StoreMapView.element("store-registry_localhost_5000")).query(), "holding")).isTrue();
        assertThat(has(robot.lookup(StoreMapView.element("builder-ci-host")).query(), "readable")).isTrue();
        assertThat(has(robot.lookup(StoreMapView.element("builder-ci")).query(), "readable")).isFalse();
    }

    @Test
    void the_app_icon_loads_in_every_size() {
        assertThat(WindowIcons.all()).hasSize(7).allSatisfy(icon -> {
            assertThat(icon.isError()).isFalse();
            assertThat(icon.getWidth()).isEqualTo(icon.getHeight()).isGreaterThanOrEqualTo(16);
        });
    }

    @Test
    void clicking_an_edge_explains_it(FxRobot robot) {
        Node edge = robot.lookup(StoreMapView.element("edge-ci--daemon_default")).query();
        Node hit = robot.from(edge).lookup(".edge-hit").query();
        robot.clickOn(hit);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#store-map-explanation").queryAs(Label.class).getText())
                .startsWith("ci cannot read daemon:default: BuildKit runs in its own container");
    }
}
