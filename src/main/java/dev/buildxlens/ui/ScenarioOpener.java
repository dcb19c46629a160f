package dev.buildxlens.ui;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioException;
import dev.buildxlens.core.scenario.ScenarioFiles;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.ui.main.MainViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * Shows a scenario's world instead of this machine, its lesson as captions, and its build in the Diagnose tab:
 * from the Scenarios menu and from {@code --scenario}. A scenario that cannot be read is a banner line.
 */
final class ScenarioOpener {

    private ScenarioOpener() {
    }

    /** A scenario that was opened and the build file shown with it. */
    record Opened(Scenario scenario, Path file) {
    }

    /** A built-in scenario, its files written to a new temporary folder. */
    static void openBuiltIn(MainViewModel viewModel, String name) {
        try {
            Scenario scenario = Scenarios.builtIn(name);
            show(viewModel, scenario, ScenarioFiles.materialize(scenario, Files.createTempDirectory("buildx-lens-scenario")));
        } catch (ScenarioException | IOException ex) {
            viewModel.reportUnexpected(ex.getMessage());
        }
    }

    /**
     * {@code --scenario NAME|FILE}, with the build file {@code --open} named, or else the scenario's own written to
     * a new temporary folder. Empty, and said in the banner, when the scenario cannot be read.
     */
    static Optional<Opened> openNamed(MainViewModel viewModel, String nameOrFile, Path open) {
        try {
            Scenario scenario = Scenarios.find(nameOrFile);
            Path file = open != null ? open : ScenarioFiles.materialize(scenario, Files.createTempDirectory("buildx-lens-scenario"));
            show(viewModel, scenario, file);
            return Optional.of(new Opened(scenario, file));
        } catch (ScenarioException | IOException e) {
            viewModel.reportUnexpected(e.getMessage());
            return Optional.empty();
        }
    }

    static void show(MainViewModel viewModel, Scenario scenario, Path file) {
        List<String> captions = new ArrayList<>();
        if (!scenario.goal().isEmpty()) {
            captions.add("Goal: " + scenario.goal());
        }
        for (int i = 0; i < scenario.steps().size(); i++) {
            captions.add((i + 1) + ". " + scenario.steps().get(i));
        }
        // Diagnose once the scenario's world is in place, not against the picture it replaces.
        ChangeListener<Snapshot> openWhenShown = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Snapshot> o, Snapshot before, Snapshot now) {
                if (now == scenario.snapshot()) {
                    viewModel.snapshotProperty().removeListener(this);
                    if (file != null) {
                        viewModel.diagnose().open(file);
                    }
                }
            }
        };
        // The lesson's own build options (platforms, named contexts, outputs…) and its runner's image store.
        viewModel.diagnose().useBuildOptions(scenario.build().spec(), scenario.snapshot().daemon().imageStore());
        boolean alreadyShown = viewModel.snapshotProperty().get() == scenario.snapshot();
        if (!alreadyShown) {
            viewModel.snapshotProperty().addListener(openWhenShown);
        }
        viewModel.useWorld(scenario::snapshot, "Scenario: " + scenario.title() + " (" + scenario.level() + ")", captions);
        if (alreadyShown && file != null) {
            viewModel.diagnose().open(file);
        }
    }
}
