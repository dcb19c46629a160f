package dev.buildxlens.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.probe.Environment;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The real-world workflow corpus ({@code src/test/resources/corpus/workflows}, see its README): every public workflow
 * is diagnosed through the command line and must give exactly the error and warning ids, and the exit code, its
 * {@code expect.yml} reasoned from buildx-facts before the tool ran. Writes {@code target/corpus/workflows.md}, the
 * table of sources, expectations and results.
 */
class WorkflowCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus/workflows");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLE = new ArrayList<>();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(d -> Files.exists(d.resolve("expect.yml"))).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    record Expectation(String workflow, String verdict, int exit, List<String> errors, List<String> warnings, List<String> args) {
    }

    @SuppressWarnings("unchecked")
    static Expectation expectation(Path dir) throws IOException {
        Map<String, Object> yaml = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(dir.resolve("expect.yml")));
        return new Expectation((String) yaml.get("workflow"), (String) yaml.get("verdict"), ((Number) yaml.get("exit")).intValue(),
                strings(yaml.get("errors")), strings(yaml.get("warnings")), strings(yaml.get("args")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    /** The first line of SOURCE.md that names the source. */
    static String source(Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("SOURCE.md"))) {
            if (line.contains("Source")) {
                return line.replaceFirst("^[-*\\s]*\\**Source:?\\**:?\\s*", "").trim();
            }
        }
        return "";
    }

    record Outcome(int exit, List<String> errors, List<String> warnings, String out, String err) {
    }

    static Outcome diagnose(Path dir, Expectation expected, Path home) throws IOException {
        Path repo = dir.resolve("repo").toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("diagnose", "--workflow", repo.resolve(expected.workflow()).toString(),
                "--repo", repo.toString(), "--format", "json"));
        args.addAll(expected.args());
        Map<String, String> vars = new HashMap<>();
        vars.put("DOCKER_CONFIG", home.resolve("docker-config").toString());
        vars.put("PATH", "/nonexistent");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.live(new Environment(vars, home, "Linux"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        String json = out.toString(StandardCharsets.UTF_8);
        TreeSet<String> errors = new TreeSet<>();
        TreeSet<String> warnings = new TreeSet<>();
        if (!json.isBlank()) {
            for (JsonNode finding : JSON.readTree(json).get("findings")) {
                String severity = finding.get("severity").asText();
                (severity.equals("error") ? errors : severity.equals("warning") ? warnings : new TreeSet<String>()).add(finding.get("id").asText());
            }
        }
        return new Outcome(code, List.copyOf(errors), List.copyOf(warnings), json, err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_tool_agrees_with_the_reasoned_expectation(String name, @TempDir Path home) throws Exception {
        Path dir = CORPUS.resolve(name);
        Expectation expected = expectation(dir);
        Outcome outcome = diagnose(dir, expected, home);
        boolean agrees = outcome.exit() == expected.exit() && outcome.errors().equals(new TreeSet<>(expected.errors()).stream().toList())
                && outcome.warnings().equals(new TreeSet<>(expected.warnings()).stream().toList());
        synchronized (TABLE) {
            TABLE.add("| " + name + " | " + source(dir).replace("|", "\\|") + " | " + expected.verdict() + " | " + expected.exit() + " "
                    + expected.errors() + (expected.warnings().isEmpty() ? "" : " w" + expected.warnings()) + " | " + outcome.exit() + " "
                    + outcome.errors() + (outcome.warnings().isEmpty() ? "" : " w" + outcome.warnings()) + " | " + (agrees ? "yes" : "**no**") + " |");
        }
        assertThat(outcome.exit()).as("never exit 2 on a real workflow\n" + outcome.err()).isNotEqualTo(2);
        assertThat(outcome.errors()).as("errors\n" + outcome.out()).isEqualTo(new TreeSet<>(expected.errors()).stream().toList());
        assertThat(outcome.warnings()).as("warnings\n" + outcome.out()).isEqualTo(new TreeSet<>(expected.warnings()).stream().toList());
        assertThat(outcome.exit()).as("exit code").isEqualTo(expected.exit());
    }

    @AfterAll
    static void writeTheTable() throws IOException {
        List<String> rows = new ArrayList<>(TABLE);
        rows.sort(null);
        List<String> lines = new ArrayList<>(List.of("| case | source | verdict | expected (exit, errors, warnings) | result | agrees |",
                "|---|---|---|---|---|---|"));
        lines.addAll(rows);
        Files.createDirectories(Path.of("target/corpus"));
        Files.write(Path.of("target/corpus/workflows.md"), lines);
    }
}
