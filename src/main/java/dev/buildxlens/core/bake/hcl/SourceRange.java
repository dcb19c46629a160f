package dev.buildxlens.core.bake.hcl;

/**
 * A span of a source file: lines and columns count from 1, offsets are character indexes into the file's text
 * ({@code endOffset} exclusive), so an edit can be made at exactly this place.
 */
public record SourceRange(String file, int startLine, int startColumn, int startOffset, int endLine, int endColumn,
                          int endOffset) {

    /** The span from the start of this one to the end of {@code end}. */
    public SourceRange to(SourceRange end) {
        return new SourceRange(file, startLine, startColumn, startOffset, end.endLine, end.endColumn, end.endOffset);
    }

    /** {@code file:line:column}, the way compilers name a place. */
    public String location() {
        return file + ":" + startLine + ":" + startColumn;
    }
}
