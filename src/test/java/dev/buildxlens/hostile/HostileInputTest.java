package dev.buildxlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.dockerfile.Instruction;
import dev.buildxlens.core.dockerfile.ParsedDockerfile;
import dev.buildxlens.core.scenario.ScenarioException;
import dev.buildxlens.core.scenario.ScenarioLoader;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.WorkflowParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input for the three file formats a user points the tool at: each case ends within seconds in
 * the documented input error (naming the file, and the line where there is one) or, where the input is valid however
 * odd, in the answer BuildKit would give; never a hang or a crash.
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
                .isInstanceOf(WorkflowException.class).hasMessageStartingWith("bomb.yml").hasMessageContaining("aliases");
        assertThatThrownBy(() -> ScenarioLoader.parse(BILLION_LAUGHS, "bomb.yml"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("bomb.yml").hasMessageContaining("aliases");
    }

    @Test
    void deep_nesting_is_refused_with_a_line() {
        // 5000 flow sequences on line 3: refused at the 65th level, on that line (not by a stack overflow, which has none).
        String deep = "jobs:\n  x:\n    steps: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> WorkflowParser.parse(deep, "deep.yml"))
                .isInstanceOf(WorkflowException.class).hasMessage("deep.yml:3: nested more than 64 levels deep");
        // Block mappings one level per line: the mapping 65 levels down starts on line 66.
        String deepMap = "jobs:\n" + java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> "  ".repeat(i + 1) + "k" + i + ":\n").reduce("", String::concat);
        assertThatThrownBy(() -> WorkflowParser.parse(deepMap, "deep-map.yml"))
                .isInstanceOf(WorkflowException.class).hasMessage("deep-map.yml:66: nested more than 64 levels deep");
    }

    @Test
    void duplicate_keys_are_an_error_naming_the_line() {
        String text = "name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n  build:\n    runs-on: ubuntu-latest\n";
        assertThatThrownBy(() -> WorkflowParser.parse(text, "dup.yml"))
                .isInstanceOf(WorkflowException.class).hasMessage("dup.yml:6: duplicate key 'build' in jobs");
    }

    @Test
    // snakeyaml-engine takes 2-4 s for a 3 MB scalar on this machine, and several times that while the 2 cores are busy
    // with other work (41 s seen in a CI run): the class's 20 s guard against hangs is too tight for this one.
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_huge_scalar_within_the_size_limit_is_read_and_one_above_it_is_refused() throws Exception {
        String big = "name: ci\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "
                + "x".repeat(3 * 1024 * 1024) + "\n";
        Workflow read = WorkflowParser.parse(big, "big.yml");
        assertThat(read.job("a")).get().satisfies(job -> assertThat(job.steps()).singleElement()
                .satisfies(step -> assertThat(step.run()).hasSize("echo ".length() + 3 * 1024 * 1024).startsWith("echo xxx")));
        Path file = dir.resolve("huge.yml");
        Files.writeString(file, big + "# " + "y".repeat(3 * 1024 * 1024) + "\n");
        assertThatThrownBy(() -> WorkflowParser.read(file, "huge.yml"))
                .isInstanceOf(WorkflowException.class).hasMessage("huge.yml: is " + Files.size(file) + " bytes: too large for a workflow (limit 5242880)");
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
                .hasMessage("ci.yml: is 104857600 bytes: too large for a workflow (limit 5242880)");
        assertThatThrownBy(() -> DockerfileFiles.read(file, "Dockerfile")).isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile: is 104857600 bytes: too large to be a Dockerfile");
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
                .isInstanceOf(WorkflowException.class).hasMessageStartingWith("list.yml:1: not a GitHub Actions workflow");
        assertThatThrownBy(() -> WorkflowParser.parse("jobs:\n  a: [unclosed\n", "broken.yml"))
                .isInstanceOf(WorkflowException.class).hasMessageMatching("broken\\.yml:\\d+: invalid YAML: .*");
    }

    @Test
    void a_java_class_tag_is_read_as_plain_yaml_and_builds_nothing() throws WorkflowException {
        // The YAML is composed into nodes, never constructed into objects: a "class" tag is an unknown tag, ignored,
        // and what it is on reads as the plain mapping, list or string it is.
        assertThat(WorkflowParser.parse("jobs: !!java.lang.Runtime {}\n", "tag.yml").jobs()).isEmpty();
        Workflow tagged = WorkflowParser.parse("""
                jobs: !!java.lang.ProcessBuilder
                  build: !!java.lang.Runtime
                    steps: !!java.util.ArrayList
                      - run: !!java.lang.ProcessBuilder echo hi
                """, "tag.yml");
        assertThat(tagged.jobs()).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo("build");
            assertThat(job.steps()).singleElement().satisfies(step -> assertThat(step.run()).isEqualTo("echo hi"));
        });
    }

    // ---- Dockerfiles ----

    private static DockerfileAnalysis analyse(String text) throws DockerfileException {
        return DockerfileAnalyzer.analyze(DockerfileParser.parse(text, "Dockerfile"), DockerfileInputs.none());
    }

    private static List<String> images(DockerfileAnalysis analysis) {
        return analysis.images().stream().map(need -> need.reference().normalized()).toList();
    }

    @Test
    void arg_recursion_ends_with_an_answer_not_a_loop() throws DockerfileException {
        // BuildKit expands each ARG once, in order: A=$B sees B unset, B=$A sees A's (empty) value. No loop.
        DockerfileAnalysis crossed = analyse("ARG A=$B\nARG B=$A\nFROM alpine:${A}${B}3.20\n");
        assertThat(images(crossed)).containsExactly("docker.io/library/alpine:3.20");
        assertThat(crossed.argProblems()).isEmpty();
        // A=${A}x sees A unset: A is "x", once.
        DockerfileAnalysis self = analyse("ARG A=${A}x\nFROM alpine:3.20${A}\n");
        assertThat(images(self)).containsExactly("docker.io/library/alpine:3.20x");
        assertThat(self.argProblems()).isEmpty();
    }

    @Test
    void pathological_continuations_and_huge_lines_are_bounded() throws DockerfileException {
        // 200,000 continuation lines (the last one at the end of the file) are one RUN, from line 2 to line 200001.
        String continuations = "FROM alpine:3.20\nRUN true " + "\\\n".repeat(200_000) + "\n";
        long start = System.nanoTime();
        ParsedDockerfile parsed = DockerfileParser.parse(continuations, "Dockerfile");
        assertThat(parsed.instructions()).extracting(Instruction::keyword, Instruction::arguments, Instruction::line, Instruction::endLine)
                .containsExactly(tuple("FROM", "alpine:3.20", 1, 1), tuple("RUN", "true", 2, 200_001));
        assertThat(images(DockerfileAnalyzer.analyze(parsed, DockerfileInputs.none()))).containsExactly("docker.io/library/alpine:3.20");
        // A 5 MB line is refused by its length, on its line.
        String hugeLine = "FROM alpine:3.20\nRUN echo " + "a".repeat(5 * 1024 * 1024) + "\n";
        assertThatThrownBy(() -> analyse(hugeLine)).isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:2: line is longer than 1000000 characters");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void nul_bytes_unterminated_heredocs_and_invalid_references_are_errors_with_lines() {
        assertThatThrownBy(() -> analyse("FROM alpine\nRUN a\u0000b\n")).isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:2");
        assertThatThrownBy(() -> analyse("FROM alpine\nRUN <<EOF\necho hi\n")).isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:2");
        // Docker refuses each of these as "invalid reference format"; so does the analysis, on the FROM's line.
        for (String bad : new String[] {"FROM UPPER/Case:tag\n", "FROM a:b:c:d\n", "FROM ../../etc/passwd\n", "FROM @sha256:zz\n",
                "FROM alpine\nFROM UPPER/Case:tag\n"}) {
            int line = (int) bad.chars().filter(c -> c == '\n').count();
            assertThatThrownBy(() -> analyse(bad)).as(bad).isInstanceOf(DockerfileException.class)
                    .hasMessageStartingWith("Dockerfile:" + line + ": invalid reference format: ");
        }
    }

    @Test
    void a_directory_or_a_missing_file_is_an_input_error() {
        assertThatThrownBy(() -> DockerfileFiles.read(dir, "Dockerfile")).isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile: is a directory, not a Dockerfile");
        assertThatThrownBy(() -> DockerfileFiles.read(dir.resolve("nope"), "nope")).isInstanceOf(DockerfileException.class)
                .hasMessage("nope: no such file");
        assertThatThrownBy(() -> WorkflowParser.read(dir, "dir.yml")).isInstanceOf(WorkflowException.class)
                .hasMessage("dir.yml: is a directory, not a workflow file");
        assertThatThrownBy(() -> WorkflowParser.read(dir.resolve("nope.yml"), "nope.yml")).isInstanceOf(WorkflowException.class)
                .hasMessage("nope.yml: no such file");
    }
}
