package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.diagnose.DiagnoseViewModel;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson opened in the app (Scenarios menu) shows in the Diagnose tab what the command line finds for it: its
 * Dockerfile, workflow, Compose, Bake or GitLab file is told apart as {@code diagnose PATH} does, diagnosed in the
 * lesson's world, with a fix for every error.
 */
class LessonsInTheAppTest {

    static Stream<String> lessons() {
        return Scenarios.builtInNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void the_diagnose_tab_finds_what_the_lesson_expects(String name) throws Exception {
        Scenario scenario = Scenarios.builtIn(name);
        MainViewModel viewModel = new MainViewModel(() -> Snapshots.world().build(), new CurrentThreadTaskExecutor());
        ScenarioOpener.openBuiltIn(viewModel, name);
        DiagnoseViewModel diagnose = viewModel.diagnose();
        if (!scenario.build().isDockerfile() && !scenario.build().isProject()) {
            assertThat(diagnose.fileProperty().get()).as("a lesson without a build opens no file").isNull();
            return;
        }
        assertThat(diagnose.findingsPlaceholderProperty().get()).doesNotStartWith("Not diagnosed");
        List<String> found = diagnose.findingsProperty().stream().filter(f -> f.severity() != Severity.INFO).map(Finding::id).distinct()
                .sorted().toList();
        assertThat(found).isEqualTo(scenario.expect().stream().sorted().toList());
        for (Finding finding : diagnose.findingsProperty()) {
            if (finding.severity() == Severity.ERROR) {
                assertThat(diagnose.fixesFor(finding)).as("a fix for " + finding.key()).isNotEmpty();
            }
        }
        assertThat(diagnose.sourceProperty()).as("the source of the file a finding is in").isNotEmpty();
        viewModel.useLiveWorld();
    }
}
