package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.testing.DockerTestSupport;
import dev.buildxlens.testing.TestBuilderStore;
import dev.buildxlens.ui.builders.BuilderRow;
import dev.buildxlens.ui.main.ImageRow;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.FxTaskExecutor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first window, headless, against the real daemon: builders and a freshly imported image appear. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TAG = "lens-ui-" + RUN + "/base:1";
    private static final String BUILDER = "lensui" + RUN;

    private static DockerTestSupport.Daemon daemon;
    private static TestBuilderStore store;
    private MainViewModel viewModel;

    @BeforeAll
    static void createImageAndBuilderStore() throws IOException {
        daemon = DockerTestSupport.connect();
        DockerTestSupport.importImage(daemon, "lens-ui-" + RUN + "/base", "1", "ui " + RUN);
        store = TestBuilderStore.in(Files.createTempDirectory("buildx-lens-ui"))
                .builder(BUILDER, "docker-container", daemon.host(), java.util.Map.of("network", "host"));
    }

    @AfterAll
    static void removeImage() {
        if (daemon != null) {
            DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(TAG).withForce(true).exec());
            daemon.close();
        }
    }

    @Start
    void start(Stage stage) {
        Environment env = store.environment(daemon.host());
        viewModel = new MainViewModel(() -> LiveProbe.forEnvironment(env, LiveProbe.Options.defaults()).take(), new FxTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, new dev.buildxlens.testing.TestServices().services()));
        stage.show();
    }

    @Test
    void shows_builders_and_the_image_the_test_created(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewModel.snapshotProperty().get() != null && !viewModel.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        TableView<BuilderRow> builders = robot.lookup("#builders-table").queryTableView();
        assertThat(builders.getItems()).extracting(BuilderRow::name).contains("default", BUILDER);
        BuilderRow containerBuilder = builders.getItems().stream().filter(r -> r.name().equals(BUILDER)).findFirst().orElseThrow();
        assertThat(containerBuilder.cannotRead()).contains("daemon:default");

        TableView<ImageRow> images = robot.lookup("#images-table").queryTableView();
        ImageRow row = images.getItems().stream().filter(r -> r.tags().contains(TAG)).findFirst().orElseThrow();
        assertThat(row.usableBy()).contains("default");
        assertThat(row.notUsableBy()).contains(BUILDER);
        assertThat(robot.lookup("#daemon-summary").queryLabeled().getText()).startsWith("Docker ");
        assertThat(robot.lookup("#banner").query().isVisible()).isFalse();
        // Never shown, never built: hidden lists would still be skinned and styled with the first frame.
        assertThat(robot.lookup("#banner-lines").tryQuery()).isEmpty();
        assertThat(robot.lookup("#lesson-captions").tryQuery()).isEmpty();

        javafx.scene.control.TabPane tabs = robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node buildersTable = robot.lookup("#builders-table").query();
        robot.clickOn(robot.from(buildersTable).lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> cell
                && BUILDER.equals(cell.getText())).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListView<String> details = robot.lookup("#builder-details").queryListView();
        assertThat(details.getItems()).anySatisfy(line -> assertThat(line).startsWith("CANNOT READ daemon:default"));
        assertThat(details.getItems()).anySatisfy(line -> assertThat(line).startsWith("CACHE ONLY buildkit:" + BUILDER));

        robot.interact(() -> tabs.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        saveScreenshot(robot, Path.of("target/screenshots/store-map.png"));
    }

    /** A picture of the window for people to look at; the assertions above are what the test checks. */
    private static void saveScreenshot(FxRobot robot, Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> robot.lookup("#builders-table").query().getScene().snapshot(null)).get();
        PixelReader pixels = image.getPixelReader();
        BufferedImage out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
