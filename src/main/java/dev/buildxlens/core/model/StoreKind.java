package dev.buildxlens.core.model;

public enum StoreKind {
    /** A daemon's image store: what {@code docker images} lists. */
    DAEMON("daemon"),
    /** A builder's own BuildKit content store and cache. */
    BUILDKIT("buildkit"),
    /** A registry speaking the distribution API. */
    REGISTRY("registry");

    private final String label;

    StoreKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
