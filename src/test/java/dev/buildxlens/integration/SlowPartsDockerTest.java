package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.core.probe.ProbeProgress;
import dev.buildxlens.testing.DockerCli;
import dev.buildxlens.testing.DockerTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One slow part must not hold back the picture: a {@code docker-buildx} plugin that answers the CLI's metadata
 * question and then hangs (the daemon and the docker CLI are real) yields a partial picture at once, and the
 * whole one when the buildx timeout ends the wait.
 */
class SlowPartsDockerTest {

    @TempDir
    Path home;

    @Test
    void a_hanging_buildx_plugin_gives_a_partial_picture_first_and_a_bounded_whole_one() throws IOException {
        Path docker = DockerCli.find().orElse(null);
        if (docker == null) {
            DockerTestSupport.unavailable("no docker CLI on PATH");
        }
        try (DockerTestSupport.Daemon daemon = DockerTestSupport.connect()) {
            Path config = home.resolve(".docker");
            Path plugins = Files.createDirectories(config.resolve("cli-plugins"));
            Path plugin = plugins.resolve("docker-buildx");
            Files.writeString(plugin, """
                    #!/bin/sh
                    if [ "$1" = docker-cli-plugin-metadata ]; then
                      echo '{"SchemaVersion":"0.1.0","Vendor":"buildx-lens tests","Version":"v0.99.0","ShortDescription":"hangs"}'
                      exit 0
                    fi
                    exec sleep 60
                    """);
            Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(config.resolve("buildx/instances"));
            Files.writeString(config.resolve("buildx/instances/slow"), "{\"Name\":\"slow\",\"Driver\":\"docker-container\",\"Nodes\":"
                    + "[{\"Name\":\"slow0\",\"Endpoint\":\"" + daemon.host() + "\",\"Platforms\":null,\"DriverOpts\":null,\"Flags\":null,\"Files\":null}],\"Dynamic\":false}");
            Environment env = new Environment(Map.of("DOCKER_HOST", daemon.host(), "DOCKER_CONFIG", config.toString(),
                    "HOME", home.toString(), "PATH", docker.getParent() + ":/usr/bin:/bin"), home, "Linux");
            LiveProbe probe = LiveProbe.forEnvironment(env, new LiveProbe.Options(List.of(), Duration.ofSeconds(4), Duration.ofSeconds(2), true));

            List<ProbeProgress> partials = new ArrayList<>();
            List<Long> partialAt = new ArrayList<>();
            long start = System.nanoTime();
            Snapshot whole = probe.take(progress -> {
                partials.add(progress);
                partialAt.add((System.nanoTime() - start) / 1_000_000);
            });
            long wholeAt = (System.nanoTime() - start) / 1_000_000;

            assertThat(partials).singleElement().satisfies(partial -> {
                assertThat(partial.pending()).containsExactly("docker buildx ls");
                assertThat(partial.snapshot().daemon().reachable()).isTrue();
                assertThat(partial.snapshot().builders()).extracting(b -> b.name()).contains("slow");
            });
            assertThat(partialAt.get(0)).as("the partial picture does not wait for the plugin").isLessThan(3000);
            assertThat(wholeAt).as("the whole picture waits at most the buildx timeout").isBetween(3500L, 15_000L);
            assertThat(whole.notes()).anyMatch(note -> note.contains("did not answer within 4 s"));
            assertThat(whole.builders()).extracting(b -> b.name()).contains("slow");
        }
    }

    @Test
    void a_buildx_plugin_that_exits_non_zero_is_one_line() throws IOException {
        Path docker = DockerCli.find().orElse(null);
        if (docker == null) {
            DockerTestSupport.unavailable("no docker CLI on PATH");
        }
        Path config = home.resolve(".docker");
        Path plugin = Files.createDirectories(config.resolve("cli-plugins")).resolve("docker-buildx");
        Files.writeString(plugin, """
                #!/bin/sh
                if [ "$1" = docker-cli-plugin-metadata ]; then
                  echo '{"SchemaVersion":"0.1.0","Vendor":"buildx-lens tests","Version":"v0.99.0","ShortDescription":"fails"}'
                  exit 0
                fi
                echo "ERROR: the store is corrupt" >&2
                exit 3
                """);
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Environment env = new Environment(Map.of("DOCKER_CONFIG", config.toString(), "HOME", home.toString(),
                "PATH", docker.getParent() + ":/usr/bin:/bin"), home, "Linux");
        var listing = new dev.buildxlens.core.probe.BuildxCli(env, Duration.ofSeconds(10)).list();
        assertThat(listing.builders()).isEmpty();
        assertThat(listing.message()).isEqualTo("docker buildx plugin failed (docker buildx version exited 3: "
                + "ERROR: the store is corrupt): builders read from the store files");
    }
}
