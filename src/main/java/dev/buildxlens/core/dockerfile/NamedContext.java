package dev.buildxlens.core.dockerfile;

import java.util.Locale;

/**
 * A {@code --build-context NAME=VALUE} (build-push-action {@code build-contexts}). {@code docker-image://} is passed
 * to BuildKit unchanged, so the builder resolves it like any image; {@code oci-layout://} and local directories are
 * read by the buildx client and streamed to any driver (buildx-facts §6).
 */
public record NamedContext(String name, String value) {

    /**
     * Where the content comes from: an image BuildKit resolves, an OCI layout or files the client streams, or another
     * build of the same run ({@code target:NAME} in bake, {@code service:NAME} in Compose), whose result BuildKit gets
     * directly.
     */
    public enum Kind { DOCKER_IMAGE, OCI_LAYOUT, CLIENT_FILES, OTHER_BUILD }

    public Kind kind() {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("docker-image://")) {
            return Kind.DOCKER_IMAGE;
        }
        if (lower.startsWith("oci-layout://")) {
            return Kind.OCI_LAYOUT;
        }
        if (lower.startsWith("target:") || lower.startsWith("service:")) {
            return Kind.OTHER_BUILD;
        }
        return Kind.CLIENT_FILES;
    }

    /** The target or service a {@code target:}/{@code service:} context names. */
    public String otherBuild() {
        return value.substring(value.indexOf(':') + 1);
    }

    /** The image a {@code docker-image://} context names. */
    public String imageRef() {
        return value.substring("docker-image://".length());
    }
}
