package dev.buildxlens.core.dockerfile;

import dev.buildxlens.core.image.ImageReference;

/**
 * An image a build needs from outside: the reference as written (after ARG expansion) and normalised, where it
 * is used, and the named context that supplies it, if any. A need whose {@code context} is an OCI layout or local
 * files has no {@code reference}: the client supplies it.
 */
public record ImageNeed(String raw, ImageReference reference, String instruction, String file, int line, String stage,
                        NamedContext context) {

    public boolean suppliedByClient() {
        return context != null && context.kind() != NamedContext.Kind.DOCKER_IMAGE;
    }
}
