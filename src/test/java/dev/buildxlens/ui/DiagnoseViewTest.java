package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.fix.FixPlan;
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
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Diagnose tab by real interaction: open a Dockerfile, see the finding at its line, copy and save a fix. */
@ExtendWith(ApplicationExtension.class)
class DiagnoseViewTest {

    private static final Snapshot WORLD = Snapshots.world()
            .localImage("dmca-base:latest")
            .builder("ci", "docker-container", Map.of())
            .current("ci")
            .build();

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, services.services()));
        stage.show();
    }

    private void openDiagnoseTab(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void opening_a_dockerfile_shows_the_finding_at_its_line_and_the_fixes_copy_and_save(FxRobot robot) throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("app")).resolve("Dockerfile");
        Files.writeString(dockerfile, "# app\nFROM dmca-base:latest\nCOPY . /app\n");
        services.opens.add(dockerfile);
        openDiagnoseTab(robot);
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();

        ListView<SourceLine> source = robot.lookup("#source").queryListView();
        assertThat(source.getItems()).hasSize(4);
        assertThat(source.getItems().get(1).severity()).isEqualTo(dev.buildxlens.core.diagnose.Severity.ERROR);
        assertThat(source.getItems().get(1).marker()).isEqualTo("local-image-invisible");
        assertThat(source.getItems().get(0).severity()).isNull();
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");
        assertThat(robot.lookup("#diagnose-status").queryAs(Label.class).getText()).contains("1 error").contains("ci (docker-container)");

        robot.clickOn(robot.from(findings).lookup(".list-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#finding-explanation").queryAs(Label.class).getText()).contains("docker.io/library/dmca-base:latest");
        // The explanation says BuildKit, content store and driver: a link beside it defines them and opens the help.
        javafx.scene.control.Hyperlink words = robot.lookup("#finding-words").queryAs(javafx.scene.control.Hyperlink.class);
        assertThat(words.isVisible()).isTrue();
        assertThat(words.getTooltip().getText()).contains("BuildKit: ").contains("Content store: ").contains("Driver: ");
        robot.clickOn(words);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.DialogPane help = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(help.getHeaderText()).isEqualTo("How builders see images");
        assertThat(help.getContentText()).contains("Content store: where a BuildKit keeps");
        robot.interact(() -> help.getScene().getWindow().hide());
        ListView<FixPlan> fixes = robot.lookup("#fixes").queryListView();
        assertThat(fixes.getItems()).extracting(FixPlan::id).containsExactly("use-docker-driver", "local-registry-bridge", "oci-layout-context");

        robot.clickOn(robot.lookup("#copy-shell").nth(0).queryButton());
        assertThat(services.clipboard).isEqualTo("docker buildx build --builder default -f " + dockerfile + " " + dockerfile.getParent() + "\n");
        assertThat(robot.lookup("#copied").queryAs(Label.class).getText()).isEqualTo("Copied");

        robot.clickOn(fixes).type(javafx.scene.input.KeyCode.HOME).type(javafx.scene.input.KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fixes.getSelectionModel().getSelectedItem().id()).isEqualTo("local-registry-bridge");
        javafx.scene.control.ScrollPane scroll = robot.lookup("#snippets").queryAs(javafx.scene.control.ScrollPane.class);
        javafx.scene.Node saveButton = robot.lookup("#save-dockerfile-patch").query();
        // Scroll the snippets so the Save button is in view, as a user would.
        robot.interact(() -> {
            double y = scroll.getContent().sceneToLocal(saveButton.localToScene(0, 0)).getY();
            double content = scroll.getContent().getBoundsInLocal().getHeight();
            double viewport = scroll.getViewportBounds().getHeight();
            scroll.setVvalue(content <= viewport ? 0 : Math.min(1, y / (content - viewport)));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path saved = temp.resolve("bridge.patch");
        services.saves.add(saved);
        robot.clickOn("#save-dockerfile-patch");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(saved)).contains("+ARG BASE_IMAGE=dmca-base:latest").contains("-FROM dmca-base:latest");
        assertThat(Files.readString(dockerfile)).as("the user's file is untouched").isEqualTo("# app\nFROM dmca-base:latest\nCOPY . /app\n");

        robot.clickOn("#copy-markdown");
        assertThat(services.clipboard).startsWith("# How to fix this build").contains("use-docker-driver");

        javafx.scene.control.ComboBox<String> picker = robot.lookup("#builder-picker").queryComboBox();
        assertThat(picker.getItems()).containsExactly("", "default", "ci");
        robot.interact(() -> picker.setValue("default"));
        robot.clickOn("#rerun");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(findings.getItems()).as("the docker driver sees the image").isEmpty();
        assertThat(robot.lookup("#recent").queryAs(javafx.scene.control.MenuButton.class).getItems())
                .extracting(javafx.scene.control.MenuItem::getText).containsExactly(dockerfile.toString());
    }

    @Test
    void an_edit_on_disk_is_diagnosed_again(FxRobot robot) throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("watched")).resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM dmca-base:latest\n");
        services.opens.add(dockerfile);
        openDiagnoseTab(robot);
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).hasSize(1);

        Files.writeString(dockerfile, "FROM scratch\n");
        Label status = robot.lookup("#diagnose-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> status.getText().contains("no errors"));
        assertThat(findings.getItems()).isEmpty();
    }
}
