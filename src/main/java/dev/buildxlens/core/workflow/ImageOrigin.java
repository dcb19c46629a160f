package dev.buildxlens.core.workflow;

/**
 * Where an image a finding is about was made: the job and 0-based step index of the build or command that
 * produced it (a result that was never loaded, an image made in another job).
 */
public record ImageOrigin(String job, int stepIndex) {
}
