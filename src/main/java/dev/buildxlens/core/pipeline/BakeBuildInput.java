package dev.buildxlens.core.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code docker buildx bake}: the directory it runs in, its files in order ({@code -f}; empty: bake's own lookup),
 * the targets or groups named (empty: {@code default}), {@code --set} overrides, the builder ({@code ""}: the
 * current one) and the environment its variables read.
 */
public record BakeBuildInput(Path directory, List<String> files, List<String> targets, List<String> sets, String builder,
                             Map<String, String> environment) implements BuildInput {

    public BakeBuildInput {
        files = List.copyOf(files);
        targets = List.copyOf(targets);
        sets = List.copyOf(sets);
        builder = builder == null ? "" : builder;
        environment = Map.copyOf(environment);
    }
}
