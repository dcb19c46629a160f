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

    private Path fakeDocker() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\n: > \"" + home.resolve("docker-was-run") + "\"\necho 'github.com/docker/buildx v0.99.0'\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void without_a_plugin_file_the_docker_cli_is_not_started() throws IOException {
        Path bin = fakeDocker();
        Environment env = new Environment(Map.of("PATH", bin.toString(), "DOCKER_CONFIG", home.resolve("cfg").toString()), home, "Linux");
        BuildxCli.Listing listing = new BuildxCli(env, Duration.ofSeconds(5)).list();
        assertThat(listing.builders()).isEmpty();
        assertThat(listing.message()).startsWith("docker buildx plugin not installed (no docker-buildx in " + home.resolve("cfg/cli-plugins"))
                .endsWith("): builders read from the store files");
        assertThat(home.resolve("docker-was-run")).doesNotExist();
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
        cli.list();
        assertThat(home.resolve("docker-was-run")).exists();
    }
}
