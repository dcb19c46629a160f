package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Listeners;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.snippet.SnippetBox;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The fix wizard belongs to the finding it was opened for, and leaves nothing behind when it closes. */
@ExtendWith(ApplicationExtension.class)
class FixWizardFindingTest {

    private static final Snapshot WORLD = Snapshots.world()
            .localImage("dmca-base:latest")
            .localImage("other-base:1")
            .builder("ci", "docker-container", Map.of())
            .current("ci")
            .build();

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, services.services()));
        stage.show();
    }

    /** A lesson's temporary folder goes when the app ends; here the test ends. */
    @org.junit.jupiter.api.AfterEach
    void deleteLessonFiles() {
        viewModel.deleteLessonFilesNow();
    }

    private ListView<Finding> open(FxRobot robot, String name, String text) throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve(name)).resolve("Dockerfile");
        Files.writeString(dockerfile, text);
        services.opens.add(dockerfile);
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#findings").queryListView();
    }

    private static void closeWizard(FxRobot robot) {
        robot.lookup(".dialog-pane .button-bar .button").queryAllAs(Button.class).stream()
                .filter(Button::isCancelButton).findFirst().ifPresent(robot::clickOn);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void snippetPage(FxRobot robot) {
        robot.clickOn("Next");
        robot.clickOn("Next");
        robot.clickOn("Next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").queryAll()).as("the page of changes").anySatisfy(pane ->
                assertThat(robot.from((Node) pane).lookup("#wizard-snippets").tryQuery()).isPresent());
    }

    /** Scrolls the wizard's list of changes so {@code node} is in view, as a user would, and clicks it. */
    static void scrollToAndClick(FxRobot robot, Node node) {
        ScrollPane scroll = robot.lookup("#wizard-snippets").queryAs(ScrollPane.class);
        robot.interact(() -> {
            double y = scroll.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
            double content = scroll.getContent().getBoundsInLocal().getHeight();
            double viewport = scroll.getViewportBounds().getHeight();
            scroll.setVvalue(content <= viewport ? 0 : Math.min(1, y / (content - viewport)));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(node);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The snippet boxes the wizard's page of changes shows, by title. */
    static List<SnippetBox> changes(FxRobot robot) {
        return robot.lookup("#wizard-changes .snippet-box").queryAllAs(SnippetBox.class).stream().toList();
    }

    /** Shown means on screen: the node and every parent visible, as a tab's content is only while its tab is selected. */
    static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    @Test
    void the_wizard_for_a_later_finding_stays_with_it_after_a_patch_moves_it(FxRobot robot) throws Exception {
        ListView<Finding> findings = open(robot, "two", "FROM other-base:1 AS tools\nFROM dmca-base:latest\nCOPY --from=tools /t /t\n");
        assertThat(findings.getItems()).extracting(f -> f.subject().image()).containsExactly("other-base:1", "dmca-base:latest");

        robot.clickOn(robot.from(findings).lookup(".list-cell").nth(1).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#fix-wizard");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Next");
        robot.clickOn("#wizard-option-local-registry-bridge");
        robot.clickOn("Next");
        robot.clickOn("Next");
        WaitForAsyncUtils.waitForFxEvents();
        SnippetBox patch = changes(robot).stream().filter(b -> b.title().startsWith("dockerfile-patch")).findFirst().orElseThrow();
        assertThat(patch.exactText()).contains("-FROM dmca-base:latest").doesNotContain("-FROM other-base");

        scrollToAndClick(robot, robot.from(patch).lookup(".button").queryAllAs(Button.class).stream()
                .filter(b -> b.getId() != null && b.getId().startsWith("wizard-apply-")).findFirst().orElseThrow());
        assertThat(Files.readString(temp.resolve("two/Dockerfile"))).contains("ARG BASE_IMAGE=dmca-base:latest");

        // The patch moved the finding a line down: still the same finding, its file change made, nothing offered twice.
        assertThat(robot.lookup("#wizard-state").queryAs(Label.class).getText())
                .isEqualTo("Already applied: every change this fix makes to your files is in them; what is below still has to run.");
        assertThat(changes(robot)).extracting(SnippetBox::title).noneMatch(t -> t.startsWith("dockerfile-patch"));
        assertThat(changes(robot)).extracting(SnippetBox::exactText).as("the later finding's plan, not the first's")
                .anyMatch(t -> t.contains("localhost:5000/dmca-base")).noneMatch(t -> t.contains("localhost:5000/other-base"));
        assertThat(robot.lookup("#wizard-changes .label").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(t -> assertThat(t).startsWith("✓ Already done:"));
        assertThat(findings.getSelectionModel().getSelectedItem().subject().image()).isEqualTo("dmca-base:latest");
        closeWizard(robot);
    }

    @Test
    void after_half_a_fix_of_a_lesson_the_other_half_is_offered_in_sight_and_the_applied_half_is_not(FxRobot robot) throws Exception {
        robot.interact(() -> ScenarioOpener.openBuiltIn(viewModel, "classic-ci"));
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        ListView<Finding> findings = robot.lookup("#findings").queryListView();
        assertThat(findings.getItems()).extracting(Finding::id).containsExactly("local-image-invisible");
        robot.clickOn(robot.from(findings).lookup(".list-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#fix-wizard");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Next");
        robot.clickOn("#wizard-option-local-registry-bridge");
        robot.clickOn("Next");
        robot.clickOn("Next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(changes(robot)).extracting(SnippetBox::title).contains("workflow-patch: .github/workflows/ci.yml", "dockerfile-patch: app/Dockerfile");
        for (SnippetBox box : changes(robot)) {
            scrollToAndClick(robot, robot.from(box).lookup(".snippet-title").query());
            assertThat(shown(box)).as(box.title() + " is in sight, not behind an overflow").isTrue();
        }

        SnippetBox dockerfilePatch = changes(robot).stream().filter(b -> b.title().startsWith("dockerfile-patch")).findFirst().orElseThrow();
        scrollToAndClick(robot, robot.from(dockerfilePatch).lookup(".button").queryAllAs(Button.class).stream()
                .filter(b -> b.getId() != null && b.getId().startsWith("wizard-apply-")).findFirst().orElseThrow());

        assertThat(robot.lookup("#wizard-result").queryAs(Label.class).getText()).startsWith("Applied to");
        assertThat(changes(robot)).extracting(SnippetBox::title).as("the applied half is not offered again")
                .doesNotContain("dockerfile-patch: app/Dockerfile").contains("workflow-patch: .github/workflows/ci.yml");
        assertThat(robot.lookup("#wizard-state").queryAs(Label.class).getText()).startsWith("Partly applied");
        SnippetBox workflowPatch = changes(robot).stream().filter(b -> b.title().startsWith("workflow-patch")).findFirst().orElseThrow();
        assertThat(shown(workflowPatch)).isTrue();
        closeWizard(robot);
    }

    @Test
    void opening_and_closing_the_wizard_leaves_no_listener_on_the_view_model(FxRobot robot) throws Exception {
        ListView<Finding> findings = open(robot, "one", "FROM dmca-base:latest\n");
        robot.clickOn(robot.from(findings).lookup(".list-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        var diagnose = viewModel.diagnose();
        int fixes = Listeners.count(diagnose.fixesProperty());
        int registry = Listeners.count(diagnose.registryProperty());
        int status = Listeners.count(diagnose.statusProperty());
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#fix-wizard");
            WaitForAsyncUtils.waitForFxEvents();
            snippetPage(robot);
            closeWizard(robot);
            assertThat(robot.listWindows()).as("the wizard closed").hasSize(1);
        }
        assertThat(Listeners.count(diagnose.fixesProperty())).isEqualTo(fixes);
        assertThat(Listeners.count(diagnose.registryProperty())).isEqualTo(registry);
        assertThat(Listeners.count(diagnose.statusProperty())).isEqualTo(status);
        assertThat(Window.getWindows()).hasSize(1);
    }
}
