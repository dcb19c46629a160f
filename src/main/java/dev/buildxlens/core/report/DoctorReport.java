package dev.buildxlens.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildxlens.core.Version;
import dev.buildxlens.core.doctor.Check;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.model.Secrets;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.scenario.ScenarioExport;
import java.util.List;

/**
 * {@code buildx-lens doctor} in its four forms: a checklist for people ({@code text}, with {@code -v} details), the
 * JSON contract {@code {"checks": [{"id", "status", "title", "detail", "fix"?}]}}, Markdown, and a ready-to-paste
 * GitHub issue body carrying the machine as a redacted scenario file (user names in paths removed, secret-looking
 * values masked) that anyone can open with {@code --scenario}.
 */
public final class DoctorReport {

    private DoctorReport() {
    }

    public static String text(List<Check> checks, boolean verbose) {
        StringBuilder out = new StringBuilder("Buildx Lens doctor (buildx-lens " + Version.current() + ")\n\n");
        for (Check check : checks) {
            out.append('[').append(check.status().mark()).append("] ").append(check.title()).append('\n');
            if (verbose || check.status() != Check.Status.OK) {
                if (!check.detail().isEmpty()) {
                    indent(out, check.detail(), "    ");
                }
            }
            if (!check.fix().isEmpty()) {
                out.append("    Fix:\n");
                indent(out, check.fix(), "      ");
            }
            if (verbose) {
                check.more().forEach(line -> indent(out, line, "    • "));
            }
        }
        out.append('\n').append(summary(checks)).append('\n');
        return Secrets.maskValues(out.toString());
    }

    public static String json(List<Check> checks) {
        ObjectNode root = JsonTrees.object();
        ArrayNode array = root.putArray("checks");
        for (Check check : checks) {
            ObjectNode node = array.addObject();
            node.put("id", check.id());
            node.put("status", check.status().label());
            node.put("title", check.title());
            node.put("detail", check.detail());
            if (!check.fix().isEmpty()) {
                node.put("fix", check.fix());
            }
            if (!check.more().isEmpty()) {
                ArrayNode more = node.putArray("more");
                check.more().forEach(more::add);
            }
        }
        return Secrets.maskValues(JsonTrees.pretty(root)) + "\n";
    }

    public static String markdown(List<Check> checks) {
        StringBuilder out = new StringBuilder("## Buildx Lens doctor\n\n");
        for (Check check : checks) {
            out.append("- ").append(emoji(check.status())).append(" **").append(escape(check.title())).append("**");
            if (!check.detail().isEmpty()) {
                out.append(" — ").append(escape(check.detail()));
            }
            out.append('\n');
            if (!check.fix().isEmpty()) {
                out.append("\n  ```sh\n");
                check.fix().lines().forEach(line -> out.append("  ").append(line).append('\n'));
                out.append("  ```\n\n");
            }
        }
        out.append('\n').append(summary(checks)).append('\n');
        return Secrets.maskValues(out.toString());
    }

    /** An issue body: what is wrong first, then the checklist, then the machine as a scenario file, folded. */
    public static String githubIssue(List<Check> checks, Snapshot snapshot) {
        StringBuilder out = new StringBuilder();
        out.append("### What happened\n\n<!-- the command you ran and the error you saw -->\n\n");
        out.append("### Environment\n\n");
        out.append("buildx-lens ").append(Version.current()).append(", Docker ")
                .append(snapshot.daemon().reachable() ? snapshot.daemon().serverVersion() : "(no engine answers)")
                .append(", buildx ").append(snapshot.client().buildxVersion().isEmpty() ? "unknown" : snapshot.client().buildxVersion())
                .append("\n\n");
        out.append(markdown(checks).replaceFirst("^## Buildx Lens doctor", "### buildx-lens doctor"));
        ScenarioExport.Export export = ScenarioExport.export(snapshot, "reported-machine", false);
        out.append("\n<details><summary>This machine as a Buildx Lens scenario (redacted; open it with "
                + "<code>buildx-lens inspect --scenario FILE</code>)</summary>\n\n```yaml\n")
                .append(export.yaml().endsWith("\n") ? export.yaml() : export.yaml() + "\n").append("```\n");
        if (!export.redacted().isEmpty()) {
            out.append("\nRedacted: ").append(String.join("; ", export.redacted())).append('\n');
        }
        out.append("\n</details>\n");
        return Secrets.maskValues(out.toString());
    }

    public static String summary(List<Check> checks) {
        long errors = checks.stream().filter(c -> c.status() == Check.Status.ERROR).count();
        long warnings = checks.stream().filter(c -> c.status() == Check.Status.WARNING).count();
        if (errors == 0 && warnings == 0) {
            return "• No issues found (" + checks.size() + " checks).";
        }
        return "• " + (errors == 0 ? "" : errors + (errors == 1 ? " error" : " errors")) + (errors > 0 && warnings > 0 ? ", " : "")
                + (warnings == 0 ? "" : warnings + (warnings == 1 ? " warning" : " warnings")) + " in " + checks.size() + " checks.";
    }

    private static String emoji(Check.Status status) {
        return switch (status) {
            case OK -> "✅";
            case WARNING -> "⚠️";
            case ERROR -> "❌";
        };
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void indent(StringBuilder out, String text, String prefix) {
        text.lines().forEach(line -> out.append(prefix).append(line).append('\n'));
    }
}
