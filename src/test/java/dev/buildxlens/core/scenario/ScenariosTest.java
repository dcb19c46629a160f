package dev.buildxlens.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lessons never drift from the engine: each built-in scenario's hand-written expectation must hold. */
class ScenariosTest {

    static Stream<String> builtIn() {
        return Scenarios.builtInNames().stream();
    }

    @Test
    void there_are_at_least_ten_lessons() {
        assertThat(Scenarios.builtInNames()).hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIn")
    void the_engine_finds_exactly_what_the_lesson_expects(String name) throws Exception {
        Scenario scenario = Scenarios.builtIn(name);
        assertThat(scenario.name()).isEqualTo(name);
        assertThat(scenario.steps()).isNotEmpty();
        assertThat(scenario.goal()).isNotBlank();
        var result = ScenarioRunner.run(scenario, dev.buildxlens.core.pipeline.FixChoices.defaults());
        List<String> found = result.diagnosis().findings().stream().filter(f -> f.severity() != Severity.INFO)
                .map(Finding::id).distinct().sorted().toList();
        assertThat(found).isEqualTo(scenario.expect().stream().sorted().toList());
        for (Finding finding : result.diagnosis().findings()) {
            if (finding.severity() == Severity.ERROR) {
                assertThat(result.fixesFor(finding)).as("a fix for " + finding.key()).isNotEmpty();
            }
        }
    }

    @Test
    void the_world_goes_through_the_same_rules_as_the_live_probe() throws Exception {
        Scenario scenario = Scenarios.builtIn("laptop-loaded-base");
        assertThat(scenario.snapshot().origin()).isEqualTo("scenario laptop-loaded-base");
        assertThat(scenario.snapshot().currentBuilder().orElseThrow().name()).isEqualTo("mybuilder");
        assertThat(scenario.snapshot().builder("default").orElseThrow().canRead()).contains("daemon:default");
        assertThat(scenario.snapshot().builder("mybuilder").orElseThrow().canRead()).doesNotContain("daemon:default");
        assertThat(scenario.snapshot().builder("mybuilder").orElseThrow().status()).isEqualTo("running");
    }

    @Test
    void broken_scenarios_name_the_file_and_line() {
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\ncolour: blue\nbuild:\n  dockerfile: FROM a\n", "s.yml"))
                .hasMessageStartingWith("s.yml:2: unknown key 'colour'");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nbuilders:\n  - name: b\n    driver: nomad\nbuild:\n  dockerfile: FROM a\n", "s.yml"))
                .hasMessageStartingWith("s.yml:4: unknown driver 'nomad'");
        assertThatThrownBy(() -> ScenarioRunner.run(ScenarioLoader.parse("name: x\n", "s.yml"), dev.buildxlens.core.pipeline.FixChoices.defaults()))
                .hasMessageContaining("has no build of its own");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\ndaemon:\n  images:\n    - tags: [Bad/Name]\nbuild:\n  dockerfile: FROM a\n", "s.yml"))
                .hasMessageStartingWith("s.yml:4: 'Bad/Name' is not a valid image reference");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nbuild:\n  dockerfile: FROM a\n  workflow: 'jobs: {}'\n", "s.yml"))
                .hasMessageContaining("exactly one of 'dockerfile', 'workflow', 'compose', 'bake' or 'gitlab'");
        assertThatThrownBy(() -> ScenarioLoader.parse("title: no name\nbuild:\n  dockerfile: FROM a\n", "s.yml"))
                .hasMessageStartingWith("s.yml:1: 'name' is required");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\ndaemon:\n  imageStore: zfs\nbuild:\n  dockerfile: FROM a\n", "s.yml"))
                .hasMessageStartingWith("s.yml:3: imageStore must be classic or containerd");
        assertThatThrownBy(() -> Scenarios.find("no-such-lesson")).hasMessageStartingWith("no scenario 'no-such-lesson' (built-in: laptop-loaded-base");
    }
}
