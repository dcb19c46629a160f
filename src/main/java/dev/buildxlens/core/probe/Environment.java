package dev.buildxlens.core.probe;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment the Docker CLI and buildx would see: variables, home directory and OS.
 * Passed explicitly so tests and the CLI can describe another machine without touching the real one.
 */
public record Environment(Map<String, String> variables, Path home, String osName) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("os.name", "Linux"));
    }

    /** A variable's value; like the Docker CLI, an empty value counts as unset. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public boolean windows() {
        return osName.toLowerCase().startsWith("windows");
    }

    /** {@code $DOCKER_CONFIG}, else {@code ~/.docker} (docker/cli {@code cli/config/config.go}). */
    public Path dockerConfigDir() {
        return get("DOCKER_CONFIG").map(Path::of).orElse(home.resolve(".docker"));
    }

    /** {@code $BUILDX_CONFIG}, else {@code <docker config dir>/buildx} (buildx {@code util/confutil/config.go}). */
    public Path buildxDir() {
        return get("BUILDX_CONFIG").map(Path::of).orElse(dockerConfigDir().resolve("buildx"));
    }

    public Environment without(String name) {
        Map<String, String> copy = new java.util.HashMap<>(variables);
        copy.remove(name);
        return new Environment(copy, home, osName);
    }

    public Environment with(String name, String value) {
        var copy = new java.util.HashMap<>(variables);
        copy.put(name, value);
        return new Environment(copy, home, osName);
    }
}
