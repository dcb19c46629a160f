package dev.buildxlens.core.fix;

import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.model.Snapshot;

/**
 * Everything a fix for a build on this machine may use: the live snapshot, the analysed Dockerfile and its text,
 * the build as the user asked for it, and the user's choices (the registry to bridge through).
 */
public record LocalFixContext(Snapshot snapshot, DockerfileAnalysis analysis, String dockerfileText, LocalBuild build,
                              String registryHost) {
}
