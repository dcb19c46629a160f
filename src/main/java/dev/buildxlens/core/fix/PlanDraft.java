package dev.buildxlens.core.fix;

import dev.buildxlens.core.diagnose.Finding;
import java.util.ArrayList;
import java.util.List;

/** A fix plan being written: its steps, what it needs, what else it changes, and what is already in place. */
final class PlanDraft {

    private final FixKind kind;
    private final Finding finding;
    private final String summary;
    private final List<String> prerequisites = new ArrayList<>();
    private final List<String> breaks = new ArrayList<>();
    private final List<String> alreadyDone = new ArrayList<>();
    private final List<FixStep> steps = new ArrayList<>();

    PlanDraft(FixKind kind, Finding finding, String summary) {
        this.kind = kind;
        this.finding = finding;
        this.summary = summary;
    }

    PlanDraft step(String title, Snippet... snippets) {
        steps.add(new FixStep(title, List.of(snippets)));
        return this;
    }

    PlanDraft stepFirst(String title, Snippet... snippets) {
        steps.add(0, new FixStep(title, List.of(snippets)));
        return this;
    }

    PlanDraft needs(String prerequisite) {
        if (!prerequisite.isEmpty() && !prerequisites.contains(prerequisite)) {
            prerequisites.add(prerequisite);
        }
        return this;
    }

    PlanDraft changesElsewhere(String what) {
        breaks.add(what);
        return this;
    }

    PlanDraft done(String what) {
        if (!alreadyDone.contains(what)) {
            alreadyDone.add(what);
        }
        return this;
    }

    boolean hasSteps() {
        return !steps.isEmpty();
    }

    FixPlan plan() {
        return new FixPlan(kind, false, summary, List.of(finding.id()), List.of(finding.key()), prerequisites, breaks, steps, alreadyDone);
    }

    static Snippet shell(String title, String content) {
        return new Snippet("shell", title, "sh", content.endsWith("\n") ? content : content + "\n");
    }
}
