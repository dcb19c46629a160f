package dev.buildxlens.core.dockerfile;

import dev.buildxlens.core.image.ImageReference;

/**
 * An image a build needs from outside: the reference as written (after ARG expansion) and normalised, where it
 * is used, the named context that supplies it, if any, and the platform its stage's {@code FROM --platform=…} asks for
 * (after ARG expansion; "" when the line gives none and the build's target platform applies). A need whose {@code context} is an OCI layout or local
 * files has no {@code reference}: the client supplies it.
 */
public record ImageNeed(String raw, ImageReference reference, String instruction, String file, int line, String stage,
                        NamedContext context, String platform) {

    public ImageNeed {
        platform = platform == null ? "" : platform;
    }

    /** A need with no {@code FROM --platform}: it is resolved for the build's target platform. */
    public ImageNeed(String raw, ImageReference reference, String instruction, String file, int line, String stage, NamedContext context) {
        this(raw, reference, instruction, file, line, stage, context, "");
    }

    public boolean suppliedByClient() {
        return context != null && context.kind() != NamedContext.Kind.DOCKER_IMAGE;
    }

    /**
     * An image whose name depends on a workflow expression the simulation cannot know ({@code ${{ github.actor }}}):
     * it has no reference, but its registry may still be known ({@link #knownRegistry()}).
     */
    public boolean unresolved() {
        return reference == null && !suppliedByClient();
    }

    /**
     * For an unresolved image whose name is known and only its tag is not ({@code localhost:5000/app:${{ … }}}): the
     * repository, with the tag {@code latest} standing in. Empty when more than the tag is unknown.
     */
    public java.util.Optional<dev.buildxlens.core.image.ImageReference> knownRepository() {
        String name = context != null && context.kind() == NamedContext.Kind.DOCKER_IMAGE ? context.imageRef() : raw;
        int expression = name.indexOf("${{");
        if (expression < 1 || name.charAt(expression - 1) != ':' || name.lastIndexOf("}}") != name.length() - 2) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(dev.buildxlens.core.image.ImageReference.parseOrNull(name.substring(0, expression - 1)));
    }

    /** For an unresolved image, its registry host when that part is written out ({@code localhost:5000/${{ … }}/x}), else "". */
    public String knownRegistry() {
        String name = context != null && context.kind() == NamedContext.Kind.DOCKER_IMAGE ? context.imageRef() : raw;
        int slash = name.indexOf('/');
        if (slash <= 0) {
            return "";
        }
        String first = name.substring(0, slash);
        return !first.contains("${{") && (first.contains(".") || first.contains(":") || first.equals("localhost")) ? first : "";
    }
}
