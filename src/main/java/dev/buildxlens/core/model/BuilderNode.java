package dev.buildxlens.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One BuildKit instance of a builder. {@code status} follows {@code buildx ls} ({@code running}, {@code stopped},
 * {@code inactive}, {@code error}) or is {@code unknown} when nothing could tell.
 */
public record BuilderNode(
        String name,
        String endpoint,
        String status,
        String buildkitVersion,
        List<String> platforms,
        Map<String, String> driverOpts,
        List<String> buildkitdFlags,
        String buildkitdConfig,
        BackingContainer container) {

    public BuilderNode {
        platforms = List.copyOf(platforms);
        driverOpts = Map.copyOf(driverOpts);
        buildkitdFlags = List.copyOf(buildkitdFlags);
    }

    /** {@code network=host} shares the daemon host's network with BuildKit, so its localhost is the host's. */
    public boolean hostNetwork() {
        return "host".equals(driverOpts.get("network"));
    }

    public Optional<BackingContainer> backingContainer() {
        return Optional.ofNullable(container);
    }
}
