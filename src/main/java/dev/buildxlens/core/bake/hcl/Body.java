package dev.buildxlens.core.bake.hcl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a file or a block: attributes by name (each name once, as HCL requires) in source order, and nested
 * blocks in source order. {@code range} spans the content: for a block, from just after its {@code {} to its
 * {@code }}.
 */
public record Body(Map<String, Attribute> attributes, List<Block> blocks, SourceRange range) {

    public Body {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        blocks = List.copyOf(blocks);
    }

    public Optional<Attribute> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** An attribute: {@code name = expr}. {@code range} covers the whole line(s), {@code nameRange} the name. */
    public record Attribute(String name, Expr expr, SourceRange range, SourceRange nameRange) {
    }

    /**
     * A block: {@code type "label" ... { body }}. {@code range} runs from the type to the closing brace;
     * {@code openBrace} and {@code closeBrace} are the braces themselves (for JSON, the object's braces).
     */
    public record Block(String type, List<String> labels, List<SourceRange> labelRanges, Body body, SourceRange range,
                        SourceRange typeRange, SourceRange openBrace, SourceRange closeBrace) {
        public Block {
            labels = List.copyOf(labels);
            labelRanges = List.copyOf(labelRanges);
        }
    }
}
