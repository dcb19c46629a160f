package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.testing.SecondDaemon;
import dev.buildxlens.testing.TestBuilderStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dockerd started behind a proxy (its environment, as systemd drop-ins set it): the probe reads the proxy from
 * {@code docker info} as the daemon reports it (password masked by dockerd itself), and the doctor warns about a
 * docker-container builder whose container would pull direct, and not about one given {@code env.https_proxy}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonProxyDockerTest {

    private static final String SECRET = "s3cret-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path temp;
    private SecondDaemon daemon;

    @BeforeAll
    void start() throws Exception {
        daemon = new SecondDaemon(Files.createTempDirectory("lens-proxy-")).start(List.of(), Map.of(
                "HTTPS_PROXY", "http://lens:" + SECRET + "@proxy.lab:3128",
                "HTTP_PROXY", "http://proxy.lab:3128",
                "NO_PROXY", "localhost,.lab"));
    }

    @AfterAll
    void stop() throws Exception {
        if (daemon != null) {
            daemon.stop();
        }
    }

    private static String run(Environment env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(args);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_doctor_warns_about_a_container_builder_that_would_pull_direct() throws Exception {
        Path root = temp.resolve("store");
        TestBuilderStore.in(root).builder("direct", "docker-container", daemon.host(), Map.of("network", "host"))
                .builder("proxied", "docker-container", daemon.host(), Map.of("env.https_proxy", "http://proxy.lab:3128"))
                .current(daemon.host(), "direct");
        Environment env = TestBuilderStore.in(root).environment(daemon.host());

        String json = run(env, "doctor", "--format", "json");
        assertThat(json).doesNotContain(SECRET);
        JsonNode checks = JsonTrees.parse(json).get("checks");
        JsonNode direct = find(checks, "builder-proxy:direct");
        assertThat(direct.get("status").asText()).isEqualTo("warning");
        // dockerd masks the password (xxxxx); every output of Buildx Lens hides the whole user info.
        assertThat(direct.get("detail").asText()).contains("HTTPS proxy http://<redacted>@proxy.lab:3128")
                .contains("put the real credentials into the URL")
                .contains("HTTP proxy http://proxy.lab:3128").contains("no proxy for localhost,.lab");
        assertThat(direct.get("fix").asText()).contains("--driver-opt env.https_proxy=http://<redacted>@proxy.lab:3128")
                .contains("--driver-opt network=host");
        assertThat(find(checks, "builder-proxy:proxied").get("status").asText()).isEqualTo("ok");

        String exported = run(env, "inspect", "--format", "json");
        assertThat(exported).doesNotContain(SECRET);
    }

    private static JsonNode find(JsonNode checks, String id) {
        for (JsonNode check : checks) {
            if (check.get("id").asText().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + checks);
    }
}
