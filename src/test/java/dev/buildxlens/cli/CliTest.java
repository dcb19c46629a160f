package dev.buildxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.core.probe.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, in process, against environments where the daemon is unreachable in documented ways. */
class CliTest {

    @TempDir
    Path home;

    private record Result(int exitCode, String out, String err, Duration took) {
    }

    private Result run(Map<String, String> variables, String... args) {
        Map<String, String> vars = new HashMap<>(variables);
        vars.putIfAbsent("DOCKER_CONFIG", home.resolve(".docker").toString());
        vars.put("PATH", "/nonexistent");
        Environment env = new Environment(vars, home, "Linux");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void version_prints_the_name_and_version() {
        Result result = run(Map.of(), "--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("buildx-lens \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void an_unknown_command_is_bad_usage() {
        Result result = run(Map.of(), "inspekt");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown command 'inspekt'");
    }

    @Test
    void a_bad_registry_or_format_is_bad_usage_before_anything_is_probed() throws IOException {
        Map<String, String> noDaemon = Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + closedPort());
        Result badRegistry = run(noDaemon, "inspect", "--registry", "http://localhost:5000");
        assertThat(badRegistry.exitCode()).as("2 wins over 3").isEqualTo(2);
        assertThat(badRegistry.err()).contains("--registry 'http://localhost:5000' must be HOST[:PORT]");
        assertThat(badRegistry.out()).isEmpty();

        Result badFormat = run(noDaemon, "inspect", "--format=yaml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format must be text or json, not 'yaml'");

        assertThat(run(noDaemon, "inspect", "--registry").err()).contains("--registry needs a value");
    }

    @Test
    void a_closed_port_gives_exit_3_with_the_attempt_within_seconds() throws IOException {
        int port = closedPort();
        Result result = run(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port), "inspect");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("the Docker daemon is unreachable")
                .contains("[failed] DOCKER_HOST (tcp://127.0.0.1:" + port + "): connection refused (nothing listens there)");
        assertThat(result.out()).contains("unreachable").contains("Builders:");
        assertThat(result.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_missing_socket_gives_exit_3_and_json_still_has_the_builders() throws IOException {
        Result result = run(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"), "inspect", "--format", "json");
        assertThat(result.exitCode()).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.at("/daemon/reachable").asBoolean()).isFalse();
        assertThat(json.at("/daemon/host").asText()).isEqualTo("unix:///nonexistent/docker.sock");
        assertThat(json.at("/daemon/attempts/0/message").asText()).isEqualTo("no socket at /nonexistent/docker.sock (is dockerd running?)");
        assertThat(json.at("/builders/0/name").asText()).isEqualTo("default");
        // What the docker driver would read from a daemon that does not answer is unknown, not "can read".
        assertThat(json.at("/builders/0/canRead").toString()).doesNotContain("daemon:default");
        assertThat(json.at("/builders/0/access").toString()).contains("{\"store\":\"daemon:default\",\"access\":\"unknown\"");
        assertThat(json.get("stores").isArray()).isTrue();
        assertThat(json.get("problems").isArray()).isTrue();
        assertThat(result.err()).contains("no socket at /nonexistent/docker.sock");
    }

    @Test
    void diagnose_rejects_bad_input_with_file_and_line_before_probing() throws IOException {
        Map<String, String> noDaemon = Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + closedPort());
        Result missing = run(noDaemon, "diagnose", "--dockerfile", home.resolve("nope/Dockerfile").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains(home.resolve("nope/Dockerfile") + ": no such file");

        Path dockerfile = home.resolve("Dockerfile");
        java.nio.file.Files.writeString(dockerfile, "FROM alpine\n\nFROM not/Valid\n");
        Result invalid = run(noDaemon, "diagnose", "--dockerfile", dockerfile.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains(dockerfile + ":3: invalid reference format: repository name (not/Valid) must be lowercase");
        assertThat(invalid.err()).doesNotContain("Exception").doesNotContain("\tat ");

        Result badArg = run(noDaemon, "diagnose", "--dockerfile", dockerfile.toString(), "--build-arg", "=value");
        assertThat(badArg.exitCode()).isEqualTo(2);
        assertThat(badArg.err()).contains("--build-arg '=value' must be NAME=VALUE");

        java.nio.file.Files.write(home.resolve("Binary"), new byte[] {(byte) 0xC3, (byte) 0x28, 'F'});
        assertThat(run(noDaemon, "diagnose", "--dockerfile", home.resolve("Binary").toString()).err()).contains("is not UTF-8 text");
    }

    @Test
    void diagnose_without_a_daemon_reports_what_it_can_and_exits_3() throws IOException {
        Path dockerfile = home.resolve("Dockerfile");
        java.nio.file.Files.writeString(dockerfile, "ARG BASE\nFROM $BASE\n");
        Result result = run(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + closedPort()), "diagnose", "--dockerfile", dockerfile.toString());
        assertThat(result.exitCode()).as("3 wins over 1").isEqualTo(3);
        assertThat(result.out()).contains(dockerfile + ":2: error[from-arg-without-default]");
        assertThat(result.err()).contains("the Docker daemon is unreachable");
    }

    @Test
    void diagnose_workflow_simulates_the_runner_without_a_daemon() throws IOException {
        Path repo = home.resolve("repo");
        java.nio.file.Files.createDirectories(repo.resolve(".github/workflows"));
        java.nio.file.Files.createDirectories(repo.resolve("app"));
        java.nio.file.Files.writeString(repo.resolve("app/Dockerfile"), "FROM base:latest\n");
        Path workflow = repo.resolve(".github/workflows/ci.yml");
        java.nio.file.Files.writeString(workflow, """
                jobs:
                  app:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build -t base:latest app
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          context: app
                """);
        // No daemon is needed: the runner is simulated.
        Map<String, String> noDaemon = Map.of("DOCKER_HOST", "unix:///nonexistent.sock");
        Result result = run(noDaemon, "diagnose", "--workflow", workflow.toString(), "--format", "json");
        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.at("/findings/0/id").asText()).isEqualTo("local-image-invisible");
        assertThat(json.at("/findings/0/job").asText()).isEqualTo("app");
        assertThat(json.at("/findings/0/step").asText()).isEqualTo("#3");
        assertThat(json.at("/builds/1/builder/driver").asText()).isEqualTo("docker-container");
        assertThat(json.get("assumptions").toString()).contains("runs on a fresh GitHub-hosted ubuntu-latest runner: Docker 28.0.4 with the classic image store");

        Result containerd = run(noDaemon, "diagnose", "--workflow", workflow.toString(), "--assume-image-store", "containerd", "--job", "app");
        assertThat(containerd.exitCode()).as("the containerd store changes nothing for container builders").isEqualTo(1);

        assertThat(run(noDaemon, "diagnose", "--workflow", workflow.toString(), "--assume-image-store", "zfs").err())
                .contains("--assume-image-store must be classic or containerd");
        assertThat(run(noDaemon, "diagnose", "--workflow", workflow.toString(), "--job", "nope").exitCode()).isEqualTo(2);
    }

    @Test
    void diagnose_workflow_rejects_files_that_are_not_workflows() throws IOException {
        Path broken = home.resolve("broken.yml");
        java.nio.file.Files.writeString(broken, "jobs:\n  a: [\n");
        Result yaml = run(Map.of(), "diagnose", "--workflow", broken.toString());
        assertThat(yaml.exitCode()).isEqualTo(2);
        assertThat(yaml.err()).contains(broken + ":3: invalid YAML");

        Path notWorkflow = home.resolve("compose.yml");
        java.nio.file.Files.writeString(notWorkflow, "services:\n  web:\n    image: nginx\n");
        assertThat(run(Map.of(), "diagnose", "--workflow", notWorkflow.toString()).err())
                .contains(notWorkflow + ":1: not a GitHub Actions workflow: no 'jobs' mapping");

        assertThat(run(Map.of(), "diagnose", "--workflow", home.resolve("missing.yml").toString()).err()).contains("missing.yml: no such file");
        assertThat(run(Map.of(), "diagnose", "--workflow", broken.toString(), "--dockerfile", "x").err()).contains("takes one of --dockerfile, --workflow");
    }

    @Test
    void scenarios_replace_the_machine_for_every_command() throws IOException {
        Map<String, String> noDaemon = Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + closedPort());
        Result list = run(noDaemon, "scenarios", "--format", "json");
        assertThat(list.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(list.out());
        assertThat(json.get("scenarios").size()).isGreaterThanOrEqualTo(10);
        assertThat(json.at("/scenarios/0/name").asText()).isEqualTo("laptop-loaded-base");
        // As a table, every row's runner starts in the same column, the longest lesson name included.
        List<String> rows = run(noDaemon, "scenarios").out().lines().takeWhile(l -> !l.isBlank()).toList();
        assertThat(rows).hasSize(json.get("scenarios").size());
        List<Integer> runnerColumns = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            runnerColumns.add(rows.get(i).indexOf(json.at("/scenarios/" + i + "/runner").asText(), json.at("/scenarios/" + i + "/name").asText().length()));
        }
        assertThat(runnerColumns).as(String.join("\n", rows)).containsOnly(runnerColumns.get(0));

        Result inspect = run(noDaemon, "inspect", "--scenario", "laptop-loaded-base", "--format", "json");
        assertThat(inspect.exitCode()).as("no daemon is needed for a scenario").isZero();
        assertThat(new ObjectMapper().readTree(inspect.out()).at("/origin").asText()).isEqualTo("scenario laptop-loaded-base");

        Result diagnose = run(noDaemon, "diagnose", "--scenario", "classic-ci");
        assertThat(diagnose.exitCode()).isEqualTo(1);
        assertThat(diagnose.out()).contains(".github/workflows/ci.yml:30: error[local-image-invisible]");

        Result fix = run(noDaemon, "fix", "--scenario", "classic-ci-docker-driver");
        assertThat(fix.exitCode()).isZero();
        assertThat(fix.out()).contains("Nothing to fix");

        Result missing = run(noDaemon, "diagnose", "--scenario", "no-such-lesson");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no scenario 'no-such-lesson'");

        Path exported = home.resolve("world.yml");
        assertThat(run(noDaemon, "inspect", "--scenario", "kubernetes-builder", "--export-scenario", exported.toString()).exitCode()).isZero();
        assertThat(java.nio.file.Files.readString(exported)).contains("driver: \"kubernetes\"");
        Result again = run(noDaemon, "inspect", "--scenario", "kubernetes-builder", "--export-scenario", exported.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("the file exists; add --force");
    }

    @Test
    void exit_codes_combine_by_priority() {
        assertThat(ExitCode.OK.and(ExitCode.FINDINGS)).isEqualTo(ExitCode.FINDINGS);
        assertThat(ExitCode.FINDINGS.and(ExitCode.DAEMON_UNREACHABLE)).isEqualTo(ExitCode.DAEMON_UNREACHABLE);
        assertThat(ExitCode.USAGE.and(ExitCode.DAEMON_UNREACHABLE)).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.DAEMON_UNREACHABLE.and(ExitCode.OK)).isEqualTo(ExitCode.DAEMON_UNREACHABLE);
    }

    @Test
    void subcommands_run_the_command_line_and_no_arguments_open_the_app() {
        assertThat(Cli.isCommandLine(new String[] {"inspect"})).isTrue();
        assertThat(Cli.isCommandLine(new String[] {"--version"})).isTrue();
        assertThat(Cli.isCommandLine(new String[] {})).isFalse();
        assertThat(Cli.isCommandLine(new String[] {"--scenario", "x"})).isFalse();
    }
}
