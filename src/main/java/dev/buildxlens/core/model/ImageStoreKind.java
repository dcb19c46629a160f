package dev.buildxlens.core.model;

/** How dockerd keeps images: the classic graph drivers, or the containerd image store (snapshotters). */
public enum ImageStoreKind {
    CLASSIC("classic"),
    CONTAINERD("containerd"),
    UNKNOWN("unknown");

    private final String label;

    ImageStoreKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
