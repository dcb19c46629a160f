package dev.buildxlens.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.fix.FixStep;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.model.Secrets;
import java.util.List;

/**
 * Fix plans as JSON (the {@code fix} contract), as terminal text, and as a Markdown handout. Every snippet's content
 * is shown with secret-looking values masked; files written from the plans keep the exact lines.
 */
public final class FixReport {

    private FixReport() {
    }

    public static String json(FixPlans fixes, String note) {
        ObjectNode root = JsonTrees.object();
        ArrayNode array = root.putArray("fixes");
        for (FixPlan plan : fixes.plans()) {
            ObjectNode p = array.addObject();
            p.put("id", plan.id());
            p.put("title", plan.title());
            ArrayNode solves = p.putArray("solves");
            plan.solves().forEach(solves::add);
            ArrayNode keys = p.putArray("findings");
            plan.findingKeys().forEach(keys::add);
            p.put("recommended", plan.recommended());
            p.put("state", plan.state().label());
            p.put("summary", plan.summary());
            ArrayNode prerequisites = p.putArray("prerequisites");
            plan.prerequisites().forEach(prerequisites::add);
            ArrayNode breaks = p.putArray("breaks");
            plan.breaks().forEach(breaks::add);
            ArrayNode done = p.putArray("alreadyDone");
            plan.alreadyDone().forEach(done::add);
            ObjectNode tradeoffs = p.putObject("tradeoffs");
            tradeoffs.put("multiPlatform", plan.tradeoffs().multiPlatform());
            tradeoffs.put("cacheExport", plan.tradeoffs().cacheExport());
            tradeoffs.put("needsRegistry", plan.tradeoffs().needsRegistry());
            tradeoffs.put("needsDaemonChange", plan.tradeoffs().needsDaemonChange());
            tradeoffs.put("ciMinutes", plan.tradeoffs().ciMinutes());
            ArrayNode steps = p.putArray("steps");
            for (FixStep step : plan.steps()) {
                ObjectNode s = steps.addObject();
                s.put("title", step.title());
                ArrayNode snippets = s.putArray("snippets");
                for (Snippet snippet : step.snippets()) {
                    ObjectNode n = snippets.addObject();
                    n.put("kind", snippet.kind());
                    n.put("title", snippet.title());
                    n.put("language", snippet.language());
                    n.put("content", Secrets.maskValues(snippet.content()));
                }
            }
        }
        ArrayNode notOffered = root.putArray("notOffered");
        for (NotOffered n : fixes.notOffered()) {
            ObjectNode o = notOffered.addObject();
            o.put("id", n.kind().id());
            o.put("finding", n.findingKey());
            o.put("reason", n.reason());
        }
        ObjectNode patchRoot = root.putObject("patchRoot");
        patchRoot.put("directory", fixes.patchRoot().directory().toString());
        patchRoot.put("git", fixes.patchRoot().gitRepository());
        if (!note.isEmpty()) {
            root.put("note", note);
        }
        return JsonTrees.pretty(root);
    }

    public static String text(FixPlans fixes, String note) {
        StringBuilder out = new StringBuilder();
        if (!note.isEmpty()) {
            out.append(note).append('\n');
        }
        for (FixPlan plan : fixes.plans()) {
            out.append(plan.recommended() ? "[recommended] " : "").append(plan.id()).append(": ").append(plan.title())
                    .append("  (solves ").append(String.join(", ", plan.solves())).append(")").append(stateNote(plan)).append('\n');
            out.append("  ").append(plan.summary()).append('\n');
            plan.alreadyDone().forEach(d -> out.append("  already done: ").append(d).append('\n'));
            plan.prerequisites().forEach(p -> out.append("  needs: ").append(p).append('\n'));
            plan.breaks().forEach(b -> out.append("  also changes: ").append(b).append('\n'));
            out.append("  multi-platform: ").append(plan.tradeoffs().multiPlatform()).append("; cache export: ")
                    .append(plan.tradeoffs().cacheExport()).append("; registry: ").append(plan.tradeoffs().needsRegistry() ? "yes" : "no")
                    .append("; daemon change: ").append(plan.tradeoffs().needsDaemonChange() ? "yes" : "no")
                    .append("; extra time: ").append(plan.tradeoffs().ciMinutes()).append('\n');
            int number = 1;
            for (FixStep step : plan.steps()) {
                out.append("  ").append(number++).append(". ").append(step.title()).append('\n');
                for (Snippet snippet : step.snippets()) {
                    out.append("     --- ").append(snippet.title()).append(" (").append(snippet.kind()).append(")\n");
                    for (String line : Secrets.maskValues(snippet.content()).split("\n", -1)) {
                        if (!line.isEmpty()) {
                            out.append("     ").append(line).append('\n');
                        }
                    }
                }
            }
            out.append('\n');
        }
        for (NotOffered n : fixes.notOffered()) {
            out.append("not offered: ").append(n.kind().id()).append(" for ").append(n.findingKey()).append(": ").append(n.reason()).append('\n');
        }
        if (hasPatches(fixes)) {
            out.append(fixes.patchRoot().howToApply()).append('\n');
        }
        if (masked(fixes.plans())) {
            out.append(MASK_NOTE).append('\n');
        }
        return out.toString();
    }

    private static String stateNote(FixPlan plan) {
        return switch (plan.state()) {
            case NEW -> "";
            case PARTLY_APPLIED -> "  [partly applied]";
            case APPLIED -> "  [already applied]";
        };
    }

    private static boolean hasPatches(FixPlans fixes) {
        return fixes.plans().stream().anyMatch(p -> !p.patches().isEmpty());
    }

    private static final String MASK_NOTE = "Values of secret-looking names are shown as " + Secrets.REDACTED
            + "; --write-patch (or Save in the app) writes patches with the exact lines.";

    private static boolean masked(List<FixPlan> plans) {
        return plans.stream().flatMap(p -> p.steps().stream()).flatMap(st -> st.snippets().stream())
                .anyMatch(sn -> !Secrets.maskValues(sn.content()).equals(sn.content()));
    }

    public static String markdown(FixPlans fixes, String note) {
        return markdown(fixes.plans(), fixes, note);
    }

    /** A handout of some of the plans (the app's selected finding), with the notes of the whole set. */
    public static String markdown(List<FixPlan> plans, FixPlans all, String note) {
        StringBuilder out = new StringBuilder("# How to fix this build\n\n");
        if (!note.isEmpty()) {
            out.append(note).append("\n\n");
        }
        out.append("| fix | solves | multi-platform | cache export | registry | daemon change |\n|---|---|---|---|---|---|\n");
        for (FixPlan plan : plans) {
            out.append("| ").append(plan.recommended() ? "**" + plan.title() + "** (recommended)" : plan.title())
                    .append(" | ").append(String.join(", ", plan.solves().stream().map(s -> "`" + s + "`").toList()))
                    .append(" | ").append(plan.tradeoffs().multiPlatform()).append(" | ").append(plan.tradeoffs().cacheExport())
                    .append(" | ").append(plan.tradeoffs().needsRegistry() ? "yes" : "no").append(" | ")
                    .append(plan.tradeoffs().needsDaemonChange() ? "yes" : "no").append(" |\n");
        }
        for (FixPlan plan : plans) {
            out.append("\n## ").append(plan.title()).append(" (`").append(plan.id()).append("`)").append(stateNote(plan))
                    .append("\n\n").append(plan.summary()).append("\n\n");
            plan.alreadyDone().forEach(d -> out.append("- Already done: ").append(d).append('\n'));
            plan.prerequisites().forEach(p -> out.append("- Needs: ").append(p).append('\n'));
            plan.breaks().forEach(b -> out.append("- Also changes: ").append(b).append('\n'));
            int number = 1;
            for (FixStep step : plan.steps()) {
                out.append("\n").append(number++).append(". ").append(step.title()).append("\n");
                for (Snippet snippet : step.snippets()) {
                    String fence = snippet.content().contains("```") ? "~~~~" : "```";
                    out.append("\n   ").append(fence).append(snippet.language()).append('\n');
                    for (String line : Secrets.maskValues(snippet.content()).split("\n", -1)) {
                        if (!line.isEmpty()) {
                            out.append("   ").append(line).append('\n');
                        }
                    }
                    out.append("   ").append(fence).append('\n');
                }
            }
        }
        List<NotOffered> notOffered = all.notOffered().stream()
                .filter(n -> plans.isEmpty() || plans.stream().anyMatch(p -> p.findingKeys().contains(n.findingKey()))).toList();
        if (!notOffered.isEmpty()) {
            out.append("\n## Not offered\n\n");
            notOffered.forEach(n -> out.append("- `").append(n.kind().id()).append("`: ").append(n.reason()).append('\n'));
        }
        if (plans.stream().anyMatch(p -> !p.patches().isEmpty())) {
            out.append("\n").append(all.patchRoot().howToApply()).append("\n");
        }
        return out.toString();
    }
}
