package dev.buildxlens.core.fix;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.files.PatchRoot;
import dev.buildxlens.core.model.Snapshot;

/**
 * Everything a fix for a build on this machine may use: the snapshot (which also says what Docker CLI and plugin the
 * commands will run on), the analysed Dockerfile and its text, the build as the user asked for it, the user's choice
 * of registry to bridge through, and where patches apply from ({@code dockerfilePatchPath}: the Dockerfile as a patch
 * names it, relative to {@code patchRoot}).
 */
public record LocalFixContext(Snapshot snapshot, DockerfileAnalysis analysis, String dockerfileText, BuildSpec build,
                              String registryHost, PatchRoot patchRoot, String dockerfilePatchPath) {
}
