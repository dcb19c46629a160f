package dev.buildxlens.core.diagnose;

/**
 * Where a build is written: the file and line that start it (a Dockerfile on this machine, or a workflow step), and
 * for a workflow the job, the step's index (0-based) and its label. {@link #local(String)} is a build on this machine.
 */
public record BuildSite(String file, int line, String job, int stepIndex, String stepLabel) {

    public static BuildSite local(String dockerfile) {
        return new BuildSite(dockerfile, 1, null, -1, null);
    }

    public static BuildSite step(String workflowFile, int line, String job, int stepIndex, String stepLabel) {
        return new BuildSite(workflowFile, line, job, stepIndex, stepLabel);
    }

    public boolean inWorkflow() {
        return job != null;
    }
}
