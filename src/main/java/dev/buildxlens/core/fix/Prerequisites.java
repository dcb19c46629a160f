package dev.buildxlens.core.fix;

import dev.buildxlens.core.model.DockerClient;
import java.util.Optional;

/** What a plan's commands need from the machine, said with what the snapshot knows of its Docker CLI. */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** The line a plan with {@code docker buildx} commands needs, or empty when the plugin is there. */
    static Optional<String> buildxPlugin(DockerClient client) {
        return switch (client.buildx()) {
            case INSTALLED -> Optional.empty();
            case UNKNOWN -> Optional.of("the docker buildx plugin (whether it is installed here was not checked)");
            case FAILED -> Optional.of("a working docker buildx plugin: " + client.detail());
            case MISSING -> Optional.of("the docker buildx plugin, which is not installed here"
                    + (client.path().isEmpty() ? " (no docker CLI on PATH)" : "") + ": " + howToGetBuildx(client.os()));
        };
    }

    public static String howToGetBuildx(String os) {
        return switch (os) {
            case "darwin" -> "Docker Desktop ships it; with Homebrew's docker CLI, brew install docker-buildx and link it into "
                    + "~/.docker/cli-plugins as brew explains";
            case "windows" -> "Docker Desktop ships it; otherwise put docker-buildx.exe from https://github.com/docker/buildx/releases "
                    + "in %USERPROFILE%\\.docker\\cli-plugins";
            default -> "install the package (docker-buildx on Debian 13 and Ubuntu 24.04 or later, docker-buildx-plugin from "
                    + "Docker's own apt or rpm repository), or put the release binary from https://github.com/docker/buildx/releases "
                    + "at ~/.docker/cli-plugins/docker-buildx and make it executable";
        };
    }
}
