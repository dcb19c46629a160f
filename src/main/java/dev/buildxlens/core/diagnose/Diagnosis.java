package dev.buildxlens.core.diagnose;

import java.util.List;

/** Everything diagnosed: the builds, the findings, and the assumptions the verdicts rest on. */
public record Diagnosis(List<BuildCheck> builds, List<Finding> findings, List<String> assumptions) {

    public Diagnosis {
        builds = List.copyOf(builds);
        findings = List.copyOf(findings);
        assumptions = List.copyOf(assumptions);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
