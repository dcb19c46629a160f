package dev.buildxlens.core.bake;

import dev.buildxlens.core.bake.hcl.SourceRange;
import java.util.Map;

/**
 * Where an attribute is written: the whole {@code name = value}, the name, the value, and — when the value is (or
 * contains, as a conditional's branch) an object constructor — each literal key's range, so a patch can rename a
 * context key or add one beside the others.
 */
public record AttributeSource(String name, SourceRange range, SourceRange nameRange, SourceRange valueRange,
                              Map<String, SourceRange> objectKeys) {

    public AttributeSource {
        objectKeys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(objectKeys));
    }
}
