package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.ImageCheck;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.DockerClient;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.BuilderStore;
import dev.buildxlens.core.probe.BuildxCli;
import dev.buildxlens.core.probe.DockerContext;
import dev.buildxlens.core.probe.ProbeResults;
import dev.buildxlens.core.probe.SnapshotAssembler;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** No daemon answers: what depends on it is unknown on the map and in Diagnose, never "can read" or "no findings". */
@ExtendWith(ApplicationExtension.class)
class NoDaemonTest {

    private static final String SOCKET = "unix:///tmp/missing.sock";

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();

    /** The picture the live probe takes with no daemon: the context's docker-driver builder, through the same assembly. */
    static Snapshot noDaemon() {
        Daemon daemon = Daemon.unreachable("default", SOCKET,
                List.of(new DiscoveryAttempt("DOCKER_HOST", SOCKET, false, "no socket at /tmp/missing.sock")));
        BuilderStore store = new BuilderStore(Path.of("no-store"), false, List.of(), Map.of(), Optional.empty(), Map.of(), List.of());
        ProbeResults facts = new ProbeResults(Instant.EPOCH, List.of(new DockerContext("default", "", SOCKET, false, null)), daemon,
                SOCKET, store, new BuildxCli.Listing(Optional.empty(), DockerClient.assumedWithBuildx("a test"), ""), Optional.empty(),
                List.of(new Registry("docker.io", false, "Docker Hub: not queried", false, false, "", List.of(), false)), List.of());
        return SnapshotAssembler.assemble(facts);
    }

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(NoDaemonTest::noDaemon, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, services.services()));
        stage.show();
    }

    private static String badge(FxRobot robot, String card) {
        Node node = robot.lookup(StoreMapView.element(card)).query();
        return robot.from(node).lookup(".card-badge").queryAs(Label.class).getText();
    }

    @Test
    void the_map_draws_the_unreachable_daemons_store_as_unknown(FxRobot robot) {
        Node edge = robot.lookup(StoreMapView.element("edge-default--daemon_default")).query();
        assertThat(edge.getStyleClass()).contains("edge-unknown").doesNotContain("edge-can-read");

        robot.clickOn(StoreMapView.element("builder-default"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(badge(robot, "store-daemon_default")).isEqualTo("? unknown");
        // The docker driver runs on that daemon: with no daemon, not even docker.io is known to be readable.
        assertThat(robot.lookup(StoreMapView.element("edge-default--registry_docker_io")).query().getStyleClass()).contains("edge-unknown")
                .doesNotContain("edge-can-read");
        assertThat(robot.lookup("#store-map-explanation").queryAs(Label.class).getText())
                .isEqualTo("whether default can read daemon:default, registry:docker.io is unknown: the daemon does not answer.");
    }

    @Test
    void diagnose_says_unknown_not_no_findings(FxRobot robot) throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("app")).resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM dmca-base:latest\nCOPY . /app\n");
        services.opens.add(dockerfile);
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();

        ListView<?> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).isEmpty();
        Label placeholder = (Label) findings.getPlaceholder();
        assertThat(placeholder.getText()).startsWith("Unknown: the Docker daemon does not answer").doesNotContain("No findings");
        assertThat(robot.lookup("#diagnose-status").queryAs(Label.class).getText()).contains("unreachable").doesNotContain("no errors");
        TableView<ImageCheck> images = robot.lookup("#diagnose-images").queryTableView();
        assertThat(images.getItems()).hasSize(1);
        assertThat(robot.from(images).lookup((Node n) -> n instanceof TableCell<?, ?> cell && cell.getText() != null).queryAll())
                .extracting(n -> ((TableCell<?, ?>) n).getText())
                .contains("unknown (the daemon does not answer)", "unknown").doesNotContain("not found locally", "yes");
    }
}
