package dev.buildxlens.core.bake;

import java.util.List;

/**
 * Targets and groups as the files define them, before any target is resolved (buildx's {@code Config}): targets of
 * the same name already merged in file order, groups in order (a later group of the same name replaced the earlier
 * one, as in buildx).
 */
public record BakeConfig(List<TargetDefinition> targets, List<GroupDefinition> groups) {

    public BakeConfig {
        targets = List.copyOf(targets);
        groups = List.copyOf(groups);
    }

    public static BakeConfig empty() {
        return new BakeConfig(List.of(), List.of());
    }
}
