package dev.buildxlens.core.model;

import java.time.Instant;
import java.util.List;

/**
 * An image in a daemon's image store. {@code tags} and {@code digests} are empty for a dangling image.
 * {@code platforms} are the platforms the store holds for it (one with the classic store, any number of an index's
 * with the containerd store); empty when they were not looked up.
 */
public record Image(String id, List<String> tags, List<String> digests, long size, Instant created, List<Platform> platforms) {

    public Image {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
        platforms = List.copyOf(platforms);
    }

    /** An image whose platform was not looked up (the image list does not say it). */
    public Image(String id, List<String> tags, List<String> digests, long size, Instant created) {
        this(id, tags, digests, size, created, List.of());
    }

    public Image withPlatforms(List<Platform> value) {
        return new Image(id, tags, digests, size, created, value);
    }

    public boolean dangling() {
        return tags.isEmpty();
    }

    /** The id without its {@code sha256:} prefix, shortened the way {@code docker images} shows it. */
    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
