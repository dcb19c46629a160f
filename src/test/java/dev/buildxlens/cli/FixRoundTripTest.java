package dev.buildxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioFiles;
import dev.buildxlens.core.scenario.ScenarioRunner;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.Actionlint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fix the command line offers for the lessons' workflows, applied the way a user would: {@code fix --fix ID
 * --write-patch DIR} in a git repository, {@code git apply} from the root it names in a fresh clone, GitHub's
 * actionlint on the result, {@code diagnose} again (no error left), and {@code fix --fix ID} again (nothing proposed
 * twice). The workflows are the seed case, a docker-image:// named context, a registry bridge without network=host
 * and a result that was never loaded.
 */
class FixRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    record Case(String scenario, String fix) {
        @Override
        public String toString() {
            return scenario + " / " + fix;
        }
    }

    /** Every (lesson, offered fix) pair, found by asking the pipeline itself. */
    static Stream<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String name : List.of("classic-ci", "named-context-still-pulls", "registry-without-network-host", "result-never-loaded")) {
            var result = ScenarioRunner.run(Scenarios.builtIn(name), dev.buildxlens.core.pipeline.FixChoices.defaults());
            result.fixes().plans().stream().map(p -> p.id()).distinct().forEach(id -> cases.add(new Case(name, id)));
        }
        return cases.stream();
    }

    record Result(int code, String out, String err) {
    }

    private Result cli(Path directory, String... args) {
        Map<String, String> vars = new HashMap<>();
        vars.put("DOCKER_CONFIG", temp.resolve("docker-config").toString());
        vars.put("PATH", "/nonexistent");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.live(new Environment(vars, directory, "Linux"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String git(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=lens", "-c", "user.email=lens@example.invalid"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as("git " + String.join(" ", args) + "\n" + output).isZero();
        return output;
    }

    /** Actionlint's messages and kinds, without line numbers (an added step moves the lines below it). */
    private static List<String> lint(Path workflow) throws Exception {
        return Actionlint.lint(Files.readString(workflow)).stream().map(l -> l.replaceFirst("^\\d+:\\d+: ", "")).sorted().toList();
    }

    private static List<String> errors(String diagnoseJson) throws IOException {
        List<String> errors = new ArrayList<>();
        for (JsonNode finding : JSON.readTree(diagnoseJson).get("findings")) {
            if (finding.get("severity").asText().equals("error")) {
                errors.add(finding.get("key").asText());
            }
        }
        return errors;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void every_offered_fix_applies_from_the_root_it_names_clears_the_findings_it_solves_and_is_not_proposed_twice(Case c) throws Exception {
        Scenario scenario = Scenarios.builtIn(c.scenario());
        Path origin = ScenarioFiles.materialize(scenario, temp.resolve("origin")).getParent().getParent().getParent();
        Files.delete(origin.resolve(".git"));
        git(origin, "init", "-q");
        git(origin, "add", "-A");
        git(origin, "commit", "-q", "-m", "the lesson as it is");
        Path clone = temp.resolve("clone");
        git(temp, "clone", "-q", origin.toString(), clone.toString());
        Path workflow = clone.resolve(ScenarioRunner.WORKFLOW_PATH);
        String store = scenario.snapshot().daemon().imageStore().label();
        List<String> before = lint(workflow);
        List<String> errorsBefore = errors(cli(clone, "diagnose", "--workflow", workflow.toString(), "--assume-image-store", store,
                "--format", "json").out());

        Result planned = cli(clone, "fix", "--workflow", workflow.toString(), "--assume-image-store", store, "--fix", c.fix(),
                "--format", "json", "--write-patch", temp.resolve("patches").toString());
        assertThat(planned.code()).as(planned.err()).isZero();
        JsonNode fixes = JSON.readTree(planned.out().substring(planned.out().indexOf('{')));
        assertThat(fixes.get("patchRoot").get("directory").asText()).isEqualTo(clone.toAbsolutePath().toString());
        List<String> solved = new ArrayList<>();
        fixes.get("fixes").forEach(f -> f.get("findings").forEach(k -> solved.add(k.asText())));
        assertThat(fixes.get("fixes")).as("every fix changes files").allSatisfy(f ->
                assertThat(f.get("state").asText()).isEqualTo("new"));
        try (Stream<Path> patches = Files.list(temp.resolve("patches"))) {
            List<Path> all = patches.sorted().toList();
            assertThat(all).as("a patch for every fix that changes the workflow").isNotEmpty();
            for (Path patch : all) {
                git(clone, "apply", "--verbose", patch.toString());
            }
        }
        assertThat(lint(workflow)).as("actionlint adds nothing").isEqualTo(before);

        List<String> errorsAfter = errors(cli(clone, "diagnose", "--workflow", workflow.toString(), "--assume-image-store", store,
                "--format", "json").out());
        assertThat(errorsAfter).as("the findings the fix solves are gone").doesNotContainAnyElementsOf(solved);
        assertThat(new TreeSet<>(errorsBefore)).containsAll(errorsAfter);
        assertThat(errorsAfter).as("no error is left").isEmpty();

        Result again = cli(clone, "fix", "--workflow", workflow.toString(), "--assume-image-store", store, "--fix", c.fix(), "--format", "json");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode second = JSON.readTree(again.out());
        second.get("fixes").forEach(f -> assertThat(f.get("state").asText()).as(f.toString()).isEqualTo("applied"));
        assertThat(second.get("fixes").findValues("kind").stream().map(JsonNode::asText)).noneMatch(k -> k.endsWith("-patch"));
    }
}
