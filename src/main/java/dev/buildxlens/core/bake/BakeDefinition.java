package dev.buildxlens.core.bake;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bake files of one invocation, read and merged: every target and group they define (before resolution), the
 * variables as resolved, and warnings. {@link #resolve} answers what {@code docker buildx bake [--set ...] [TARGET...]}
 * would build.
 */
public final class BakeDefinition {

    private final List<String> files;
    private final BakeConfig config;
    private final Map<String, String> variables;
    private final List<BakeWarning> warnings;
    private final BakeOptions options;

    BakeDefinition(List<String> files, BakeConfig config, Map<String, String> variables, List<BakeWarning> warnings,
                   BakeOptions options) {
        this.files = List.copyOf(files);
        this.config = config;
        this.variables = Map.copyOf(variables);
        this.warnings = List.copyOf(warnings);
        this.options = options;
    }

    /** The files read, in the order bake merged them (compose files first). */
    public List<String> files() {
        return files;
    }

    public BakeConfig config() {
        return config;
    }

    public List<TargetDefinition> targets() {
        return config.targets();
    }

    public List<GroupDefinition> groups() {
        return config.groups();
    }

    public Optional<TargetDefinition> target(String name) {
        return config.targets().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Each {@code variable} block's value as resolved (overrides applied); null values are left out. */
    public Map<String, String> variables() {
        return variables;
    }

    public List<BakeWarning> warnings() {
        return warnings;
    }

    /** What {@code docker buildx bake TARGET...} builds; no target means the {@code default} group (or target). */
    public BakeResolution resolve(List<String> targets) throws BakeException {
        return resolve(targets, List.of());
    }

    /** The same with {@code --set} values ({@code target.key=value}, {@code *.platform=...}, {@code t.tags+=...}). */
    public BakeResolution resolve(List<String> targets, List<String> overrides) throws BakeException {
        BakeResolution resolution = new TargetResolver(config, Overrides.parse(overrides, config, options))
                .resolve(targets, options.localPlatform());
        if (warnings.isEmpty()) {
            return resolution;
        }
        List<BakeWarning> all = new java.util.ArrayList<>(warnings);
        all.addAll(resolution.warnings());
        return new BakeResolution(resolution.targets(), resolution.groups(), all, resolution.localPlatform());
    }
}
