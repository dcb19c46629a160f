package dev.buildxlens.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixStep;
import dev.buildxlens.core.fix.Snippet;
import java.util.List;

/** Fix plans as JSON (the {@code fix} contract), as terminal text, and as a Markdown handout. */
public final class FixReport {


    private FixReport() {
    }

    public static String json(List<FixPlan> plans, String note) {
        ObjectNode root = JsonTrees.object();
        ArrayNode fixes = root.putArray("fixes");
        for (FixPlan plan : plans) {
            ObjectNode p = fixes.addObject();
            p.put("id", plan.id());
            p.put("title", plan.title());
            ArrayNode solves = p.putArray("solves");
            plan.solves().forEach(solves::add);
            p.put("recommended", plan.recommended());
            p.put("summary", plan.summary());
            ArrayNode prerequisites = p.putArray("prerequisites");
            plan.prerequisites().forEach(prerequisites::add);
            ArrayNode breaks = p.putArray("breaks");
            plan.breaks().forEach(breaks::add);
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
                    n.put("content", dev.buildxlens.core.model.Secrets.maskValues(snippet.content()));
                }
            }
        }
        if (!note.isEmpty()) {
            root.put("note", note);
        }
        return JsonTrees.pretty(root);
    }

    public static String text(List<FixPlan> plans, String note) {
        StringBuilder out = new StringBuilder();
        if (!note.isEmpty()) {
            out.append(note).append('\n');
        }
        for (FixPlan plan : plans) {
            out.append(plan.recommended() ? "[recommended] " : "").append(plan.id()).append(": ").append(plan.title())
                    .append("  (solves ").append(String.join(", ", plan.solves())).append(")\n");
            out.append("  ").append(plan.summary()).append('\n');
            plan.prerequisites().forEach(p -> out.append("  needs: ").append(p).append('\n'));
            plan.breaks().forEach(b -> out.append("  BREAKS ").append(b).append('\n'));
            out.append("  multi-platform: ").append(plan.tradeoffs().multiPlatform()).append("; cache export: ")
                    .append(plan.tradeoffs().cacheExport()).append("; registry: ").append(plan.tradeoffs().needsRegistry() ? "yes" : "no")
                    .append("; daemon change: ").append(plan.tradeoffs().needsDaemonChange() ? "yes" : "no")
                    .append("; extra time: ").append(plan.tradeoffs().ciMinutes()).append('\n');
            int number = 1;
            for (FixStep step : plan.steps()) {
                out.append("  ").append(number++).append(". ").append(step.title()).append('\n');
                for (Snippet snippet : step.snippets()) {
                    out.append("     --- ").append(snippet.title()).append(" (").append(snippet.kind()).append(")\n");
                    for (String line : dev.buildxlens.core.model.Secrets.maskValues(snippet.content()).split("\n", -1)) {
                        if (!line.isEmpty()) {
                            out.append("     ").append(line).append('\n');
                        }
                    }
                }
            }
            out.append('\n');
        }
        if (masked(plans)) {
            out.append(MASK_NOTE).append('\n');
        }
        return out.toString();
    }

    private static final String MASK_NOTE = "Values of secret-looking names are shown as " + dev.buildxlens.core.model.Secrets.REDACTED
            + "; --write-patch (or Save in the app) writes patches with the exact lines.";

    private static boolean masked(List<FixPlan> plans) {
        return plans.stream().flatMap(p -> p.steps().stream()).flatMap(st -> st.snippets().stream())
                .anyMatch(sn -> !dev.buildxlens.core.model.Secrets.maskValues(sn.content()).equals(sn.content()));
    }

    public static String markdown(List<FixPlan> plans, String note) {
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
            out.append("\n## ").append(plan.title()).append(" (`").append(plan.id()).append("`)\n\n").append(plan.summary()).append("\n\n");
            plan.prerequisites().forEach(p -> out.append("- Needs: ").append(p).append('\n'));
            plan.breaks().forEach(b -> out.append("- **Breaks** ").append(b).append('\n'));
            int number = 1;
            for (FixStep step : plan.steps()) {
                out.append("\n").append(number++).append(". ").append(step.title()).append("\n\n");
                for (Snippet snippet : step.snippets()) {
                    String fence = snippet.content().contains("```") ? "~~~~" : "```";
                    out.append("   ").append(fence).append(snippet.language()).append('\n');
                    for (String line : dev.buildxlens.core.model.Secrets.maskValues(snippet.content()).split("\n", -1)) {
                        if (!line.isEmpty()) {
                            out.append("   ").append(line).append('\n');
                        }
                    }
                    out.append("   ").append(fence).append('\n');
                }
            }
        }
        return out.toString();
    }
}
