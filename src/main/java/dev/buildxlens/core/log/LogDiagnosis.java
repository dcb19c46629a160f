package dev.buildxlens.core.log;

import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import java.util.List;

/**
 * A log's diagnosis: what was read ({@link LogFacts}), the findings the log alone establishes (with evidence), the
 * causes it is only consistent with ({@link PossibleCause}), and notes on what was understood.
 */
public record LogDiagnosis(LogFacts facts, List<Finding> findings, List<PossibleCause> possible, List<String> notes) {

    public LogDiagnosis {
        findings = List.copyOf(findings);
        possible = List.copyOf(possible);
        notes = List.copyOf(notes);
    }

    /** The findings as the project's {@link Diagnosis} (no builds: a log names no files to check), for the reports. */
    public Diagnosis diagnosis() {
        return new Diagnosis(List.of(), findings, List.of());
    }
}
