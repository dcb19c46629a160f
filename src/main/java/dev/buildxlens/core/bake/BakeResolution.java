package dev.buildxlens.core.bake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code docker buildx bake [TARGET...]} would build: the targets the request resolves to (groups expanded), then
 * the targets they link with {@code target:} contexts that were not requested ({@link BakeTarget#linked()}), and the
 * groups as {@code --print} lists them ({@code default} holding the requested names).
 */
public record BakeResolution(List<BakeTarget> targets, Map<String, List<String>> groups, List<BakeWarning> warnings,
                             String localPlatform) {

    public BakeResolution {
        targets = List.copyOf(targets);
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        warnings = List.copyOf(warnings);
    }

    public Optional<BakeTarget> target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every target as a build for the diagnoser, in the order of {@link #targets()}. */
    public List<BakeBuild> builds() {
        return targets.stream().map(t -> t.toBuild(localPlatform)).toList();
    }
}
