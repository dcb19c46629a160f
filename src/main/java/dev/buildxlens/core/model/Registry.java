package dev.buildxlens.core.model;

import java.util.List;

/**
 * A registry the snapshot knows of. Local ones are queried over the Registry HTTP API v2;
 * remote ones (Docker Hub) are listed but never queried by default, so {@code queried} is false.
 */
public record Registry(
        String host,
        boolean loopback,
        String source,
        boolean queried,
        boolean reachable,
        String error,
        List<RegistryRepository> repositories,
        boolean truncated) {

    public Registry {
        repositories = List.copyOf(repositories);
    }

    public String storeId() {
        return StoreIds.registry(host);
    }

    /** A repository and its tags; {@code digest} of a tag is empty when the registry did not say. */
    public record RegistryRepository(String name, List<RegistryTag> tags) {
        public RegistryRepository {
            tags = List.copyOf(tags);
        }
    }

    public record RegistryTag(String tag, String digest) {
    }
}
