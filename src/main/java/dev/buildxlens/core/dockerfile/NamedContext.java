package dev.buildxlens.core.dockerfile;

import java.util.Locale;

/**
 * A {@code --build-context NAME=VALUE} (build-push-action {@code build-contexts}). {@code docker-image://} is passed
 * to BuildKit unchanged, so the builder resolves it like any image; {@code oci-layout://} and local directories are
 * read by the buildx client and streamed to any driver (buildx-facts §6).
 */
public record NamedContext(String name, String value) {

    public enum Kind { DOCKER_IMAGE, OCI_LAYOUT, CLIENT_FILES }

    public Kind kind() {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("docker-image://")) {
            return Kind.DOCKER_IMAGE;
        }
        if (lower.startsWith("oci-layout://")) {
            return Kind.OCI_LAYOUT;
        }
        return Kind.CLIENT_FILES;
    }

    /** The image a {@code docker-image://} context names. */
    public String imageRef() {
        return value.substring("docker-image://".length());
    }
}
