package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.testing.DockerTestSupport;
import dev.buildxlens.testing.TestBuilderStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The fix command on the live machine: plans, exit codes, and patches written beside, never over, the user's files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixCommandDockerTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String image = "lens-fixcli-" + run + "/base:1";
    private DockerTestSupport.Daemon daemon;
    private Environment env;
    private Path dockerfile;
    private Path work;
    private final String original = "FROM lens-fixcli-RUN/base:1\nCOPY . /app\n";

    @BeforeAll
    void setUp(@TempDir Path temp) throws Exception {
        work = temp;
        daemon = DockerTestSupport.connect();
        DockerTestSupport.importImage(daemon, "lens-fixcli-" + run + "/base", "1", "fixcli " + run);
        env = TestBuilderStore.in(temp).builder("lensfixcli", "docker-container", daemon.host(), Map.of())
                .current(daemon.host(), "lensfixcli").environment(daemon.host());
        dockerfile = temp.resolve("app/Dockerfile");
        Files.createDirectories(dockerfile.getParent());
        Files.writeString(dockerfile, original.replace("RUN", run));
    }

    @AfterAll
    void tearDown() {
        if (daemon != null) {
            DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(image).withForce(true).exec());
            daemon.close();
        }
    }

    private record Result(int code, String out, String err) {
    }

    private Result fix(String... extra) {
        List<String> args = new ArrayList<>(List.of("fix", "--dockerfile", dockerfile.toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void prints_every_applicable_fix_recommended_first_as_json() throws Exception {
        Result result = fix("--format", "json");
        assertThat(result.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.at("/fixes/0/id").asText()).isEqualTo("use-docker-driver");
        assertThat(json.at("/fixes/0/recommended").asBoolean()).isTrue();
        assertThat(json.at("/fixes/0/solves/0").asText()).isEqualTo("local-image-invisible");
        assertThat(json.at("/fixes/0/tradeoffs/needsRegistry").asBoolean()).isFalse();
        assertThat(json.at("/fixes/0/steps/0/snippets/0/kind").asText()).isEqualTo("shell");
        assertThat(json.get("fixes")).hasSize(3);
    }

    @Test
    void a_fix_that_does_not_apply_is_bad_usage_naming_those_that_do() {
        Result result = fix("--fix", "add-network-host");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("fix 'add-network-host' does not apply to this build; these do: use-docker-driver, local-registry-bridge, oci-layout-context");
        assertThat(fix("--fix", "no-such-fix").err()).contains("no fix named 'no-such-fix'");
    }

    @Test
    void write_patch_saves_the_patch_and_leaves_the_dockerfile_alone() throws Exception {
        Path patches = work.resolve("patches");
        Result result = fix("--fix", "local-registry-bridge", "--write-patch", patches.toString(), "--format", "markdown");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("# How to fix this build").contains("```diff");
        Path patch = patches.resolve("local-registry-bridge-Dockerfile.patch");
        assertThat(Files.readString(patch)).contains("+ARG BASE_IMAGE=" + image);
        assertThat(Files.readString(dockerfile)).isEqualTo(original.replace("RUN", run));
    }

    @Test
    void nothing_to_fix_on_the_docker_driver() {
        Result result = fix("--builder", "default");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Nothing to fix");
    }
}
