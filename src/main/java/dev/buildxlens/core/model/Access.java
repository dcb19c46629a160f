package dev.buildxlens.core.model;

/** Whether a build on a builder can resolve an image reference from a store. */
public enum Access {
    /** A {@code FROM} can resolve here. */
    CAN_READ("can-read"),
    /** It cannot, whatever the build does. */
    CANNOT_READ("cannot-read"),
    /** It could, if the builder's BuildKit shared the host network ({@code driver-opt network=host}). */
    ONLY_WITH_NETWORK_HOST("only-with-network-host"),
    /**
     * It could, if the builder's BuildKit had the registry settings the daemon has ({@code insecure-registries}, a
     * {@code certs.d} CA) in its own {@code buildkitd.toml}.
     */
    ONLY_WITH_CONFIG("only-with-config"),
    /** The builder's own cache: layers by digest, never tags, so no {@code FROM} resolves from it. */
    CACHE_ONLY("cache-only"),
    /**
     * It cannot be told: the store belongs to a daemon that did not answer, so neither what it holds nor whether a
     * build runs at all is known.
     */
    UNKNOWN("unknown");

    private final String label;

    Access(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
