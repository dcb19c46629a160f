package dev.buildxlens.core.pipeline;

/**
 * What to diagnose: one {@code docker buildx build} of a Dockerfile ({@link DockerfileBuild}), or every build of a
 * GitHub Actions workflow ({@link WorkflowBuild}).
 */
public sealed interface BuildInput permits DockerfileBuild, WorkflowBuild {
}
