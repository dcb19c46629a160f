package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.diagnose.FixWizard;
import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
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

/** The fix wizard, page by page, by real interaction: choose a fix, copy a snippet, apply a patch with a backup. */
@ExtendWith(ApplicationExtension.class)
class FixWizardTest {

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

    @Test
    void walks_from_a_finding_to_an_applied_patch(FxRobot robot) throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("wizard")).resolve("Dockerfile");
        String original = "# app\nFROM dmca-base:latest\nCOPY . /app\n";
        Files.writeString(dockerfile, original);
        services.opens.add(dockerfile);
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#fix-wizard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#wizard-where").tryQuery()).isPresent();
        robot.clickOn("Next");

        RadioButton recommended = robot.lookup("#wizard-option-use-docker-driver").queryAs(RadioButton.class);
        assertThat(recommended.isSelected()).isTrue();
        assertThat(robot.lookup("#wizard-reason").queryAs(Label.class).getText()).startsWith("Recommended: Build on 'default'");
        robot.clickOn("#wizard-option-local-registry-bridge");
        robot.clickOn("Next");

        assertThat(robot.lookup("#wizard-registry").queryTextInputControl().getText()).isEqualTo("localhost:5000");
        robot.clickOn("Next");
        WaitForAsyncUtils.waitForFxEvents();

        java.util.List<dev.buildxlens.ui.snippet.SnippetBox> changes = FixWizardFindingTest.changes(robot);
        assertThat(changes).extracting(b -> b.title()).anySatisfy(t -> assertThat(t).startsWith("dockerfile-patch"));
        robot.clickOn("#wizard-copy-0");
        assertThat(services.clipboard).isEqualTo("docker run -d -p 5000:5000 --restart always --name registry registry:2\n");

        int index = 0;
        while (!changes.get(index).title().startsWith("dockerfile-patch")) {
            index++;
        }
        FixWizardFindingTest.scrollToAndClick(robot, robot.lookup("#wizard-apply-" + index).query());
        assertThat(services.confirmations).singleElement().asString().startsWith("Apply to " + dockerfile);
        assertThat(Files.readString(dockerfile)).as(robot.lookup("#wizard-result").queryAs(Label.class).getText()).isEqualTo("# app\nARG BASE_IMAGE=dmca-base:latest\nFROM ${BASE_IMAGE}\nCOPY . /app\n");
        assertThat(Files.readString(dockerfile.resolveSibling("Dockerfile.bak"))).isEqualTo(original);
        assertThat(robot.lookup("#wizard-result").queryAs(Label.class).getText()).startsWith("Applied to");
        assertThat(FixWizardFindingTest.changes(robot)).extracting(b -> b.title()).as("what was applied is not offered again")
                .noneMatch(t -> t.startsWith("dockerfile-patch"));

        robot.clickOn("Next");
        robot.clickOn("#wizard-recheck");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#wizard-recheck-status").queryAs(Label.class).getText()).startsWith("Dockerfile: 1 error");
        // Close the wizard with its last button, whatever the locale calls it.
        javafx.scene.control.Button last = robot.lookup(".dialog-pane .button-bar .button").queryAllAs(javafx.scene.control.Button.class)
                .stream().filter(b -> b.isDefaultButton() || b.getText().toLowerCase(java.util.Locale.ROOT).contains("finish"))
                .findFirst().orElseThrow();
        robot.clickOn(last);
    }

    private static Window wizard() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && !(w.getScene().getRoot() instanceof MainView))
                .findFirst().orElseThrow();
    }

    private static void settle() throws InterruptedException {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The wizard keeps its window's size from page to page: it opens at the pages' size, and a size the user dragged
     * it to stays when Next and Previous change the page (ControlsFX sizes the window to each new page, which came out
     * 600 px wide and cut the comparison's words).
     */
    @Test
    void the_wizard_keeps_its_size_from_page_to_page(FxRobot robot) throws Exception {
        Path dockerfile = Files.createDirectories(temp.resolve("wizard")).resolve("Dockerfile");
        Files.writeString(dockerfile, "# app\nFROM dmca-base:latest\nCOPY . /app\n");
        services.opens.add(dockerfile);
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(3));
        robot.clickOn("#open-file");
        WaitForAsyncUtils.waitForFxEvents();
        Platform.runLater(() -> robot.lookup("#fix-wizard").queryButton().fire());
        settle();

        Window window = wizard();
        assertThat(window.getWidth()).as("opened at the pages' width").isEqualTo(FixWizard.OPENING_WIDTH);
        robot.clickOn("Next");
        settle();
        assertThat(window.getWidth()).as("page 2, the comparison").isEqualTo(FixWizard.OPENING_WIDTH);

        robot.interact(() -> {
            window.setWidth(1000);
            window.setHeight(700);
        });
        robot.clickOn("Next");
        settle();
        assertThat(new double[] {window.getWidth(), window.getHeight()}).as("page 3, after the user's resize").containsExactly(1000, 700);
        robot.clickOn("Previous");
        settle();
        assertThat(new double[] {window.getWidth(), window.getHeight()}).as("back on page 2").containsExactly(1000, 700);
        robot.interact(() -> ((Stage) window).close());
    }
}
