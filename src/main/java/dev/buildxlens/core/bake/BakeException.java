package dev.buildxlens.core.bake;

import dev.buildxlens.core.bake.hcl.HclException;
import dev.buildxlens.core.bake.hcl.SourceRange;

/**
 * A bake definition buildx would refuse, or one this reader cannot read, said precisely: the file and line (when one
 * place is to blame) and buildx's own reason. The message starts with {@code file:line:column:} when there is a place.
 */
public final class BakeException extends Exception {

    /** What went wrong, for callers that react differently (exit codes, which finding to show). */
    public enum Kind {
        /** No file to read: none given and none of bake's default names present. */
        NO_DEFINITION,
        /** A file that cannot be read, or is too large. */
        IO,
        /** Not valid HCL, JSON or compose syntax. */
        SYNTAX,
        /** A requested or linked target (or group) that no file defines. */
        UNKNOWN_TARGET,
        UNKNOWN_VARIABLE,
        UNKNOWN_FUNCTION,
        /** A definition that depends on itself: variables, functions, block references, {@code target:} links. */
        CYCLE,
        /** A value of the wrong type, an unsupported attribute, a failed validation, an invalid name. */
        INVALID,
        /** A {@code --set} buildx would refuse. */
        OVERRIDE,
        /** Past the limits that protect against hostile files (size, nesting, matrix, evaluation). */
        LIMIT,
        /** A compose file given as bake input with no compose reader plugged in. */
        COMPOSE_UNAVAILABLE
    }

    private final Kind kind;
    private final transient SourceRange range;
    private final String reason;

    public BakeException(Kind kind, SourceRange range, String reason) {
        super(range == null ? reason : range.location() + ": " + reason);
        this.kind = kind;
        this.range = range;
        this.reason = reason;
    }

    static BakeException of(HclException e) {
        Kind kind = switch (e.kind()) {
            case SYNTAX -> Kind.SYNTAX;
            case UNKNOWN_VARIABLE -> Kind.UNKNOWN_VARIABLE;
            case UNKNOWN_FUNCTION -> Kind.UNKNOWN_FUNCTION;
            case CYCLE -> Kind.CYCLE;
            case LIMIT -> Kind.LIMIT;
            case EVALUATION -> Kind.INVALID;
        };
        return new BakeException(kind, e.range(), e.summary());
    }

    public Kind kind() {
        return kind;
    }

    /** The place, or null when no single place is to blame (an unknown target named on the command line). */
    public SourceRange range() {
        return range;
    }

    /** The file, or "" when there is no place. */
    public String file() {
        return range == null ? "" : range.file();
    }

    /** The 1-based line, or 0 when there is no place. */
    public int line() {
        return range == null ? 0 : range.startLine();
    }

    /** The message without the place. */
    public String reason() {
        return reason;
    }
}
