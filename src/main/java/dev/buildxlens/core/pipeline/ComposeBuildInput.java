package dev.buildxlens.core.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code docker compose build}: the compose files in order ({@code -f}; empty: Compose's default files in
 * {@code directory}), the services named on the command line (empty: every service with a build), the builder
 * ({@code ""}: the current one, as Compose uses it) and the environment Compose interpolates with.
 */
public record ComposeBuildInput(List<Path> files, Path directory, List<String> services, String builder, Map<String, String> environment)
        implements BuildInput {

    public ComposeBuildInput {
        files = List.copyOf(files);
        services = List.copyOf(services);
        builder = builder == null ? "" : builder;
        environment = Map.copyOf(environment);
    }
}
