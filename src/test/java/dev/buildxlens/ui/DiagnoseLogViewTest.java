package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.diagnose.SourceLine;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starting from the error: Ctrl+V on an empty Diagnose tab, Paste an error…, and a saved .log opened like any file.
 * The log is shown like a source file, redacted, with the lines that are evidence marked; the findings and fixes
 * are those of {@code diagnose --log}; possible causes say which fact would decide them.
 */
@ExtendWith(ApplicationExtension.class)
class DiagnoseLogViewTest {

    private static final Snapshot WORLD = Snapshots.world().builder("ci", "docker-container", Map.of()).current("ci")
            .localImage("my-base:latest").build();
    private static final Path CORPUS = Path.of("src/test/resources/corpus/logs");

    private final TestServices services = new TestServices();
    private MainViewModel viewModel;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, services.services()));
        stage.setWidth(1024);
        stage.setHeight(768);
        stage.show();
    }

    @AfterEach
    void deletePasted() {
        viewModel.deleteLessonFilesNow();
    }

    private void openDiagnoseTab(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        robot.interact(() -> robot.lookup("#source").query().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String corpus(String name) throws Exception {
        return Files.readString(CORPUS.resolve(name).resolve("log.txt"));
    }

    @Test
    void ctrl_v_on_an_empty_tab_diagnoses_the_clipboard_and_marks_the_evidence(FxRobot robot) throws Exception {
        // A token pasted with the log never shows.
        services.clipboard = corpus("t-awspodeip50-desktop-linux-multiplatform") + "export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n";
        openDiagnoseTab(robot);
        robot.press(KeyCode.CONTROL).press(KeyCode.V).release(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("docker-driver-multiplatform");
        ListView<SourceLine> source = robot.lookup("#source").queryListView();
        assertThat(source.getItems()).extracting(SourceLine::number).startsWith(1, 2, 3);
        SourceLine header = source.getItems().get(1);
        assertThat(header.text()).contains("docker:desktop-linux");
        assertThat(header.marker()).as("the builder's line is evidence").isEqualTo("evidence: docker-driver-multiplatform");
        assertThat(header.severity()).isEqualTo(Severity.ERROR);
        assertThat(source.getItems().get(2).marker()).isEqualTo("docker-driver-multiplatform");
        assertThat(source.getSelectionModel().getSelectedIndex()).as("the finding's line is selected").isEqualTo(2);
        assertThat(source.getItems()).extracting(SourceLine::text).noneMatch(text -> text.contains("ghp_abcdefghij"));
        assertThat(robot.lookup("#diagnose-status").queryAs(Label.class).getText()).contains("1 error").contains("read as a build log");
        assertThat(robot.lookup("#fix-wizard").queryButton().isDisabled()).as("the log's fixes").isFalse();
        assertThat(robot.lookup("#log-notes").queryAs(Label.class).getText()).contains("desktop-linux");

        robot.interact(() -> viewModel.diagnose().close());
        assertThat(viewModel.diagnose().possibleCausesProperty()).isEmpty();
        assertThat(robot.lookup("#log-notes").queryAs(Label.class).isVisible()).as("a closed log leaves nothing behind").isFalse();
    }

    @Test
    void paste_an_error_asks_for_the_text_and_shows_the_possible_causes_with_the_missing_facts(FxRobot robot) throws Exception {
        openDiagnoseTab(robot);
        services.clipboard = "";
        Button paste = robot.lookup("#paste-log").queryButton();
        javafx.application.Platform.runLater(paste::fire);
        WaitForAsyncUtils.waitForFxEvents();
        Window dialog = Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow();
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        Node diagnose = pane.lookupButton(pane.getButtonTypes().stream().filter(b -> b.getText().equals("Diagnose")).findFirst().orElseThrow());
        assertThat(diagnose.isDisabled()).as("nothing pasted yet").isTrue();
        failuresAtProjectorSize(dialog);
        String log = corpus("p-buildx159-azure-from-loaded");
        robot.interact(() -> robot.lookup("#paste-log-text").queryAs(TextArea.class).setText(log));
        robot.interact(() -> ((Button) diagnose).fire());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#findings").queryListView().getItems()).isEmpty();
        assertThat(robot.lookup("#findings-placeholder").queryAs(Label.class).getText()).contains("possible causes below");
        List<String> causes = viewModel.diagnose().possibleCausesProperty();
        assertThat(causes).hasSize(2);
        assertThat(causes.get(0)).startsWith("local-image-invisible: ").contains("needs builder-driver");
        assertThat(causes.get(1)).startsWith("local-image-wrong-platform: ").contains("image-platform");
        assertThat(robot.lookup("#possible-causes").queryAs(javafx.scene.layout.VBox.class).getChildren()).hasSize(2);
        SourceLine failing = viewModel.diagnose().sourceProperty().get(2);
        assertThat(failing.marker()).isEqualTo("possibly local-image-invisible, possibly local-image-wrong-platform");
        assertThat(viewModel.diagnose().recentProperty()).as("a pasted log is not a file to remember").isEmpty();
    }

    @Test
    void a_saved_log_opens_like_any_file(FxRobot robot) throws Exception {
        Path log = Files.createTempDirectory("lens-log").resolve("job.log");
        Files.writeString(log, corpus("t-appimage74-no-output-then-run"));
        services.opens.add(log);
        openDiagnoseTab(robot);
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#findings").queryListView().getItems()).extracting(f -> ((Finding) f).id()).containsExactly("result-not-loaded");
        assertThat(robot.lookup("#source-title").queryAs(Label.class).getText()).endsWith("job.log");
        assertThat(robot.lookup("#options-note").queryAs(Label.class).getText()).startsWith("A build log");
    }

    @Test
    void a_local_log_is_checked_against_the_picture_shown(FxRobot robot) {
        services.clipboard = """
                #0 building with "ci" instance using docker-container driver

                #2 [internal] load metadata for docker.io/library/my-base:latest
                #2 ERROR: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed
                ERROR: failed to solve: my-base:latest: failed to resolve source metadata for docker.io/library/my-base:latest: pull access denied
                """;
        openDiagnoseTab(robot);
        robot.press(KeyCode.CONTROL).press(KeyCode.V).release(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.diagnose().findingsProperty()).extracting(Finding::message)
                .containsExactly("my-base:latest is in your daemon's image store right now; ci (docker-container driver) cannot read it");
        assertThat(viewModel.diagnose().possibleCausesProperty()).isEmpty();
        assertThat(viewModel.diagnose().fixesProperty()).extracting(p -> p.id()).contains("use-docker-driver", "local-registry-bridge");
    }

    private static void failuresAtProjectorSize(Window dialog) {
        assertThat(LayoutChecks.truncated(dialog.getScene().getRoot(), "Paste an error")).isEmpty();
        assertThat(dialog.getWidth()).isLessThanOrEqualTo(1024);
    }
}
