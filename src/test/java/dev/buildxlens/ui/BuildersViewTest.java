package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.actions.MachineCommand;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.main.BuilderRow;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Builder actions: the exact command first, Copy always, Run only after confirmation. */
@ExtendWith(ApplicationExtension.class)
class BuildersViewTest {

    private static final Snapshot WORLD = Snapshots.world()
            .builder("ci", "docker-container", Map.of())
            .current("ci")
            .build();

    private final TestServices services = new TestServices();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        MainViewModel viewModel = new MainViewModel(() -> WORLD, new CurrentThreadTaskExecutor());
        // The machine is not changed by a test: the runner records what would run.
        viewModel.commandRunner(command -> {
            ran.add(command.text());
            return new MachineCommand.Result(true, "");
        });
        stage.setScene(DesktopApp.createScene(viewModel, services.services()));
        stage.show();
    }

    @Test
    void use_a_builder_shows_the_command_copies_it_and_runs_it_only_when_confirmed(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<BuilderRow> table = robot.lookup("#builders-table").queryTableView();
        Node defaultCell = robot.from(table).lookup((Node n) -> n instanceof TableCell<?, ?> cell && "default".equals(cell.getText())).query();
        robot.clickOn(defaultCell);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#builder-actions .snippet-title").queryAllAs(Label.class))
                .extracting(Label::getText).contains("Use default for builds in this context");
        robot.clickOn("#copy-command-0");
        assertThat(services.clipboard).isEqualTo("docker buildx use default");

        services.confirm = false;
        robot.clickOn("#run-command-0");
        assertThat(services.confirmations).hasSize(1);
        assertThat(ran).isEmpty();

        services.confirm = true;
        robot.clickOn("#run-command-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ran).containsExactly("docker buildx use default");
        assertThat(robot.lookup("#command-result").queryAs(Label.class).getText()).isEqualTo("Done: docker buildx use default");
    }
}
