package dev.buildxlens.core.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * What {@code docker buildx build} adds to the Dockerfile: build args, named contexts, a target stage and the
 * platforms (the first gives the {@code TARGET*} args; empty means the builder's own, taken as linux/amd64), and
 * how the named contexts' keys reach BuildKit.
 */
public record DockerfileInputs(Map<String, String> buildArgs, List<NamedContext> contexts, String target, List<String> platforms,
                               ContextKeys contextKeys) {

    /** A {@code docker buildx build}: its {@code --build-context} keys are normalised. */
    public DockerfileInputs(Map<String, String> buildArgs, List<NamedContext> contexts, String target, List<String> platforms) {
        this(buildArgs, contexts, target, platforms, ContextKeys.NORMALISED);
    }

    /** The same inputs, with named-context keys that reach BuildKit as written (bake). */
    public DockerfileInputs withVerbatimKeys() {
        return new DockerfileInputs(buildArgs, contexts, target, platforms, ContextKeys.VERBATIM);
    }

    public DockerfileInputs {
        contextKeys = contextKeys == null ? ContextKeys.NORMALISED : contextKeys;
        buildArgs = Map.copyOf(buildArgs);
        contexts = List.copyOf(contexts);
        platforms = List.copyOf(platforms);
        target = target == null ? "" : target;
    }

    public static DockerfileInputs none() {
        return new DockerfileInputs(Map.of(), List.of(), "", List.of());
    }
}
