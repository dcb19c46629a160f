package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.actions.MachineCommand;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.builders.BuilderRow;
import dev.buildxlens.ui.builders.BuildersViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The Builders tab's state with the synchronous executor: no toolkit, no threads, no daemon, no commands run. */
class BuildersViewModelTest {

    private static final Snapshot WORLD = Snapshots.world()
            .builder("ci", "docker-container", Map.of())
            .current("ci")
            .build();

    private final List<String> ran = new ArrayList<>();
    private int refreshes;
    private final BuildersViewModel viewModel = new BuildersViewModel(new CurrentThreadTaskExecutor(), () -> refreshes++);

    private static List<String> titles(List<MachineCommand> commands) {
        return commands.stream().map(MachineCommand::title).toList();
    }

    @Test
    void nothing_is_selected_until_a_row_is_so_details_and_commands_start_empty() {
        viewModel.show(WORLD);

        assertThat(viewModel.buildersProperty()).extracting(BuilderRow::name).containsExactly("default", "ci");
        assertThat(viewModel.buildersProperty()).extracting(BuilderRow::displayName).containsExactly("default", "ci  ★ current");
        assertThat(viewModel.selectedBuilderProperty().get()).as("not even the current builder").isNull();
        assertThat(viewModel.selectedBuilderDetailsProperty()).isEmpty();
        assertThat(viewModel.commandsProperty()).isEmpty();
    }

    /** Defect 6 of issue 13: "Run…" for docker buildx use failed with "unknown command" where the plugin is missing. */
    @Test
    void a_buildx_command_is_not_offered_to_run_where_the_plugin_is_missing_and_says_why() {
        viewModel.show(Snapshots.world().builder("ci", "docker-container", Map.of()).current("ci")
                .client(new dev.buildxlens.core.model.DockerClient("/usr/bin/docker", "20.10.24", dev.buildxlens.core.model.DockerClient.Plugin.MISSING,
                        "", "docker buildx plugin not installed", "linux")).build());
        viewModel.selectBuilder("default");
        MachineCommand use = viewModel.commandsProperty().get(0);
        assertThat(use.text()).isEqualTo("docker buildx use default");
        assertThat(use.runnable()).isFalse();
        assertThat(use.cannotRun()).startsWith("it needs the docker buildx plugin, which is not installed here");
        assertThat(viewModel.commandsProperty().get(1).runnable()).as("docker pull needs no plugin").isTrue();
    }

    @Test
    void selecting_a_builder_shows_its_details_and_the_commands_offered_for_it() {
        viewModel.show(WORLD);

        viewModel.selectBuilder("default");
        assertThat(viewModel.selectedBuilderProperty().get()).isEqualTo("default");
        assertThat(viewModel.selectedBuilderDetailsProperty()).first().asString().startsWith("Node default · default · running");
        assertThat(viewModel.selectedBuilderDetailsProperty()).anySatisfy(line -> assertThat(line).startsWith("CAN READ daemon:default"));
        assertThat(titles(viewModel.commandsProperty())).containsExactly(
                "Use default for builds in this context", "Get the registry image first (needs network)");
        assertThat(viewModel.commandsProperty().get(0).text()).isEqualTo("docker buildx use default");

        viewModel.selectBuilder("ci");
        assertThat(viewModel.selectedBuilderDetailsProperty()).anySatisfy(line -> assertThat(line).startsWith("CANNOT READ daemon:default"));
        assertThat(titles(viewModel.commandsProperty())).as("ci is already the current builder")
                .containsExactly("Get the registry image first (needs network)");

        Snapshot withRegistryImage = Snapshots.world().localImage("registry:2").builder("ci", "docker-container", Map.of())
                .current("ci").build();
        viewModel.show(withRegistryImage);
        assertThat(titles(viewModel.commandsProperty())).containsExactly("Start a local registry on localhost:5000");
    }

    @Test
    void no_selection_clears_the_details_and_the_commands() {
        viewModel.show(WORLD);
        viewModel.selectBuilder("default");

        viewModel.selectBuilder(null);
        assertThat(viewModel.selectedBuilderProperty().get()).isNull();
        assertThat(viewModel.selectedBuilderDetailsProperty()).isEmpty();
        assertThat(viewModel.commandsProperty()).isEmpty();

        viewModel.selectBuilder("no-such-builder");
        assertThat(viewModel.selectedBuilderProperty().get()).isNull();
        assertThat(viewModel.selectedBuilderDetailsProperty()).isEmpty();

        viewModel.selectBuilder("ci");
        viewModel.clearSelection();
        assertThat(viewModel.selectedBuilderDetailsProperty()).isEmpty();
        assertThat(viewModel.commandsProperty()).isEmpty();
    }

    @Test
    void a_new_picture_keeps_the_selected_builder_while_it_exists_and_leaves_no_selection_alone() {
        viewModel.show(WORLD);
        viewModel.show(WORLD);
        assertThat(viewModel.selectedBuilderDetailsProperty()).as("no selection stays no selection").isEmpty();

        viewModel.selectBuilder("ci");
        Snapshot moreBuilders = Snapshots.world().builder("ci", "docker-container", Map.of())
                .builder("kube", "kubernetes", Map.of()).current("ci").build();
        viewModel.show(moreBuilders);
        assertThat(viewModel.buildersProperty()).hasSize(3);
        assertThat(viewModel.selectedBuilderProperty().get()).isEqualTo("ci");
        assertThat(viewModel.selectedBuilderDetailsProperty()).isNotEmpty();

        viewModel.show(Snapshots.world().build());
        assertThat(viewModel.selectedBuilderProperty().get()).as("ci is gone").isNull();
        assertThat(viewModel.selectedBuilderDetailsProperty()).isEmpty();
        assertThat(viewModel.commandsProperty()).isEmpty();
    }

    @Test
    void equal_rows_are_not_replaced() {
        viewModel.show(WORLD);
        int[] changes = {0};
        viewModel.buildersProperty().addListener((ListChangeListener<BuilderRow>) c -> changes[0]++);
        viewModel.show(Snapshots.world().builder("ci", "docker-container", Map.of()).current("ci").build());
        assertThat(changes[0]).isZero();
    }

    @Test
    void a_confirmed_command_runs_through_the_runner_says_how_it_went_and_asks_for_a_refresh() {
        viewModel.show(WORLD);
        viewModel.selectBuilder("default");
        viewModel.commandRunner(command -> {
            ran.add(command.text());
            return new MachineCommand.Result(true, "");
        });

        viewModel.run(viewModel.commandsProperty().get(0));
        assertThat(ran).containsExactly("docker buildx use default");
        assertThat(viewModel.commandResultProperty().get()).isEqualTo("Done: docker buildx use default");
        assertThat(refreshes).isEqualTo(1);

        viewModel.commandRunner(command -> new MachineCommand.Result(false, "ERROR: no builder \"default\" found"));
        viewModel.run(viewModel.commandsProperty().get(0));
        assertThat(viewModel.commandResultProperty().get()).isEqualTo("Failed: docker buildx use default → ERROR: no builder \"default\" found");
        assertThat(refreshes).isEqualTo(2);

        viewModel.commandRunner(command -> {
            throw new IllegalStateException("docker is not on PATH");
        });
        viewModel.run(viewModel.commandsProperty().get(0));
        assertThat(viewModel.commandResultProperty().get()).isEqualTo("Failed: docker is not on PATH");
        assertThat(refreshes).as("nothing ran, nothing to look at again").isEqualTo(2);
    }
}
