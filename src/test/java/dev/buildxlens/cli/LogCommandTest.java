package dev.buildxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.core.log.LogReader;
import dev.buildxlens.core.probe.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diagnose --log} and {@code fix --log} in process: output formats, evidence, stdin, exit codes. */
class LogCommandTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus/logs");

    @TempDir
    Path home;

    private record Result(int exitCode, String out, String err) {
    }

    private Result run(InputStream stdin, String... args) {
        Map<String, String> vars = new HashMap<>();
        vars.put("DOCKER_CONFIG", home.resolve(".docker").toString());
        vars.put("PATH", "/nonexistent");
        // No daemon is needed for a log: DOCKER_HOST points nowhere (a local log with an open cause asks, and is told it does not answer).
        vars.put("DOCKER_HOST", "unix://" + home.resolve("no.sock"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.live(new Environment(vars, home, "Linux"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).withInput(stdin).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    @Test
    void a_confirmed_finding_exits_1_with_evidence_in_the_json() throws IOException {
        Path log = CORPUS.resolve("t-awspodeip50-desktop-linux-multiplatform/log.txt");
        Result result = run("diagnose", "--log", log.toString(), "--format", "json");
        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(result.out());
        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.get("id").asText()).isEqualTo("docker-driver-multiplatform");
        assertThat(finding.get("builder").asText()).isEqualTo("desktop-linux");
        JsonNode evidence = finding.get("evidence");
        assertThat(evidence).hasSize(2);
        assertThat(evidence.get(0).get("file").asText()).isEqualTo(log.toString());
        assertThat(evidence.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(evidence.get(0).get("text").asText()).startsWith("[+] Building 0.0s (0/0)").endsWith("docker:desktop-linux");
        assertThat(evidence.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(root.get("log").get("builder").get("driver").asText()).isEqualTo("docker");
        assertThat(root.get("possible")).isEmpty();
    }

    @Test
    void stdin_is_read_with_dash_and_evidence_names_it() {
        byte[] log = "ERROR: failed to solve: base name (${IMAGE}) should not be blank\n".getBytes(StandardCharsets.UTF_8);
        Result result = run(new ByteArrayInputStream(log), "diagnose", "--log", "-");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("-:1: error[from-arg-without-default]").contains("    evidence: -:1: ERROR: failed to solve: base name");
    }

    @Test
    void possible_causes_alone_exit_0_and_name_the_missing_facts() {
        Result result = run("diagnose", "--log", CORPUS.resolve("p-buildkit2343-parent-arg-container/log.txt").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("possible causes").contains("local-image-invisible:").contains("needs builder-driver:")
                .contains("needs image-in-daemon-store:").contains("failing image: ds_test_base:test");
    }

    @Test
    void log_not_recognised_alone_exits_0() {
        Result result = run("diagnose", "--log", CORPUS.resolve("g-mikeal18-alpine39-401-failed-to-build/log.txt").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("info[log-not-recognised]").contains("The line that looks like the error is line")
                .contains("log.txt:12: ERROR: failed to build: failed to solve: alpine:3.9");
    }

    @Test
    void a_log_over_the_limit_exits_2_naming_the_limit() throws IOException {
        Path big = home.resolve("big.log");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(LogReader.DEFAULT_LIMIT + 1); // sparse: nothing is written
        }
        Result result = run("diagnose", "--log", big.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("200 MB");
    }

    @Test
    void a_missing_log_and_a_build_file_given_as_a_path_are_bad_usage() throws IOException {
        assertThat(run("diagnose", "--log", home.resolve("nope.log").toString()).err()).contains("no such file");
        Path dockerfile = Files.writeString(home.resolve("Dockerfile"), "FROM alpine\n");
        Result both = run("diagnose", "--log", "-", dockerfile.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("takes its build files as --dockerfile");
    }

    /** The log of a failed build on a container builder, as buildx ≥ 0.11 prints it (plain progress). */
    private static final String LOADED_BASE_LOG = """
            #0 building with "mybuilder" instance using docker-container driver

            #2 [internal] load metadata for docker.io/library/my-base:latest
            #2 ERROR: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed
            ------
             > [internal] load metadata for docker.io/library/my-base:latest:
            ------
            ERROR: failed to solve: my-base:latest: failed to resolve source metadata for docker.io/library/my-base:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed
            """;

    @Test
    void with_its_dockerfile_the_logs_possible_cause_is_decided_and_the_fix_is_a_patch() throws IOException {
        Path log = Files.writeString(home.resolve("build.log"), LOADED_BASE_LOG);
        Path dockerfile = Files.writeString(home.resolve("Dockerfile"), "# app\nFROM my-base:latest\nRUN echo hi\n");
        Result alone = run("diagnose", "--log", log.toString(), "--format", "json");
        JsonNode aloneRoot = new ObjectMapper().readTree(alone.out());
        assertThat(aloneRoot.get("findings")).isEmpty();
        assertThat(aloneRoot.get("possible").findValuesAsText("id")).containsExactly("local-image-invisible");

        Result both = run("diagnose", "--log", log.toString(), "--dockerfile", dockerfile.toString(), "--scenario", "laptop-loaded-base",
                "--format", "json");
        assertThat(both.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(both.out());
        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.get("id").asText()).isEqualTo("local-image-invisible");
        assertThat(finding.get("line").asInt()).as("the Dockerfile's line").isEqualTo(2);
        assertThat(finding.get("evidence").findValuesAsText("line")).contains("1", "4", "8");
        assertThat(root.get("possible")).as("decided by the Dockerfile's finding").isEmpty();
        assertThat(root.get("builds")).hasSize(1);

        Result fix = run("fix", "--log", log.toString(), "--dockerfile", dockerfile.toString(), "--scenario", "laptop-loaded-base",
                "--fix", "local-registry-bridge");
        assertThat(fix.exitCode()).isZero();
        assertThat(fix.out()).contains("--- a/Dockerfile").contains("+ARG BASE_IMAGE");
    }

    @Test
    void a_failure_only_the_log_shows_stays_with_its_fixes_beside_the_files_findings() throws IOException {
        Path log = CORPUS.resolve("t-awspodeip50-desktop-linux-multiplatform/log.txt");
        Path dockerfile = Files.writeString(home.resolve("Dockerfile"), "FROM alpine:3.20\n");
        Result both = run("diagnose", "--log", log.toString(), "--dockerfile", dockerfile.toString(), "--scenario", "laptop-loaded-base");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.out()).contains("docker-driver-multiplatform").contains("the log's build ran on desktop-linux; the files were judged on mybuilder");
        Result fix = run("fix", "--log", log.toString(), "--dockerfile", dockerfile.toString(), "--scenario", "laptop-loaded-base");
        assertThat(fix.out()).contains("use-container-builder");
    }

    @Test
    void fix_fills_in_the_builder_from_the_log() {
        Result result = run("fix", "--log", CORPUS.resolve("l-buildx413-gitlab-tls-env-old/log.txt").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("use-docker-context").contains("docker context create tls-environment")
                .contains("docker buildx create --use --name multiarch-builder --driver docker-container tls-environment");
        Result json = run("fix", "--log", CORPUS.resolve("t-neo4j409-image-arg-blank/log.txt").toString(), "--format", "json");
        assertThat(json.out()).contains("\"add-arg-default\"").contains("ARG IMAGE=IMAGE:TAG");
    }

    @Test
    void findings_from_files_have_no_evidence_field() throws IOException {
        Path dockerfile = Files.writeString(home.resolve("Dockerfile"), "ARG BASE\nFROM $BASE\n");
        Result result = run("diagnose", "--scenario", "classic-ci", "--dockerfile", dockerfile.toString(), "--format", "json");
        assertThat(result.out()).contains("\"findings\"").doesNotContain("\"evidence\"");
    }
}
