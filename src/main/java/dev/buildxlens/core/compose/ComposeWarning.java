package dev.buildxlens.core.compose;

/**
 * Something Compose would warn about while reading the project; the project is still read. {@code where} is null
 * when no single place is at fault.
 */
public record ComposeWarning(Kind kind, SourcePosition where, String subject, String message) {

    public enum Kind {
        /** A variable used without a default is unset; Compose substitutes an empty string. {@code subject}: its name. */
        UNSET_VARIABLE,
        /** A service both included and defined by the including file: the including file's definition is merged on top. */
        INCLUDED_SERVICE_REDEFINED
    }
}
