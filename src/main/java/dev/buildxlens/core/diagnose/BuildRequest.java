package dev.buildxlens.core.diagnose;

import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import java.util.List;

/**
 * A build as {@code docker buildx build} (or build-push-action) would run it: the analysed Dockerfile, the builder
 * asked for (empty: the current one), and the options that decide what the builder must be able to do.
 * {@code file}/{@code line}/{@code job}/{@code step} locate the build itself (the Dockerfile, or a workflow step).
 */
public record BuildRequest(DockerfileAnalysis dockerfile, String builder, List<String> platforms, boolean load,
                           boolean push, List<String> outputs, List<String> cacheTo, boolean pull,
                           String file, int line, String job, String step) {

    public BuildRequest {
        platforms = List.copyOf(platforms);
        outputs = List.copyOf(outputs);
        cacheTo = List.copyOf(cacheTo);
        builder = builder == null ? "" : builder;
    }
}
