package dev.buildxlens.core.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * What {@code docker buildx build} adds to the Dockerfile: build args, named contexts, a target stage and the
 * platforms (the first gives the {@code TARGET*} args; empty means the builder's own, taken as linux/amd64).
 */
public record DockerfileInputs(Map<String, String> buildArgs, List<NamedContext> contexts, String target, List<String> platforms) {

    public DockerfileInputs {
        buildArgs = Map.copyOf(buildArgs);
        contexts = List.copyOf(contexts);
        platforms = List.copyOf(platforms);
        target = target == null ? "" : target;
    }

    public static DockerfileInputs none() {
        return new DockerfileInputs(Map.of(), List.of(), "", List.of());
    }
}
