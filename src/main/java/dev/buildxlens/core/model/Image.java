package dev.buildxlens.core.model;

import java.time.Instant;
import java.util.List;

/** An image in the daemon's image store. {@code tags} and {@code digests} are empty for a dangling image. */
public record Image(String id, List<String> tags, List<String> digests, long size, Instant created) {

    public Image {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
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
