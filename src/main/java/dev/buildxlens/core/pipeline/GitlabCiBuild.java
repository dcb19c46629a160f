package dev.buildxlens.core.pipeline;

import java.nio.file.Path;

/**
 * A GitLab CI configuration: its file, the repository its {@code include: local} files and Dockerfiles resolve in
 * ({@code null}: the git root above the file), and one job to report ({@code ""}: all).
 */
public record GitlabCiBuild(Path file, Path repoRoot, String job) implements BuildInput {

    public GitlabCiBuild {
        job = job == null ? "" : job;
    }

    public static GitlabCiBuild of(Path file) {
        return new GitlabCiBuild(file, null, "");
    }
}
