package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.build.BuildSpec;
import java.nio.file.Path;

/**
 * A Dockerfile build on a machine: the build ({@link BuildSpec}; its {@code dockerfile} is the path as the user gave
 * it, and names the file in findings and commands) and, for a lesson, the Dockerfile's {@code text} held in memory
 * ({@code null}: read the file).
 */
public record DockerfileBuild(BuildSpec spec, String text) implements BuildInput {

    public static DockerfileBuild onDisk(BuildSpec spec) {
        return new DockerfileBuild(spec, null);
    }

    public Path path() {
        return Path.of(spec.dockerfile());
    }

    public boolean inMemory() {
        return text != null;
    }
}
