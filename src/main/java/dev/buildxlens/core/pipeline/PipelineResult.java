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
 * them changes, the result is out of date.
 */
public record PipelineResult(BuildInput input, String sourceText, Diagnosis diagnosis, FixPlans fixes, Snapshot world,
                             List<Path> filesRead) {

    public PipelineResult {
        filesRead = List.copyOf(filesRead);
    }

    public List<FixPlan> fixesFor(Finding finding) {
        return fixes.forFinding(finding.key());
    }

    /** The Docker daemon was needed (a Dockerfile build on this machine) and did not answer. */
    public boolean daemonUnreachable() {
        return world != null && !world.daemon().reachable();
    }
}
