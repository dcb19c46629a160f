package dev.buildxlens.core.fix;

import java.util.List;

/**
 * A fix for one or more findings: which findings it solves (their ids, and their {@code findingKeys}), whether it is
 * the recommended one, what must be true first, what else it changes, the ordered steps with their snippets, and
 * what of it is already in the user's files ({@code alreadyDone}). The steps hold only what is still to do: a plan
 * whose changes are all in place has no patch left and says so ({@link #state()}).
 */
public record FixPlan(FixKind kind, boolean recommended, String summary, List<String> solves, List<String> findingKeys,
                      List<String> prerequisites, List<String> breaks, List<FixStep> steps, List<String> alreadyDone) {

    /** How much of the fix is already in the files. */
    public enum State {
        NEW("new"), PARTLY_APPLIED("partly-applied"), APPLIED("applied");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public FixPlan {
        solves = List.copyOf(solves);
        findingKeys = List.copyOf(findingKeys);
        prerequisites = List.copyOf(prerequisites);
        breaks = List.copyOf(breaks);
        steps = List.copyOf(steps);
        alreadyDone = List.copyOf(alreadyDone);
    }

    public String id() {
        return kind.id();
    }

    public String title() {
        return kind.title();
    }

    public Tradeoffs tradeoffs() {
        return kind.tradeoffs();
    }

    public State state() {
        if (alreadyDone.isEmpty()) {
            return State.NEW;
        }
        boolean changesLeft = steps.stream().flatMap(s -> s.snippets().stream()).anyMatch(Snippet::patch);
        return changesLeft ? State.PARTLY_APPLIED : State.APPLIED;
    }

    public boolean solves(String findingKey) {
        return findingKeys.contains(findingKey);
    }

    public FixPlan withRecommended(boolean value) {
        return new FixPlan(kind, value, summary, solves, findingKeys, prerequisites, breaks, steps, alreadyDone);
    }

    /** The same plan, also solving another finding. */
    public FixPlan alsoSolving(String id, String key) {
        List<String> ids = new java.util.ArrayList<>(solves);
        if (!ids.contains(id)) {
            ids.add(id);
        }
        List<String> keys = new java.util.ArrayList<>(findingKeys);
        if (!keys.contains(key)) {
            keys.add(key);
        }
        return new FixPlan(kind, recommended, summary, ids, keys, prerequisites, breaks, steps, alreadyDone);
    }

    /** All patches of the plan, in order. */
    public List<Snippet> patches() {
        return steps.stream().flatMap(s -> s.snippets().stream()).filter(Snippet::patch).toList();
    }
}
