package dev.buildxlens.core.diagnose;

import java.util.List;

/**
 * One thing that will go wrong (or is worth knowing) about a build: its kind (stable id, catalog fixes), severity,
 * the words for people ({@code message}, {@code explanation}), where to show it ({@code file}, {@code line},
 * {@code step} label), and its {@link Subject} as data. {@link #key()} names the finding the same way on every run
 * over the same input; fix plans attach to findings by it.
 */
public record Finding(FindingKind kind, Severity severity, String message, String explanation, String file, int line,
                      String step, Subject subject, List<Evidence> evidence) {

    /** A finding without evidence lines: the form every file-based analysis makes. */
    public Finding(FindingKind kind, Severity severity, String message, String explanation, String file, int line,
                   String step, Subject subject) {
        this(kind, severity, message, explanation, file, line, step, subject, List.of());
    }

    public Finding {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The same finding with these evidence lines (a log's lines that show the builder and the failure). */
    public Finding withEvidence(List<Evidence> lines) {
        return new Finding(kind, severity, message, explanation, file, line, step, subject, lines);
    }

    public static Finding of(FindingKind kind, String message, String explanation, String file, int line, String step, Subject subject) {
        return new Finding(kind, kind.severity(), message, explanation, file, line, step, subject);
    }

    public String id() {
        return kind.id();
    }

    public List<String> fixes() {
        return kind.fixes();
    }

    public String job() {
        return subject.job();
    }

    public String image() {
        return subject.image();
    }

    public String builder() {
        return subject.builder();
    }

    /** The same finding shown somewhere else (a workflow step instead of the Dockerfile line), with its subject kept. */
    public Finding locatedAt(String otherFile, int otherLine, String otherStep, String otherMessage, Subject otherSubject) {
        return new Finding(kind, severity, otherMessage, explanation, otherFile, otherLine, otherStep, otherSubject, evidence);
    }

    /**
     * A name for the finding that stays the same across runs on the same input: the kind, the workflow step
     * ({@code @job#N}, 1-based), and what it is about. For example
     * {@code local-image-invisible@app#5 image=dmca-base:latest at=app/Dockerfile:1}.
     */
    public String key() {
        StringBuilder key = new StringBuilder(kind.id());
        if (subject.job() != null) {
            key.append('@').append(subject.job());
            if (subject.stepIndex() >= 0) {
                key.append('#').append(subject.stepIndex() + 1);
            }
        }
        if (subject.unit() != null) {
            key.append('@').append(subject.unit().kind().label()).append(':').append(subject.unit().name());
        }
        append(key, "image", subject.image());
        append(key, "arg", subject.arg());
        append(key, "input", subject.input());
        append(key, "value", subject.detail());
        append(key, "at", subject.source());
        return key.toString();
    }

    private static void append(StringBuilder key, String name, String value) {
        if (!value.isEmpty()) {
            key.append(' ').append(name).append('=').append(value);
        }
    }
}
