package dev.buildxlens.core.bake;

import java.util.List;

/**
 * A {@code group}: targets and groups built together. {@code source} is null for the groups bake makes itself (the
 * default group of a compose file, the group a matrix target's label becomes).
 */
public record GroupDefinition(String name, String description, List<String> targets, BlockSource source) {

    public GroupDefinition {
        description = description == null ? "" : description;
        targets = List.copyOf(targets);
    }
}
