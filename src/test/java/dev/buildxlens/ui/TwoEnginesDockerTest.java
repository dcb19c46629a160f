package dev.buildxlens.ui;

import dev.buildxlens.ui.storemap.StoreMapView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.doctor.Check;
import dev.buildxlens.core.doctor.DoctorFacts;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.testing.SecondDaemon;
import dev.buildxlens.testing.TestBuilderStore;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.FxTaskExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app on two real engines: this machine's dockerd (context default) and a second dockerd behind a context of its
 * own, with a container builder on the second. The map draws both engines' image stores and groups the builders
 * under their engine, the second folded; Help → Check this machine says the second context answers.
 */
@ExtendWith(ApplicationExtension.class)
class TwoEnginesDockerTest {

    private static SecondDaemon second;
    private static Path root;
    private MainViewModel viewModel;

    @BeforeAll
    static void startSecondEngine() throws Exception {
        second = new SecondDaemon(Files.createTempDirectory("lens-two-")).start();
        root = Files.createTempDirectory("lens-two-config");
        Path meta = root.resolve("docker-config/contexts/meta/"
                + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest("second".getBytes(StandardCharsets.UTF_8))));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"second\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                + second.host() + "\",\"SkipTLSVerify\":false}}}");
        TestBuilderStore.in(root).builder("second-ci", "docker-container", "second", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.stop();
        }
    }

    @Start
    void start(Stage stage) {
        Environment env = Environment.system().without("DOCKER_HOST").without("DOCKER_CONTEXT")
                .with("DOCKER_CONFIG", root.resolve("docker-config").toString()).with("BUILDX_CONFIG", root.resolve("buildx").toString())
                .with("DOCKER_HOST", "unix:///var/run/docker.sock");
        // DOCKER_HOST picks this machine's engine, as on a laptop whose shell sets it; the context store lists the second.
        viewModel = new MainViewModel(() -> LiveProbe.forEnvironment(env, LiveProbe.Options.defaults()).take(), new FxTaskExecutor());
        viewModel.doctor().useMachineFacts(snapshot -> DoctorFacts.of(env, snapshot));
        AppWindow window = DesktopApp.createWindow(viewModel, false, 1.0, new dev.buildxlens.testing.TestServices().services());
        stage.setScene(window.scene());
        stage.setWidth(1024);
        stage.setHeight(768);
        stage.show();
    }

    @Test
    void the_map_shows_both_engines_and_the_checklist_says_the_second_answers(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.snapshotProperty().get() != null && !viewModel.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.snapshotProperty().get().engines()).extracting(e -> e.name()).containsExactly("default", "second");
        assertThat(robot.lookup(StoreMapView.element("store-daemon_default")).tryQuery()).isPresent();
        Node secondStore = robot.lookup(StoreMapView.element("store-daemon_second")).query();
        assertThat(secondStore.isVisible()).as("every engine's image store shows").isTrue();
        assertThat(robot.lookup("#engine-default").queryButton().getText()).startsWith("▾ context default (current)");
        assertThat(robot.lookup("#engine-second").queryButton().getText()).isEqualTo("▸ context second · 2 builders · folded");
        assertThat(robot.lookup(StoreMapView.element("builder-second-ci")).query().isVisible()).isFalse();
        robot.interact(() -> robot.lookup("#engine-second").queryButton().fire());
        assertThat(robot.lookup(StoreMapView.element("builder-second-ci")).query().isVisible()).isTrue();
        robot.interact(() -> {
            try {
                Screenshots.write(robot.lookup("#store-map").query().getScene(), Path.of("target/layout/two-engines.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        robot.interact(() -> robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(i -> "menu-doctor".equals(i.getId())).findFirst().orElseThrow().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !viewModel.doctor().checksProperty().isEmpty());
        List<Check> checks = List.copyOf(viewModel.doctor().checksProperty());
        Check context = checks.stream().filter(c -> c.id().equals("context:second")).findFirst().orElseThrow();
        assertThat(context.status()).isEqualTo(Check.Status.OK);
        assertThat(checks).extracting(Check::id).contains("engine", "builder:second-ci");
    }
}
