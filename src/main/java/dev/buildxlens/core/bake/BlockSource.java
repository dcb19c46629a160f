package dev.buildxlens.core.bake;

import dev.buildxlens.core.bake.hcl.SourceRange;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code target} or {@code group} block as written: the file and its format, the block's label (a matrix block's
 * label names the template, not each generated target), the whole block, its braces (a patch adds an attribute just
 * before {@code closeBrace}; the body is everything between the braces) and its attributes by name.
 * For a target that came from a compose file the compose reader gives what positions it has.
 */
public record BlockSource(String file, BakeSource.Format format, String label, SourceRange block, SourceRange openBrace,
                          SourceRange closeBrace, Map<String, AttributeSource> attributes) {

    public BlockSource {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    /** The body between the braces: from just after {@code {} to just before {@code }}. */
    public SourceRange body() {
        return new SourceRange(file, openBrace.endLine(), openBrace.endColumn(), openBrace.endOffset(), closeBrace.startLine(),
                closeBrace.startColumn(), closeBrace.startOffset());
    }

    public Optional<AttributeSource> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
