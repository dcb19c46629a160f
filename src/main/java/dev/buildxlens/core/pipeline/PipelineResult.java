package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.model.Snapshot;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the pipeline: the input, the text of the file it read (the Dockerfile or the workflow), the diagnosis,
 * the fix plans (attached to findings by key), the world the Dockerfile build was judged against ({@code null}
 * for a workflow, whose runner is simulated), and every file on disk the run read (absolute: the Dockerfile, or the
 * workflow and the Dockerfiles and composite actions it uses; none for a Dockerfile held in memory): when one of
 * them changes, the result is out of date. For a log ({@link LogInput}), {@code log} holds what only a log has
 * (possible causes with the facts that would decide them, what was read), and {@code sourceText} the log's text
 * while it is small enough to show ({@link LogPipeline#SHOWN_LIMIT}), else empty.
 */
public record PipelineResult(BuildInput input, String sourceText, Diagnosis diagnosis, FixPlans fixes, Snapshot world,
                             List<Path> filesRead, dev.buildxlens.core.log.LogDiagnosis log) {

    public PipelineResult {
        filesRead = List.copyOf(filesRead);
    }

    /** A run over build files: no log. */
    public PipelineResult(BuildInput input, String sourceText, Diagnosis diagnosis, FixPlans fixes, Snapshot world, List<Path> filesRead) {
        this(input, sourceText, diagnosis, fixes, world, filesRead, null);
    }

    /** A log's own part (possible causes, what was read), for a {@link LogInput}; empty otherwise. */
    public java.util.Optional<dev.buildxlens.core.log.LogDiagnosis> logDiagnosis() {
        return java.util.Optional.ofNullable(log);
    }

    public List<FixPlan> fixesFor(Finding finding) {
        return fixes.forFinding(finding.key());
    }

    /** The Docker daemon was needed (a Dockerfile build on this machine) and did not answer. */
    public boolean daemonUnreachable() {
        return world != null && !world.daemon().reachable();
    }
}
