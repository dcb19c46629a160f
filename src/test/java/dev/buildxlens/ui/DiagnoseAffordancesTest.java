package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.diagnose.SourceLine;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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

/** The Diagnose tab follows the user: to the finding's line, to the file asked for, to an edit of a file it read. */
@ExtendWith(ApplicationExtension.class)
class DiagnoseAffordancesTest {

    private static final Snapshot WORLD = Snapshots.world()
            .localImage("dmca-base:latest")
            .localImage("tools:1")
            .builder("ci", "docker-container", Map.of())
            .current("ci")
            .build();

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();
    private MainViewModel viewModel;
    private AppWindow window;
    private Stage stage;

    private double widthBefore;
    private double heightBefore;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        widthBefore = stage.getWidth();
        heightBefore = stage.getHeight();
        viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        window = DesktopApp.createWindow(viewModel, false, 1.0, services.services());
        stage.setScene(window.scene());
        // A projector's size: the source shows a few lines only, so scrolling to one is seen.
        stage.setWidth(1024);
        stage.setHeight(768);
        stage.show();
    }

    /** TestFX shares one stage between test classes: the projector size must not follow the next class. */
    @org.junit.jupiter.api.AfterEach
    void restoreTheStageSize(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(Double.isNaN(widthBefore) || widthBefore <= 0 ? 1280 : widthBefore);
            stage.setHeight(Double.isNaN(heightBefore) || heightBefore <= 0 ? 820 : heightBefore);
        });
    }

    private void openDiagnoseTab(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** The cell showing line {@code index} (0-based) lies inside the list's viewport. */
    private static boolean lineInView(ListView<SourceLine> source, int index) {
        Bounds list = source.localToScene(source.getLayoutBounds());
        return source.lookupAll(".list-cell").stream().map(n -> (ListCell<?>) n)
                .filter(cell -> cell.getIndex() == index && cell.isVisible() && cell.getItem() != null)
                .anyMatch(cell -> {
                    Bounds bounds = cell.localToScene(cell.getLayoutBounds());
                    return bounds.getMinY() >= list.getMinY() && bounds.getMaxY() <= list.getMaxY();
                });
    }

    @Test
    void selecting_a_finding_scrolls_the_source_to_its_line_and_selects_it(FxRobot robot) throws Exception {
        StringBuilder text = new StringBuilder("# tools\nFROM tools:1 AS tools\n");
        for (int i = 3; i < 80; i++) {
            text.append("# line ").append(i).append('\n');
        }
        text.append("FROM dmca-base:latest\nCOPY --from=tools /bin/tool /bin/tool\n");
        for (int i = 82; i <= 200; i++) {
            text.append("# line ").append(i).append('\n');
        }
        Path dockerfile = write(temp.resolve("scroll/Dockerfile"), text.toString());
        services.opens.add(dockerfile);
        openDiagnoseTab(robot);
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();

        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        ListView<SourceLine> source = robot.lookup("#source").queryListView();
        assertThat(findings.getItems()).extracting(Finding::line).containsExactly(2, 80);
        assertThat(source.getSelectionModel().getSelectedIndex()).as("the first finding, selected on opening").isEqualTo(1);

        Node firstFinding = robot.from(findings).lookup(".list-cell").nth(0).query();
        robot.clickOn(firstFinding).type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(findings.getSelectionModel().getSelectedItem().line()).isEqualTo(80);
        assertThat(source.getSelectionModel().getSelectedIndex()).isEqualTo(79);
        assertThat(source.getSelectionModel().getSelectedItem().marker()).isEqualTo("local-image-invisible");
        assertThat(lineInView(source, 79)).as("line 80 scrolled into view").isTrue();
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(0));
        openDiagnoseTab(robot);
        assertThat(lineInView(source, 79)).as("still in view when the tab is shown again").isTrue();

        robot.interact(findings::requestFocus);
        robot.type(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(source.getSelectionModel().getSelectedIndex()).isEqualTo(1);
        assertThat(lineInView(source, 1)).as("and back to line 2").isTrue();
    }

    @Test
    void editing_a_dockerfile_the_workflow_builds_diagnoses_the_workflow_again(FxRobot robot) throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        write(repo.resolve("base/Dockerfile"), "FROM alpine:3.20\n");
        Path app = write(repo.resolve("app/Dockerfile"), "FROM alpine:3.20\n");
        Path workflow = write(repo.resolve(".github/workflows/ci.yml"), """
                on: push
                jobs:
                  base:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          context: base
                          tags: base:latest
                          outputs: type=docker,dest=/tmp/base.tar
                      - uses: actions/upload-artifact@v4
                        with:
                          name: base
                          path: /tmp/base.tar
                  app:
                    needs: base
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/download-artifact@v4
                        with:
                          name: base
                          path: /tmp
                      - run: docker load --input /tmp/base.tar
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          context: app
                          tags: app:latest
                """);
        services.opens.add(workflow);
        openDiagnoseTab(robot);
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).doesNotContain("local-image-invisible");

        Files.writeString(app, "FROM base:latest\n");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> findings.getItems().stream()
                .anyMatch(f -> f.id().equals("local-image-invisible")));
        assertThat(findings.getItems()).filteredOn(f -> f.id().equals("local-image-invisible"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("(app/Dockerfile:1)"));
    }

    @Test
    void a_file_given_with_open_starts_on_the_diagnose_tab(FxRobot robot) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < 60; i++) {
            text.append("# line ").append(i).append('\n');
        }
        text.append("FROM dmca-base:latest\n");
        for (int i = 61; i <= 150; i++) {
            text.append("# line ").append(i).append('\n');
        }
        Path dockerfile = write(temp.resolve("start/Dockerfile"), text.toString());
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-store-map");

        robot.interact(() -> DesktopApp.openRequested(stage, window, viewModel, new GuiOptions(dockerfile, null, null, null)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-diagnose");
        assertThat(viewModel.diagnose().fileProperty().get()).isEqualTo(dockerfile);
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");
        ListView<SourceLine> source = robot.lookup("#source").queryListView();
        assertThat(lineInView(source, 59)).as("the finding's line, in a tab never shown before").isTrue();
    }

    /** A node lies wholly inside the window (at the projector's 1024×768). */
    private boolean inWindow(Node node) {
        Bounds bounds = node.localToScene(node.getLayoutBounds());
        return node.isVisible() && bounds.getMinX() >= 0 && bounds.getMinY() >= 0
                && bounds.getMaxX() <= stage.getScene().getWidth() + 0.5 && bounds.getMaxY() <= stage.getScene().getHeight() + 0.5;
    }

    /**
     * A Compose project at 1024×768: the finding is in the Dockerfile a service builds, and that file is shown at the
     * finding's line; the file's name and the picker of the files read fit the window; editing that Dockerfile (not
     * the opened file) diagnoses the project again.
     */
    @Test
    void a_compose_service_s_dockerfile_is_shown_and_watched(FxRobot robot) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < 70; i++) {
            text.append("# line ").append(i).append('\n');
        }
        text.append("FROM dmca-base:latest\n");
        Path dockerfile = write(temp.resolve("compose-project/web/Dockerfile"), text.toString());
        Path compose = write(temp.resolve("compose-project/compose.yaml"), "services:\n  web:\n    build: ./web\n");
        services.opens.add(compose);
        openDiagnoseTab(robot);
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();

        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");
        javafx.scene.control.Label title = robot.lookup("#source-title").queryAs(javafx.scene.control.Label.class);
        assertThat(title.getText()).isEqualTo("Source: web/Dockerfile");
        ListView<SourceLine> source = robot.lookup("#source").queryListView();
        assertThat(source.getSelectionModel().getSelectedIndex()).isEqualTo(69);
        assertThat(lineInView(source, 69)).as("the finding's line in the service's Dockerfile").isTrue();
        Node picker = robot.lookup("#source-files").query();
        assertThat(inWindow(title)).as("the file's name fits").isTrue();
        assertThat(title.getWidth()).as("not cut").isGreaterThanOrEqualTo(title.prefWidth(-1) - 0.5);
        assertThat(inWindow(picker)).as("the picker fits").isTrue();
        assertThat(viewModel.diagnose().watchedFilesProperty().get()).contains(dockerfile.toAbsolutePath().normalize());

        Files.writeString(dockerfile, "FROM alpine:3.20\n");
        // The re-run happens on the FX thread: wait until it has finished (its status is the last thing it sets).
        javafx.scene.control.Label status = robot.lookup("#diagnose-status").queryAs(javafx.scene.control.Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> findings.getItems().isEmpty() && status.getText().contains("no errors"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(findings.getItems()).isEmpty();
        assertThat(status.getText()).contains("no errors").contains("read as a Compose file");
    }
}
