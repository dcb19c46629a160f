package dev.buildxlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.probe.BuildxCli;
import dev.buildxlens.core.probe.ContextStore;
import dev.buildxlens.core.probe.DaemonDiscovery;
import dev.buildxlens.core.probe.EngineConnector;
import dev.buildxlens.core.probe.Environment;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoints and plugins that fail in the ways users meet, each ending in one precise line. */
class DaemonFaultsTest {

    @TempDir
    Path home;

    private List<DiscoveryAttempt> discover(Map<String, String> variables) {
        Environment env = new Environment(variables, home, "Linux");
        DaemonDiscovery discovery = new DaemonDiscovery(env, new ContextStore(env),
                new EngineConnector(env, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(discovery.discover().connection()).isEmpty();
        return discovery.attempts();
    }

    @Test
    void tls_verification_without_certificates_refuses_to_fall_back_to_plain_text() throws IOException {
        Path certs = Files.createDirectories(home.resolve("certs"));
        Files.writeString(certs.resolve("ca.pem"), "not really");
        try (ServerSocket listening = new ServerSocket(0)) {
            Map<String, String> variables = new HashMap<>(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + listening.getLocalPort(),
                    "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
            assertThat(discover(variables)).singleElement().extracting(DiscoveryAttempt::message).asString()
                    .isEqualTo("TLS verification is on (DOCKER_TLS_VERIFY or the context), but " + certs.resolve("cert.pem")
                            + " is missing or unreadable: not connecting without it");
            variables.put("DOCKER_CERT_PATH", home.resolve("nowhere").toString());
            assertThat(discover(variables)).singleElement().extracting(DiscoveryAttempt::message).asString()
                    .contains(home.resolve("nowhere/ca.pem").toString());
        }
    }

    @Test
    void a_context_that_is_named_but_gone_is_reported_not_replaced() throws IOException {
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"deleted-ctx\"}");
        assertThat(discover(Map.of("DOCKER_CONFIG", config.toString()))).singleElement().satisfies(a -> {
            assertThat(a.source()).startsWith("currentContext=deleted-ctx");
            assertThat(a.message()).startsWith("context 'deleted-ctx' does not exist");
        });
    }

    @Test
    void a_buildx_plugin_that_fails_is_one_line_and_the_store_files_still_count() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path docker = bin.resolve("docker");
        // A docker CLI stand-in that runs the plugin the way the CLI does; the plugin fails.
        Files.writeString(docker, "#!/bin/sh\necho 'ERROR: failed to find driver \"weird\"' >&2\nexit 17\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path plugins = Files.createDirectories(home.resolve(".docker/cli-plugins"));
        Files.writeString(plugins.resolve("docker-buildx"), "");
        Environment env = new Environment(Map.of("PATH", bin.toString(), "DOCKER_CONFIG", home.resolve(".docker").toString()),
                home, "Linux");
        BuildxCli.Listing listing = new BuildxCli(env, Duration.ofSeconds(5)).list();
        assertThat(listing.builders()).isEmpty();
        assertThat(listing.message()).isEqualTo("docker buildx plugin failed (docker buildx version exited 17: ERROR: failed to find driver \"weird\"): "
                + "builders read from the store files");
    }
}
