package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.model.Snapshot;
import java.util.List;

/**
 * One run of the pipeline: the input, the text of the file it read (the Dockerfile or the workflow), the diagnosis,
 * the fix plans (attached to findings by key), and the world the Dockerfile build was judged against ({@code null}
 * for a workflow, whose runner is simulated).
 */
public record PipelineResult(BuildInput input, String sourceText, Diagnosis diagnosis, FixPlans fixes, Snapshot world) {

    public List<FixPlan> fixesFor(Finding finding) {
        return fixes.forFinding(finding.key());
    }

    /** The Docker daemon was needed (a Dockerfile build on this machine) and did not answer. */
    public boolean daemonUnreachable() {
        return world != null && !world.daemon().reachable();
    }
}
