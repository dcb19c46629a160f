package dev.buildxlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.scenario.ScenarioException;
import dev.buildxlens.core.scenario.ScenarioLoader;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.WorkflowParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input for the three file formats a user points the tool at: each case ends in the documented
 * input error (naming the file, and the line where there is one) within seconds, never a hang or a crash.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileInputTest {

    @TempDir
    Path dir;

    // ---- YAML: workflows and scenarios share YamlDocument's limits ----

    private static final String BILLION_LAUGHS = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            jobs: *g
            """;

    @Test
    void an_alias_bomb_is_refused_in_a_workflow_and_in_a_scenario() {
        assertThatThrownBy(() -> WorkflowParser.parse(BILLION_LAUGHS, "bomb.yml"))
                .isInstanceOf(WorkflowException.class).hasMessageStartingWith("bomb.yml");
        assertThatThrownBy(() -> ScenarioLoader.parse(BILLION_LAUGHS, "bomb.yml"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("bomb.yml");
    }

    @Test
    void deep_nesting_is_refused_with_a_line() {
        String deep = "jobs:\n  x:\n    steps: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> WorkflowParser.parse(deep, "deep.yml"))
                .isInstanceOf(WorkflowException.class).hasMessageStartingWith("deep.yml");
        String deepMap = "jobs:\n" + java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> "  ".repeat(i + 1) + "k" + i + ":\n").reduce("", String::concat);
        assertThatThrownBy(() -> WorkflowParser.parse(deepMap, "deep-map.yml"))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("deep-map.yml");
    }

    @Test
    void duplicate_keys_are_an_error_naming_the_line() {
        String text = "name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n  build:\n    runs-on: ubuntu-latest\n";
        assertThatThrownBy(() -> WorkflowParser.parse(text, "dup.yml"))
                .isInstanceOf(WorkflowException.class).hasMessageStartingWith("dup.yml:").hasMessageContaining("build");
    }

    @Test
    void a_huge_scalar_within_the_size_limit_is_read_and_one_above_it_is_refused() throws Exception {
        String big = "name: ci\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "
                + "x".repeat(3 * 1024 * 1024) + "\n";
        assertThat(WorkflowParser.parse(big, "big.yml")).isNotNull();
        Path file = dir.resolve("huge.yml");
        Files.writeString(file, big + "# " + "y".repeat(3 * 1024 * 1024) + "\n");
        assertThatThrownBy(() -> WorkflowParser.read(file, "huge.yml"))
                .isInstanceOf(WorkflowException.class).hasMessageContaining("too large");
    }

    @Test
    void a_100_mb_file_is_refused_before_it_is_read() throws IOException {
        Path file = dir.resolve("ci.yml");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(100L * 1024 * 1024);
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> WorkflowParser.read(file, "ci.yml")).isInstanceOf(WorkflowException.class)
                .hasMessage("ci.yml: is 104857600 bytes: too large for a workflow (limit 5242880)");
        assertThatThrownBy(() -> ScenarioLoader.load(file, "ci.yml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> DockerfileFiles.read(file, "Dockerfile")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("Dockerfile");
        assertThat((System.nanoTime() - start) / 1_000_000).as("refused by size, not by reading").isLessThan(2000);
    }

    @Test
    void bytes_that_are_not_utf8_are_named_as_such() throws IOException {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, "name: caf\u00e9\njobs: {}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> WorkflowParser.read(file, "latin1.yml"))
                .isInstanceOf(WorkflowException.class).hasMessage("latin1.yml: is not UTF-8 text");
    }

    @Test
    void yaml_that_is_not_a_mapping_or_is_broken_names_file_and_line() {
        assertThatThrownBy(() -> WorkflowParser.parse("- just\n- a list\n", "list.yml"))
                .isInstanceOf(WorkflowException.class).hasMessageStartingWith("list.yml");
        assertThatThrownBy(() -> WorkflowParser.parse("jobs:\n  a: [unclosed\n", "broken.yml"))
                .isInstanceOf(WorkflowException.class).hasMessageMatching("broken\\.yml:\\d+: .*");
        // snakeyaml-engine never builds Java objects from tags: a "class" tag is just an unknown tag on a mapping.
        try {
            WorkflowParser.parse("jobs: !!java.lang.Runtime {}\n", "tag.yml");
        } catch (WorkflowException e) {
            assertThat(e.getMessage()).startsWith("tag.yml");
        }
    }

    // ---- Dockerfiles ----

    private static void analyse(String text) throws DockerfileException {
        DockerfileAnalyzer.analyze(DockerfileParser.parse(text, "Dockerfile"), DockerfileInputs.none());
    }

    @Test
    void arg_recursion_ends_with_an_answer_not_a_loop() throws DockerfileException {
        // BuildKit expands each ARG once, in order: A=$B sees B unset, B=$A sees A's (empty) value. No loop.
        analyse("ARG A=$B\nARG B=$A\nFROM alpine:${A}${B}3.20\n");
        analyse("ARG A=${A}x\nFROM alpine:3.20${A}\n");
    }

    @Test
    void pathological_continuations_and_huge_lines_are_bounded() {
        String continuations = "FROM alpine:3.20\nRUN true " + "\\\n".repeat(200_000) + "\n";
        long start = System.nanoTime();
        try {
            analyse(continuations);
        } catch (DockerfileException e) {
            assertThat(e.getMessage()).startsWith("Dockerfile");
        }
        String hugeLine = "FROM alpine:3.20\nRUN echo " + "a".repeat(5 * 1024 * 1024) + "\n";
        try {
            analyse(hugeLine);
        } catch (DockerfileException e) {
            assertThat(e.getMessage()).startsWith("Dockerfile");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void nul_bytes_unterminated_heredocs_and_invalid_references_are_errors_with_lines() {
        assertThatThrownBy(() -> analyse("FROM alpine\nRUN a\u0000b\n")).isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:2");
        assertThatThrownBy(() -> analyse("FROM alpine\nRUN <<EOF\necho hi\n")).isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:2");
        for (String bad : new String[] {"FROM UPPER/Case:tag\n", "FROM a:b:c:d\n", "FROM ../../etc/passwd\n", "FROM @sha256:zz\n"}) {
            try {
                analyse(bad);
            } catch (DockerfileException e) {
                assertThat(e.getMessage()).as(bad).startsWith("Dockerfile:1");
            }
        }
    }

    @Test
    void a_directory_or_a_missing_file_is_an_input_error() {
        assertThatThrownBy(() -> DockerfileFiles.read(dir, "Dockerfile")).isInstanceOf(DockerfileException.class);
        assertThatThrownBy(() -> DockerfileFiles.read(dir.resolve("nope"), "nope")).isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("nope");
        assertThatThrownBy(() -> WorkflowParser.read(dir, "dir.yml")).isInstanceOf(WorkflowException.class)
                .hasMessage("dir.yml: is a directory, not a workflow file");
        assertThat(Map.of()).isEmpty();
    }
}
