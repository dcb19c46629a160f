package dev.buildxlens.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the plugin is looked for, and that the docker CLI is not started when there is none. */
class BuildxCliTest {

    @TempDir
    Path home;

    /** A docker that records how it was called, and answers --version like the real CLI. */
    private Path fakeDocker() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\necho \"$*\" >> \"" + home.resolve("docker-was-run") + "\"\n"
                + "if [ \"$1\" = --version ]; then echo 'Docker version 28.2.2, build e6534b4'; exit 0; fi\n"
                + "echo 'github.com/docker/buildx v0.99.0'\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void without_a_plugin_file_the_cli_is_asked_only_its_version_never_for_buildx() throws IOException {
        Path bin = fakeDocker();
        Environment env = new Environment(Map.of("PATH", bin.toString(), "DOCKER_CONFIG", home.resolve("cfg").toString()), home, "Linux");
        BuildxCli.Listing listing = new BuildxCli(env, Duration.ofSeconds(5)).list();
        assertThat(listing.builders()).isEmpty();
        assertThat(listing.message()).startsWith("docker buildx plugin not installed (no docker-buildx in " + home.resolve("cfg/cli-plugins"))
                .endsWith("): builders read from the store files");
        // The version decides what a fix without the plugin can run (DOCKER_BUILDKIT=1 before 23.0, the legacy builder after).
        assertThat(Files.readAllLines(home.resolve("docker-was-run"))).containsExactly("--version");
        assertThat(listing.client().buildx()).isEqualTo(dev.buildxlens.core.model.DockerClient.Plugin.MISSING);
        assertThat(listing.client().version()).isEqualTo("28.2.2");
        assertThat(listing.client().embeddedBuildKitWithoutPlugin()).contains(false);
    }

    @Test
    void cli_plugins_extra_dirs_come_first_and_a_plugin_there_starts_the_cli() throws IOException {
        Path bin = fakeDocker();
        Path extra = Files.createDirectories(home.resolve("extra-plugins"));
        Files.writeString(extra.resolve("docker-buildx"), "");
        Path config = Files.createDirectories(home.resolve("cfg"));
        Files.writeString(config.resolve("config.json"), "{\"cliPluginsExtraDirs\":[\"" + extra + "\"],\"auths\":{}}");
        Environment env = new Environment(Map.of("PATH", bin.toString(), "DOCKER_CONFIG", config.toString()), home, "Linux");
        BuildxCli cli = new BuildxCli(env, Duration.ofSeconds(5));
        assertThat(cli.pluginDirs()).startsWith(extra, config.resolve("cli-plugins"));
        BuildxCli.Listing listing = cli.list();
        assertThat(Files.readAllLines(home.resolve("docker-was-run"))).contains("--version", "buildx version");
        assertThat(listing.client().buildx()).isEqualTo(dev.buildxlens.core.model.DockerClient.Plugin.INSTALLED);
    }
}
