package dev.buildxlens.core.bake.hcl;

/**
 * A configuration HCL (or bake's reading of it) refuses, with the place it refers to. The message starts with
 * {@code file:line:column:} like HCL's own diagnostics; {@link #kind()} says what went wrong in a way code can test.
 */
public final class HclException extends Exception {

    /** What went wrong, for callers that react differently to each. */
    public enum Kind {
        /** Not valid HCL or JSON syntax. */
        SYNTAX,
        /** A name no variable, function or block defines. */
        UNKNOWN_VARIABLE,
        UNKNOWN_FUNCTION,
        /** A value of the wrong type, an index out of range, a failing function call. */
        EVALUATION,
        /** A definition that refers to itself, directly or not. */
        CYCLE,
        /** Input past the limits that protect against hostile files. */
        LIMIT
    }

    private final transient SourceRange range;
    private final Kind kind;
    private final String summary;

    public HclException(Kind kind, SourceRange range, String summary) {
        super(range == null ? summary : range.location() + ": " + summary);
        this.kind = kind;
        this.range = range;
        this.summary = summary;
    }

    public Kind kind() {
        return kind;
    }

    /** Where it happened; null when no single place is to blame. */
    public SourceRange range() {
        return range;
    }

    /** The message without the place. */
    public String summary() {
        return summary;
    }
}
