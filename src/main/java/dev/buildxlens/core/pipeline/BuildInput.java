package dev.buildxlens.core.pipeline;

/**
 * What to diagnose: one {@code docker buildx build} of a Dockerfile ({@link DockerfileBuild}), every build of a
 * GitHub Actions workflow ({@link WorkflowBuild}) or of a GitLab CI pipeline ({@link GitlabCiBuild}), or a build log
 * ({@link LogInput}).
 */
public sealed interface BuildInput permits DockerfileBuild, WorkflowBuild, GitlabCiBuild, ComposeBuildInput, BakeBuildInput, LogInput {
}
