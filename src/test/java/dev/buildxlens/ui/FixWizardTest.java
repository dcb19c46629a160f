package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
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
}
