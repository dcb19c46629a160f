package dev.buildxlens.core.report;

import dev.buildxlens.core.diagnose.BuildCheck;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.ImageCheck;
import dev.buildxlens.core.diagnose.Severity;

/** A compiler-style report ({@code file:line: error[id]: message}) that reads well in a terminal and a CI log. */
public final class DiagnosisText {

    private DiagnosisText() {
    }

    public static String write(Diagnosis diagnosis) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : diagnosis.findings()) {
            out.append(finding.file()).append(':').append(finding.line()).append(": ")
                    .append(finding.severity().label()).append('[').append(finding.id()).append("]: ")
                    .append(finding.message()).append('\n');
            if (finding.job() != null) {
                out.append("    in job ").append(finding.job());
                if (finding.step() != null) {
                    out.append(", step ").append(finding.step());
                }
                out.append('\n');
            } else if (finding.subject().unit() != null) {
                out.append("    in ").append(finding.subject().unit()).append('\n');
            }
            out.append(indent(wrap(finding.explanation(), 96), "    ")).append('\n');
            for (dev.buildxlens.core.diagnose.Evidence e : finding.evidence()) {
                out.append("    evidence: ").append(e.file()).append(':').append(e.line()).append(": ").append(e.text()).append('\n');
            }
            if (!finding.fixes().isEmpty()) {
                out.append("    fixes: ").append(String.join(", ", finding.fixes())).append('\n');
            }
            out.append('\n');
        }
        for (BuildCheck build : diagnosis.builds()) {
            out.append("build ").append(build.file()).append(':').append(build.line());
            if (build.job() != null) {
                out.append(" (job ").append(build.job()).append(build.step() == null ? "" : ", step " + build.step()).append(')');
            } else if (build.unit() != null) {
                out.append(" (").append(build.unit()).append(')');
            }
            out.append(" on ").append(build.builder().inWords()).append('\n');
            for (ImageCheck image : build.images()) {
                out.append("  ").append(image.visible() ? "visible  " : "INVISIBLE").append(' ')
                        .append(image.normalized().isEmpty() ? image.ref() : image.normalized())
                        .append("  (").append(image.instruction()).append(", line ").append(image.line())
                        .append(image.foundIn().isEmpty() ? "; not found locally" : "; in " + String.join(", ", image.foundIn()))
                        .append(")\n");
            }
        }
        for (String assumption : diagnosis.assumptions()) {
            out.append("assumed: ").append(assumption).append('\n');
        }
        long errors = diagnosis.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = diagnosis.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        out.append(errors).append(errors == 1 ? " error, " : " errors, ").append(warnings)
                .append(warnings == 1 ? " warning" : " warnings").append('\n');
        return out.toString();
    }

    private static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (String word : text.split(" ")) {
            if (column > 0 && column + 1 + word.length() > width) {
                out.append('\n');
                column = 0;
            } else if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }

    private static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}
