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

/**
 * The fix wizard keeps its window's size from page to page: it opens at the pages' size, and a size the user dragged
 * it to stays when Next and Previous change the page (ControlsFX sizes the window to each new page, which came out
 * 600 px wide and cut the comparison's words).
 */
@ExtendWith(ApplicationExtension.class)
class FixWizardSizeTest {

    private static final Snapshot WORLD = Snapshots.world().localImage("dmca-base:latest")
            .builder("ci", "docker-container", Map.of()).current("ci").build();

    @TempDir
    static Path temp;

    private final TestServices services = new TestServices();

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        stage.setScene(DesktopApp.createScene(viewModel, services.services()));
        stage.show();
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
