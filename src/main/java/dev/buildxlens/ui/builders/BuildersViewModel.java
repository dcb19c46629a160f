package dev.buildxlens.ui.builders;

import dev.buildxlens.core.actions.MachineCommand;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.Messages;
import dev.buildxlens.ui.task.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

/**
 * State of the Builders tab: the builder rows, the selected builder with what it can read and why, the commands that
 * change the machine offered for it, and what the last command said. The main view model feeds it each new
 * snapshot ({@link #show}) and looks at the machine again after a command ran.
 *
 * <p>Nothing is selected until the user selects a row: with no selection the details and the commands are empty.
 * A refresh keeps the selected builder while it still exists.
 */
public final class BuildersViewModel {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final TaskExecutor executor;
    private final Runnable afterCommand;
    private Snapshot snapshot;
    private Function<MachineCommand, MachineCommand.Result> commandRunner =
            command -> command.run(Environment.system(), COMMAND_TIMEOUT);

    // ---- Properties ----
    private final ReadOnlyListWrapper<BuilderRow> builders =
            new ReadOnlyListWrapper<>(this, "builders", FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper selectedBuilder = new ReadOnlyStringWrapper(this, "selectedBuilder", null);
    private final ReadOnlyListWrapper<String> selectedBuilderDetails =
            new ReadOnlyListWrapper<>(this, "selectedBuilderDetails", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<MachineCommand> commands =
            new ReadOnlyListWrapper<>(this, "commands", FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper commandResult = new ReadOnlyStringWrapper(this, "commandResult", "");

    /**
     * @param executor     runs commands off the FX thread
     * @param afterCommand runs once a command finished, on the FX thread: the main view model's refresh
     */
    public BuildersViewModel(TaskExecutor executor, Runnable afterCommand) {
        this.executor = Objects.requireNonNull(executor);
        this.afterCommand = Objects.requireNonNull(afterCommand);
    }

    /** One row per builder, in the snapshot's order. */
    public ReadOnlyListProperty<BuilderRow> buildersProperty() {
        return builders.getReadOnlyProperty();
    }

    /** The name of the selected builder, or null while none is. */
    public ReadOnlyStringProperty selectedBuilderProperty() {
        return selectedBuilder.getReadOnlyProperty();
    }

    /** For the selected builder: its nodes, then each store with the verdict and the reason; empty with no selection. */
    public ReadOnlyListProperty<String> selectedBuilderDetailsProperty() {
        return selectedBuilderDetails.getReadOnlyProperty();
    }

    /** Commands that change the machine for the selected builder: shown word for word, run only when confirmed. */
    public ReadOnlyListProperty<MachineCommand> commandsProperty() {
        return commands.getReadOnlyProperty();
    }

    /** What the last command said. */
    public ReadOnlyStringProperty commandResultProperty() {
        return commandResult.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** A new picture, its rows made from it. */
    public void show(Snapshot value) {
        show(value, value.builders().stream().map(BuilderRow::of).toList());
    }

    /**
     * A new picture with its rows already made (off the FX thread). Rows equal to the shown ones are not replaced;
     * the selected builder stays selected, with fresh details and commands, while the picture still has it.
     */
    public void show(Snapshot value, List<BuilderRow> rows) {
        String keep = selectedBuilder.get();
        snapshot = value;
        if (!rows.equals(builders)) {
            // A table clears its selection when all its rows are replaced; the selection is set again below.
            builders.setAll(rows);
        }
        selectBuilder(keep);
    }

    /** Selects the named builder, or nothing for null or a name the picture does not have. */
    public void selectBuilder(String name) {
        Optional<Builder> builder = name == null || snapshot == null ? Optional.empty() : snapshot.builder(name);
        // Details and commands first: whoever follows the selection finds them in place.
        setIfChanged(selectedBuilderDetails, builder.map(BuilderDetails::lines).orElse(List.of()));
        setIfChanged(commands, builder.map(b -> offered(snapshot, b)).orElse(List.of()));
        selectedBuilder.set(builder.map(Builder::name).orElse(null));
    }

    /** Nothing selected: for a switch to another world, where the same name would be another builder. */
    public void clearSelection() {
        selectBuilder(null);
    }

    /** Runs a command the user confirmed, in the background, then has the machine looked at again. */
    public void run(MachineCommand command) {
        commandResult.set("Running " + command.text() + "…");
        executor.execute(() -> commandRunner.apply(command), result -> {
            commandResult.set((result.ok() ? "Done: " : "Failed: ") + command.text() + (result.output().isEmpty() ? "" : " → " + result.output()));
            afterCommand.run();
        }, error -> commandResult.set("Failed: " + Messages.firstLine(error)));
    }

    /** Tests run commands through their own runner: the machine is not changed by a test. */
    public void commandRunner(Function<MachineCommand, MachineCommand.Result> runner) {
        this.commandRunner = Objects.requireNonNull(runner);
    }

    /**
     * Switching to a builder that is not the current one; and a local registry (the bridge every driver can read)
     * when none runs: started from the registry image if the daemon has it, else pulled first.
     */
    private static List<MachineCommand> offered(Snapshot current, Builder builder) {
        List<MachineCommand> offered = new ArrayList<>();
        if (!builder.current()) {
            offered.add(new MachineCommand("Use " + builder.name() + " for builds in this context",
                    List.of("docker", "buildx", "use", builder.name())));
        }
        boolean registryRunning = current.daemon().containers().stream().anyMatch(c -> c.looksLikeRegistry() && c.running());
        boolean registryImage = current.daemon().images().stream().flatMap(i -> i.tags().stream()).anyMatch(Container::isRegistryImage);
        if (!registryRunning && current.daemon().reachable()) {
            offered.add(registryImage
                    ? new MachineCommand("Start a local registry on localhost:5000",
                            List.of("docker", "run", "-d", "-p", "5000:5000", "--restart", "always", "--name", "registry", "registry:2"))
                    : new MachineCommand("Get the registry image first (needs network)", List.of("docker", "pull", "registry:2")));
        }
        // A command that cannot run here is still shown, with the reason, and never offered to run.
        return offered.stream().map(c -> c.on(current.client())).toList();
    }

    /** Lists that did not change are not replaced: replacing them re-renders rows (and snippet boxes) for nothing. */
    private static <T> void setIfChanged(ReadOnlyListWrapper<T> list, List<T> values) {
        if (!values.equals(list.get())) {
            list.setAll(values);
        }
    }
}
