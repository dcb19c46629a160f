package dev.buildxlens.core.bake;

import dev.buildxlens.core.dockerfile.ContextKeys;
import dev.buildxlens.core.build.BuildSpec;
import java.util.Optional;

/**
 * A bake target as a build for the diagnoser: the {@link BuildSpec} (whose named contexts keep bake's keys as
 * written), the inline Dockerfile when the target has one (then there is no Dockerfile to read), and how the context
 * keys reach BuildKit — always {@link ContextKeys#VERBATIM} for bake, so the analysis must match {@code FROM} names
 * against the keys without normalising them (a key {@code base:latest} never matches {@code FROM base:latest}).
 */
public record BakeBuild(BakeTarget target, BuildSpec spec, Optional<String> dockerfileInline, ContextKeys contextKeys) {
}
