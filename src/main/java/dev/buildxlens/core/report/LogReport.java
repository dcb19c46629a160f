package dev.buildxlens.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildxlens.core.diagnose.Evidence;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.log.LogDiagnosis;
import dev.buildxlens.core.log.LogFacts;
import dev.buildxlens.core.log.LogLine;
import dev.buildxlens.core.log.LogRedaction;
import dev.buildxlens.core.log.PossibleCause;
import dev.buildxlens.core.model.Secrets;
import java.util.TreeMap;

/**
 * {@code diagnose --log}: the findings in the same formats as for files ({@link DiagnosisText}, {@link DiagnosisJson},
 * with evidence), then what only a log has: the causes it is consistent with but cannot establish, with the facts that
 * would decide them, and what was read from it. Every log text shown is redacted.
 */
public final class LogReport {

    private LogReport() {
    }

    public static String text(LogDiagnosis diagnosis) {
        return text(diagnosis.diagnosis(), diagnosis);
    }

    /** {@code findings}: the log's own, or those of the build files read with it (carrying the log's evidence). */
    public static String text(dev.buildxlens.core.diagnose.Diagnosis findings, LogDiagnosis diagnosis) {
        StringBuilder out = new StringBuilder(DiagnosisText.write(findings));
        if (!diagnosis.possible().isEmpty()) {
            out.append("\npossible causes (the log is consistent with them but does not show what decides them; not findings):\n");
            for (PossibleCause cause : diagnosis.possible()) {
                out.append("  ").append(cause.id()).append(": ").append(cause.reason()).append('\n');
                for (String fact : cause.missing()) {
                    out.append("    needs ").append(fact).append(": ").append(PossibleCause.describe(fact)).append('\n');
                }
                for (Evidence e : cause.evidence()) {
                    out.append("    evidence: ").append(e.file()).append(':').append(e.line()).append(": ").append(e.text()).append('\n');
                }
            }
        }
        out.append('\n');
        diagnosis.notes().forEach(note -> out.append(note).append('\n'));
        return out.toString();
    }

    public static String json(LogDiagnosis diagnosis) {
        return json(diagnosis.diagnosis(), diagnosis);
    }

    public static String json(dev.buildxlens.core.diagnose.Diagnosis findings, LogDiagnosis diagnosis) {
        ObjectNode root = DiagnosisJson.tree(findings);
        ArrayNode possible = root.putArray("possible");
        for (PossibleCause cause : diagnosis.possible()) {
            ObjectNode p = possible.addObject();
            p.put("id", cause.id());
            p.put("reason", cause.reason());
            ArrayNode missing = p.putArray("missing");
            for (String fact : cause.missing()) {
                ObjectNode m = missing.addObject();
                m.put("fact", fact);
                m.put("description", PossibleCause.describe(fact));
            }
            evidence(p.putArray("evidence"), cause);
        }
        LogFacts facts = diagnosis.facts();
        ObjectNode log = root.putObject("log");
        log.put("file", facts.source());
        log.put("kind", facts.kind().label());
        log.put("lines", facts.lineCount());
        log.put("outcome", facts.outcome().label());
        ObjectNode builder = log.putObject("builder");
        nullable(builder, "name", facts.builder().name());
        nullable(builder, "driver", facts.builder().driver());
        ObjectNode opts = builder.putObject("driverOpts");
        new TreeMap<>(Secrets.redactDriverOpts(facts.builder().driverOpts())).forEach((k, v) -> opts.put(k, Secrets.maskValues(k + "=" + v)
                .substring(k.length() + 1)));
        ObjectNode versions = log.putObject("versions");
        new TreeMap<>(facts.versions()).forEach(versions::put);
        nullable(log, "failingStep", facts.failingStep() == null ? null : LogRedaction.redact(facts.failingStep()));
        nullable(log, "failingImage", facts.failingImage());
        nullable(log, "failingRef", facts.failingRef());
        nullable(log, "operation", facts.operation());
        LogLine error = facts.mainErrorLine();
        if (error == null) {
            log.putNull("errorLine");
        } else {
            ObjectNode e = log.putObject("errorLine");
            e.put("line", error.number());
            e.put("text", LogRedaction.redact(error.trimmed()));
        }
        return JsonTrees.pretty(root);
    }

    private static void evidence(ArrayNode array, PossibleCause cause) {
        for (Evidence e : cause.evidence()) {
            ObjectNode line = array.addObject();
            line.put("file", e.file());
            line.put("line", e.line());
            line.put("text", e.text());
        }
    }

    private static void nullable(ObjectNode node, String key, String value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
