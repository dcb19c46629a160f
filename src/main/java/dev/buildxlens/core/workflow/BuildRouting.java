package dev.buildxlens.core.workflow;

import java.util.Map;

/**
 * Which builder the Docker CLI hands a build to (docker/cli {@code cmd/docker/builder.go}, {@code processBuilder},
 * CLI 23.0 and later; buildx-facts §9.1). {@code docker buildx build} uses {@code --builder}, then
 * {@code BUILDX_BUILDER}, then the current builder. Plain {@code docker build} (also {@code docker image build} and
 * {@code docker builder build}) is pinned to the current context's docker driver, because a user "would expect
 * {@code docker build} to always create a local docker image", unless {@code --builder}, {@code BUILDX_BUILDER} or a
 * builder alias ({@code docker buildx install}, setup-buildx {@code install: true}) says otherwise;
 * {@code DOCKER_BUILDKIT=0} means the legacy builder even with an alias.
 */
public final class BuildRouting {

    /** Where one build goes: the builder's name, and whether it is the legacy (non-BuildKit) builder. */
    public record Route(String builder, boolean legacy) {
    }

    private BuildRouting() {
    }

    /**
     * @param buildx         {@code docker buildx build} (true) or a plain {@code docker build} (false)
     * @param builderFlag    the {@code --builder} value, or empty
     * @param env            the step's environment
     * @param aliasInstalled whether a builder alias is configured
     * @param current        the current buildx builder ({@code buildx use}, setup-buildx)
     * @param context        the current Docker context, whose docker-driver builder has its name
     */
    public static Route route(boolean buildx, String builderFlag, Map<String, String> env, boolean aliasInstalled, String current,
            String context) {
        String variable = env.getOrDefault("BUILDX_BUILDER", "").trim();
        if (buildx) {
            return new Route(!builderFlag.isBlank() ? builderFlag.trim() : !variable.isEmpty() ? variable : current, false);
        }
        if (buildKitDisabled(env.get("DOCKER_BUILDKIT"))) {
            return new Route(context, true);
        }
        if (!builderFlag.isBlank()) {
            return new Route(builderFlag.trim(), false);
        }
        if (!variable.isEmpty()) {
            return new Route(variable, false);
        }
        return new Route(aliasInstalled ? current : context, false);
    }

    /** The CLI reads DOCKER_BUILDKIT with Go's strconv.ParseBool: 0, f, F, false, FALSE, False disable BuildKit. */
    private static boolean buildKitDisabled(String value) {
        return value != null && switch (value.trim()) {
            case "0", "f", "F", "false", "FALSE", "False" -> true;
            default -> false;
        };
    }
}
