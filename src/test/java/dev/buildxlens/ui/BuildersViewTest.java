package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.actions.MachineCommand;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.testing.TestServices;
import dev.buildxlens.ui.builders.BuilderRow;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
    private volatile Snapshot world = WORLD;
    private MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = new MainViewModel(() -> world, new CurrentThreadTaskExecutor());
        // The machine is not changed by a test: the runner records what would run.
        viewModel.builders().commandRunner(command -> {
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

    @Test
    void the_details_are_empty_while_no_row_is_selected_and_a_refresh_keeps_the_selected_row(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<BuilderRow> table = robot.lookup("#builders-table").queryTableView();
        ListView<String> details = robot.lookup("#builder-details").queryListView();
        Label heading = robot.lookup("#builder-details-heading").queryAs(Label.class);
        assertThat(table.getSelectionModel().getSelectedItem()).isNull();
        assertThat(details.getItems()).as("not the current builder's, while no row is selected").isEmpty();
        assertThat(heading.getText()).as("the pane says that no builder is selected").startsWith("No builder selected");

        robot.clickOn(robot.from(table).lookup((Node n) -> n instanceof TableCell<?, ?> cell && "ci  ★ current".equals(cell.getText())).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(details.getItems()).anySatisfy(line -> assertThat(line).startsWith("CANNOT READ daemon:default"));
        assertThat(heading.getText()).as("the pane names the builder it describes").isEqualTo("What ci can read, and why");

        // New rows replace the table's items, which clears a table's own selection: the row stays selected.
        world = Snapshots.world().builder("ci", "docker-container", Map.of()).builder("kube", "kubernetes", Map.of()).current("ci").build();
        robot.interact(viewModel::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(3);
        assertThat(table.getSelectionModel().getSelectedItem().name()).isEqualTo("ci");
        assertThat(details.getItems()).anySatisfy(line -> assertThat(line).startsWith("CANNOT READ daemon:default"));

        robot.interact(() -> table.getSelectionModel().clearSelection());
        assertThat(details.getItems()).isEmpty();
        assertThat(heading.getText()).startsWith("No builder selected");
        world = WORLD;
        robot.interact(viewModel::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSelectionModel().getSelectedItem()).isNull();
        assertThat(details.getItems()).as("a refresh selects nothing by itself").isEmpty();
        assertThat(robot.lookup("#builder-actions .snippet-box").queryAll()).as("no builder, no commands").isEmpty();
    }
}
