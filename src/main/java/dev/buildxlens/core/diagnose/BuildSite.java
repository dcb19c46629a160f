package dev.buildxlens.core.diagnose;

/**
 * Where a build is written: the file and line that start it (a Dockerfile on this machine, or a workflow step), and
 * for a workflow the job, the step's index (0-based) and its label. {@link #local(String)} is a build on this machine.
 */
public record BuildSite(String file, int line, String job, int stepIndex, String stepLabel, BuildUnit unit) {

    public BuildSite(String file, int line, String job, int stepIndex, String stepLabel) {
        this(file, line, job, stepIndex, stepLabel, null);
    }

    /** A target of a bake file, or a service of a compose project, written at {@code file:line}. */
    public static BuildSite unit(String file, int line, BuildUnit unit) {
        return new BuildSite(file, line, null, -1, null, unit);
    }

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
