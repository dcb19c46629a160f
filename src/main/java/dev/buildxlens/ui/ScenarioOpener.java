package dev.buildxlens.ui;

import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioException;
import dev.buildxlens.core.scenario.ScenarioFiles;
import dev.buildxlens.core.scenario.ScenarioRunner;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.ui.main.MainViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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

    /** A built-in scenario, its files written to a new temporary folder (deleted when the lesson is left). */
    static void openBuiltIn(MainViewModel viewModel, String name) {
        Path folder = null;
        try {
            Scenario scenario = Scenarios.builtIn(name);
            folder = ScenarioFiles.newFolder();
            viewModel.useLesson(scenario, ScenarioFiles.materialize(scenario, folder), true, folder);
        } catch (ScenarioException | IOException ex) {
            ScenarioRunner.delete(folder);
            viewModel.reportUnexpected(ex.getMessage());
        }
    }

    /**
     * {@code --scenario NAME|FILE}, with the build file {@code --open} named, or else the scenario's own written to
     * a new temporary folder. Empty, and said in the banner, when the scenario cannot be read.
     */
    static Optional<Opened> openNamed(MainViewModel viewModel, String nameOrFile, Path open) {
        Path folder = null;
        try {
            Scenario scenario = Scenarios.find(nameOrFile);
            folder = open != null ? null : ScenarioFiles.newFolder();
            Path file = open != null ? open : ScenarioFiles.materialize(scenario, folder);
            viewModel.useLesson(scenario, file, open == null, folder);
            return Optional.of(new Opened(scenario, file));
        } catch (ScenarioException | IOException e) {
            ScenarioRunner.delete(folder);
            viewModel.reportUnexpected(e.getMessage());
            return Optional.empty();
        }
    }
}
