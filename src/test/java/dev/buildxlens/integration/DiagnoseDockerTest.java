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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** diagnose --dockerfile on the live machine: a local image, a current docker-container builder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagnoseDockerTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String image = "lens-diag-" + run + "/base:1";
    private final String builder = "lensdiag" + run;
    private DockerTestSupport.Daemon daemon;
    private Environment env;
    private Path dockerfile;

    @BeforeAll
    void setUp(@TempDir Path temp) throws Exception {
        daemon = DockerTestSupport.connect();
        DockerTestSupport.importImage(daemon, "lens-diag-" + run + "/base", "1", "diag " + run);
        // `docker buildx create --use` in the default context: the key is the docker host.
        env = TestBuilderStore.in(temp).builder(builder, "docker-container", daemon.host(), java.util.Map.of())
                .current(daemon.host(), builder).environment(daemon.host());
        dockerfile = temp.resolve("app/Dockerfile");
        Files.createDirectories(dockerfile.getParent());
        Files.writeString(dockerfile, "# syntax=docker/dockerfile:1\nFROM " + image + "\nCOPY . /app\n");
    }

    @AfterAll
    void tearDown() {
        if (daemon != null) {
            DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(image).withForce(true).exec());
            daemon.close();
        }
    }

    private record Result(int code, String out) {
    }

    private Result diagnose(String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[4 + extra.length];
        args[0] = "diagnose";
        args[1] = "--dockerfile";
        args[2] = dockerfile.toString();
        args[3] = "--format=json";
        System.arraycopy(extra, 0, args, 4, extra.length);
        int code = Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void the_current_container_builder_cannot_see_the_local_image() throws Exception {
        Result result = diagnose();
        assertThat(result.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.at("/builds/0/builder/name").asText()).isEqualTo(builder);
        assertThat(json.at("/builds/0/images/0/foundIn/0").asText()).isEqualTo("daemon:default");
        assertThat(json.at("/builds/0/images/0/visible").asBoolean()).isFalse();
        assertThat(json.at("/findings/0/id").asText()).isEqualTo("local-image-invisible");
        assertThat(json.at("/findings/0/line").asInt()).isEqualTo(2);
        assertThat(json.at("/findings/0/job").isNull()).isTrue();
    }

    @Test
    void the_docker_driver_builder_sees_it() throws Exception {
        Result result = diagnose("--builder", "default");
        assertThat(result.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("findings")).isEmpty();
        assertThat(json.at("/builds/0/images/0/visible").asBoolean()).isTrue();
    }
}
