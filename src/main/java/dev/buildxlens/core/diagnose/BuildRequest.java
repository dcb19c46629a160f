package dev.buildxlens.core.diagnose;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;

/**
 * A build as {@code docker buildx build} (or build-push-action) would run it: the analysed Dockerfile, the build's
 * options ({@link BuildSpec}: the builder asked for, empty for the current one, platforms, outputs, caches, load,
 * push, pull), and where the build is written.
 */
public record BuildRequest(DockerfileAnalysis dockerfile, BuildSpec spec, BuildSite site) {
}
