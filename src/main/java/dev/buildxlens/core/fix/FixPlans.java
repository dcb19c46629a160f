package dev.buildxlens.core.fix;

import dev.buildxlens.core.files.PatchRoot;
import java.util.List;

/**
 * Every fix for a diagnosis, recommended first: the plans, the folder their patches apply from, and the catalog
 * fixes that were not offered with the reason.
 */
public record FixPlans(List<FixPlan> plans, PatchRoot patchRoot, List<NotOffered> notOffered) {

    public FixPlans {
        plans = List.copyOf(plans);
        notOffered = List.copyOf(notOffered);
    }

    /** The plans that solve the finding with this key, recommended first. */
    public List<FixPlan> forFinding(String findingKey) {
        return plans.stream().filter(p -> p.solves(findingKey)).toList();
    }

    public List<NotOffered> notOfferedFor(String findingKey) {
        return notOffered.stream().filter(n -> n.findingKey().equals(findingKey)).toList();
    }

    public FixPlans only(String fixId) {
        return new FixPlans(plans.stream().filter(p -> p.id().equals(fixId)).toList(), patchRoot,
                notOffered.stream().filter(n -> n.kind().id().equals(fixId)).toList());
    }
}
