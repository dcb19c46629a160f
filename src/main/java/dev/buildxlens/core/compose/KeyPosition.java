package dev.buildxlens.core.compose;

/**
 * Where one key of a service is written, for patches: the key, the start of its value (for a block mapping or block
 * sequence, the first entry, so its column is the entries' indentation), the value's last line with content, and
 * how the value is written.
 *
 * <p>{@code shared} is true when the key or its value is written once and used in more than one place through a
 * YAML anchor: an alias ({@code build: *common}) or a merge key ({@code <<: *defaults}), including the anchor's own
 * place. Editing it there changes every user; and a key written next to {@code <<} replaces the merged key whole
 * (merge keys are shallow), so a patch for one service must repeat what it keeps. For an alias
 * ({@code build: *common}) {@code value} is where the anchor is written. {@code inherited} is true when the service
 * got the key through {@code extends}: the position is in the extended service (possibly in another file).
 */
public record KeyPosition(SourcePosition key, SourcePosition value, int valueEndLine, Style style, boolean shared,
                          boolean inherited) {

    /** How a value is written. */
    public enum Style {
        /** Nothing after the colon ({@code key:}), which YAML reads as null. */
        EMPTY,
        /** A plain or quoted scalar. */
        SCALAR,
        /** A literal ({@code |}) or folded ({@code >}) block scalar: its content starts on the next line. */
        BLOCK_SCALAR,
        BLOCK_MAPPING,
        /** {@code {a: b}}. */
        FLOW_MAPPING,
        BLOCK_SEQUENCE,
        /** {@code [a, b]}. */
        FLOW_SEQUENCE
    }
}
