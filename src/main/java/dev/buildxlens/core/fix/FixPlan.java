package dev.buildxlens.core.fix;

import java.util.List;

/**
 * A fix for one or more findings of a diagnosis: what it solves, whether it is the recommended one, what it costs,
 * what must be true first, what it would break in this build, and the ordered steps with their snippets.
 */
public record FixPlan(String id, String title, List<String> solves, boolean recommended, String summary,
                      List<String> prerequisites, Tradeoffs tradeoffs, List<String> breaks, List<FixStep> steps) {

    public FixPlan {
        solves = List.copyOf(solves);
        prerequisites = List.copyOf(prerequisites);
        breaks = List.copyOf(breaks);
        steps = List.copyOf(steps);
    }

    public FixPlan withRecommended(boolean value) {
        return new FixPlan(id, title, solves, value, summary, prerequisites, tradeoffs, breaks, steps);
    }

    public FixPlan withSolves(List<String> value) {
        return new FixPlan(id, title, value, recommended, summary, prerequisites, tradeoffs, breaks, steps);
    }
}
