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
 * The corpus of real Compose, Bake and GitLab CI files ({@code src/test/resources/corpus/FRONT-ENDS.md}): each is
 * diagnosed through the command line and must give exactly the error and warning ids and the exit code its
 * {@code expect.yml} reasoned from buildx-facts before the tool read it. A laptop case runs in its {@code world}: a
 * docker-container builder current, or the docker driver, with an empty daemon store. Writes
 * {@code target/corpus/front-ends.md}.
 */
class FrontEndCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLE = new ArrayList<>();
    /** The kinds the tool reads so far; each joins when its reader is wired into the pipeline. */
    private static final List<String> KINDS = List.of("compose", "bake", "gitlab");

    static Stream<String> cases() throws IOException {
        List<String> cases = new ArrayList<>();
        for (String kind : KINDS) {
            try (Stream<Path> dirs = Files.list(CORPUS.resolve(kind))) {
                dirs.filter(d -> Files.exists(d.resolve("expect.yml"))).map(d -> kind + "/" + d.getFileName()).sorted().forEach(cases::add);
            }
        }
        return cases.stream();
    }

    record Expectation(String kind, List<String> files, List<String> targets, String world, String verdict, int exit, List<String> errors,
                       List<String> warnings, List<String> args) {
    }

    @SuppressWarnings("unchecked")
    static Expectation expectation(Path dir) throws IOException {
        Map<String, Object> yaml = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(dir.resolve("expect.yml")));
        return new Expectation((String) yaml.get("kind"), strings(yaml.get("files")), strings(yaml.get("targets")),
                (String) yaml.get("world"), (String) yaml.get("verdict"), ((Number) yaml.get("exit")).intValue(), strings(yaml.get("errors")),
                strings(yaml.get("warnings")), strings(yaml.get("args")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    /** The command line for the case's kind. */
    static List<String> command(Expectation expected, Path repo, Path world) {
        List<String> args = new ArrayList<>(List.of("diagnose"));
        switch (expected.kind()) {
            case "gitlab" -> args.addAll(List.of("--gitlab-ci", repo.resolve(expected.files().get(0)).toString(), "--repo", repo.toString()));
            case "workflow" -> args.addAll(List.of("--workflow", repo.resolve(expected.files().get(0)).toString(), "--repo", repo.toString()));
            default -> {
                for (String file : expected.files()) {
                    args.addAll(List.of("--" + expected.kind(), repo.resolve(file).toString()));
                }
                if (expected.files().isEmpty()) {
                    // bake's own file lookup, in the directory it runs in (--repo below)
                    args.add("--" + expected.kind());
                }
                args.addAll(expected.targets());
                args.addAll(List.of("--scenario", world.toString()));
                if (expected.kind().equals("bake")) {
                    args.addAll(List.of("--repo", repo.toString()));
                }
            }
        }
        args.addAll(List.of("--format", "json"));
        args.addAll(expected.args());
        return args;
    }

    /** A laptop with an empty daemon store and, for "container", a docker-container builder that is current. */
    static Path world(String world, Path dir) throws IOException {
        String builders = "container".equals(world) ? """
                builders:
                  - name: builder
                    driver: docker-container
                    current: true
                """ : "builders: []\n";
        Path file = dir.resolve("world-" + world + ".yml");
        Files.writeString(file, """
                name: corpus-%s
                title: "Corpus world: %s"
                level: intermediate
                goal: "A laptop whose current builder is %s"
                runner: laptop
                daemon:
                  context: default
                  imageStore: classic
                  images: []
                %s""".formatted(world, world, world, builders));
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_tool_agrees_with_the_reasoned_expectation(String name, @TempDir Path home) throws Exception {
        Path dir = CORPUS.resolve(name);
        Expectation expected = expectation(dir);
        Path repo = dir.resolve("repo").toAbsolutePath();
        Map<String, String> vars = new HashMap<>();
        vars.put("DOCKER_CONFIG", home.resolve("docker-config").toString());
        vars.put("PATH", "/nonexistent");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.live(new Environment(vars, home, "Linux"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(command(expected, repo, world(expected.world(), home))
                .toArray(String[]::new));
        String json = out.toString(StandardCharsets.UTF_8);
        TreeSet<String> errors = new TreeSet<>();
        TreeSet<String> warnings = new TreeSet<>();
        if (!json.isBlank()) {
            for (JsonNode finding : JSON.readTree(json).get("findings")) {
                String severity = finding.get("severity").asText();
                (severity.equals("error") ? errors : severity.equals("warning") ? warnings : new TreeSet<String>()).add(finding.get("id").asText());
            }
        }
        List<String> expectedErrors = new TreeSet<>(expected.errors()).stream().toList();
        List<String> expectedWarnings = new TreeSet<>(expected.warnings()).stream().toList();
        boolean agrees = exit == expected.exit() && List.copyOf(errors).equals(expectedErrors) && List.copyOf(warnings).equals(expectedWarnings);
        synchronized (TABLE) {
            TABLE.add("| " + name + " | " + WorkflowCorpusTest.source(dir).replace("|", "\\|") + " | " + expected.verdict() + " | "
                    + expected.exit() + " " + expectedErrors + (expectedWarnings.isEmpty() ? "" : " w" + expectedWarnings) + " | " + exit + " "
                    + errors + (warnings.isEmpty() ? "" : " w" + warnings) + " | " + (agrees ? "yes" : "**no**") + " |");
        }
        assertThat(exit).as("never exit 2 on a real file\n" + err.toString(StandardCharsets.UTF_8)).isNotEqualTo(2);
        assertThat(List.copyOf(errors)).as("errors\n" + json).isEqualTo(expectedErrors);
        assertThat(List.copyOf(warnings)).as("warnings\n" + json).isEqualTo(expectedWarnings);
        assertThat(exit).as("exit code").isEqualTo(expected.exit());
    }

    @AfterAll
    static void writeTheTable() throws IOException {
        List<String> rows = new ArrayList<>(TABLE);
        rows.sort(null);
        List<String> lines = new ArrayList<>(List.of("| case | source | verdict | expected (exit, errors, warnings) | result | agrees |",
                "|---|---|---|---|---|---|"));
        lines.addAll(rows);
        Files.createDirectories(Path.of("target/corpus"));
        Files.write(Path.of("target/corpus/front-ends.md"), lines);
    }
}
