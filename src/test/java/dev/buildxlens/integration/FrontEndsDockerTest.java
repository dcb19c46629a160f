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

/**
 * {@code diagnose --compose} and {@code diagnose --bake} on the live machine (issue 16): a service and a target built
 * FROM an image that exists only in the real dockerd's store (made with {@code docker import}), with a
 * docker-container builder current (the buildx store files this test writes: there is no buildx plugin here), cannot
 * see it; with {@code --builder default} (the docker driver, which reads the daemon's store) the same files are clean.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontEndsDockerTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String repository = "lens-frontends-" + run + "/base";
    private final String image = repository + ":1";
    private final String builder = "lensfront" + run;
    private DockerTestSupport.Daemon daemon;
    private Environment env;
    private Path compose;
    private Path bake;

    @BeforeAll
    void setUp(@TempDir Path temp) throws Exception {
        daemon = DockerTestSupport.connect();
        DockerTestSupport.importImage(daemon, repository, "1", "front-ends " + run);
        env = TestBuilderStore.in(temp).builder(builder, "docker-container", daemon.host(), Map.of())
                .current(daemon.host(), builder).environment(daemon.host());
        Path project = Files.createDirectories(temp.resolve("project/app"));
        Files.writeString(project.resolve("Dockerfile"), "# syntax=docker/dockerfile:1\nFROM " + image + "\nCOPY . /app\n");
        compose = project.getParent().resolve("compose.yaml");
        Files.writeString(compose, """
                services:
                  app:
                    build:
                      context: ./app
                    image: lens-frontends/app
                """);
        bake = project.getParent().resolve("docker-bake.hcl");
        Files.writeString(bake, """
                group "default" {
                  targets = ["app"]
                }

                target "app" {
                  context = "app"
                  tags    = ["lens-frontends/app:latest"]
                }
                """);
    }

    @AfterAll
    void tearDown() {
        if (daemon != null) {
            DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(image).withForce(true).exec());
            daemon.close();
        }
    }

    private record Result(int code, JsonNode json, String err) {
    }

    private Result cli(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--format=json");
        int code = Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all.toArray(String[]::new));
        String text = out.toString(StandardCharsets.UTF_8);
        return new Result(code, text.isBlank() ? null : new ObjectMapper().readTree(text), err.toString(StandardCharsets.UTF_8));
    }

    private void assertInvisible(Result result, String unitField, String unit) {
        assertThat(result.code()).as(result.err()).isEqualTo(1);
        JsonNode build = result.json().at("/builds/0");
        assertThat(build.get(unitField).asText()).isEqualTo(unit);
        assertThat(build.at("/builder/name").asText()).isEqualTo(builder);
        assertThat(build.at("/builder/driver").asText()).isEqualTo("docker-container");
        assertThat(build.at("/images/0/normalized").asText()).isEqualTo("docker.io/" + image);
        assertThat(build.at("/images/0/foundIn/0").asText()).as("found in the real daemon's store").isEqualTo("daemon:default");
        assertThat(build.at("/images/0/visible").asBoolean()).isFalse();
        JsonNode finding = result.json().at("/findings/0");
        assertThat(result.json().get("findings")).hasSize(1);
        assertThat(finding.get("id").asText()).isEqualTo("local-image-invisible");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get(unitField).asText()).isEqualTo(unit);
        assertThat(finding.get("file").asText()).isEqualTo("app/Dockerfile");
        assertThat(finding.get("line").asInt()).isEqualTo(2);
        assertThat(finding.get("fixes").toString()).contains("use-docker-driver");
    }

    private static void assertClean(Result result) {
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.json().get("findings")).isEmpty();
        assertThat(result.json().at("/builds/0/builder/driver").asText()).isEqualTo("docker");
        assertThat(result.json().at("/builds/0/images/0/visible").asBoolean()).isTrue();
    }

    @Test
    void compose_on_the_current_container_builder_cannot_see_the_local_base() throws Exception {
        assertInvisible(cli("diagnose", "--compose", compose.toString()), "service", "app");
        assertInvisible(cli("diagnose", compose.toString(), "app"), "service", "app");
    }

    @Test
    void compose_on_the_default_builder_is_clean() throws Exception {
        assertClean(cli("diagnose", "--compose", compose.toString(), "--builder", "default"));
    }

    @Test
    void bake_on_the_current_container_builder_cannot_see_the_local_base() throws Exception {
        assertInvisible(cli("diagnose", "--bake", bake.toString()), "target", "app");
        assertInvisible(cli("diagnose", bake.toString(), "app"), "target", "app");
    }

    @Test
    void bake_on_the_default_builder_is_clean() throws Exception {
        assertClean(cli("diagnose", "--bake", bake.toString(), "app", "--builder", "default"));
    }

    /** The fix is the builder switch for the whole project, with the project's own command; on that builder, nothing to fix. */
    @Test
    void fix_switches_the_whole_project_to_the_docker_driver() throws Exception {
        Map<Path, String> commands = Map.of(compose, "docker compose -f compose.yaml build --builder default",
                bake, "docker buildx bake -f docker-bake.hcl --builder default");
        for (Path file : List.of(compose, bake)) {
            Result fix = cli("fix", file.toString());
            assertThat(fix.code()).as(fix.err()).isZero();
            JsonNode plan = fix.json().at("/fixes/0");
            assertThat(plan.get("id").asText()).isEqualTo("use-docker-driver");
            assertThat(plan.get("findings").toString()).contains("local-image-invisible@");
            assertThat(plan.toString()).contains(commands.get(file)).contains("docker buildx use default");
            assertThat(plan.get("prerequisites").toString()).contains(image);

            Result onDefault = cli("fix", file.toString(), "--builder", "default");
            assertThat(onDefault.code()).as(onDefault.err()).isZero();
            assertThat(onDefault.json().get("fixes")).isEmpty();
            assertThat(onDefault.json().get("note").asText()).startsWith("Nothing to fix");
        }
    }
}
