package dev.buildxlens.core.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference normalised exactly like the Docker CLI ({@code distribution/reference}
 * {@code ParseNormalizedNamed}): {@code dmca-base} is {@code docker.io/library/dmca-base:latest}, the first path
 * component is a registry only if it has a dot or a colon, is {@code localhost}, or has upper-case letters;
 * {@code index.docker.io} means {@code docker.io}; repository paths must be lower case.
 */
public record ImageReference(String raw, String domain, String path, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final int NAME_TOTAL_LENGTH_MAX = 255;
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    /** Parses and normalises; {@code raw} is kept as written. */
    public static ImageReference parse(String raw) throws InvalidReferenceException {
        String text = raw.trim();
        if (text.isEmpty()) {
            throw new InvalidReferenceException("invalid reference format: an image name is empty");
        }
        String digest = "";
        int at = text.indexOf('@');
        if (at >= 0) {
            digest = text.substring(at + 1);
            text = text.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new InvalidReferenceException("invalid reference format: '" + raw + "' has an invalid digest");
            }
        }
        String tag = "";
        int lastSlash = text.lastIndexOf('/');
        int colon = text.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = text.substring(colon + 1);
            text = text.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException("invalid reference format: '" + raw + "' has an invalid tag");
            }
        }
        String domain;
        String path;
        int slash = text.indexOf('/');
        String first = slash < 0 ? "" : text.substring(0, slash);
        if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost")
                && first.toLowerCase(Locale.ROOT).equals(first))) {
            domain = DOCKER_HUB;
            path = text;
        } else {
            domain = first;
            path = text.substring(slash + 1);
            if (!DOMAIN.matcher(domain).matches()) {
                throw new InvalidReferenceException("invalid reference format: '" + raw + "' has an invalid registry host");
            }
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                if (PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()) {
                    throw new InvalidReferenceException("invalid reference format: repository name (" + path + ") must be lowercase");
                }
                throw new InvalidReferenceException("invalid reference format: '" + raw + "' is not a valid image name");
            }
        }
        if ((domain + "/" + path).length() > NAME_TOTAL_LENGTH_MAX) {
            throw new InvalidReferenceException("invalid reference format: repository name must not be more than 255 characters");
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = "latest";
        }
        return new ImageReference(raw, domain, path, tag, digest);
    }

    /** {@code docker.io/library/alpine} */
    public String name() {
        return domain + "/" + path;
    }

    /** The fully qualified form BuildKit logs: {@code docker.io/library/alpine:latest}, or with {@code @digest}. */
    public String normalized() {
        StringBuilder out = new StringBuilder(name());
        if (!tag.isEmpty()) {
            out.append(':').append(tag);
        }
        if (!digest.isEmpty()) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    /** The short form {@code docker images} shows: {@code alpine:latest}, {@code localhost:5000/foo/bar:1}. */
    public String familiar() {
        String name = domain.equals(DOCKER_HUB) && path.startsWith("library/") ? path.substring(8)
                : domain.equals(DOCKER_HUB) ? path : name();
        StringBuilder out = new StringBuilder(name);
        if (!tag.isEmpty()) {
            out.append(':').append(tag);
        }
        if (!digest.isEmpty()) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    /**
     * The same image under another registry, as the registry bridge pushes it: {@code my-base} at {@code localhost:5000}
     * is {@code localhost:5000/my-base:latest} (Docker Hub's {@code library/} dropped, the tag kept, latest when none);
     * null when {@code host} makes no valid name.
     */
    public ImageReference inRegistry(String host) {
        return parseOrNull(host + "/" + path.replaceFirst("^library/", "") + ":" + (tag.isEmpty() ? "latest" : tag));
    }

    /**
     * The name two spellings of one image share ({@code my-base} and {@code docker.io/library/my-base:latest} both
     * give the latter), for comparing; a text that is no valid reference is compared as it is (trimmed).
     */
    public static String normalize(String text) {
        ImageReference reference = parseOrNull(text.trim());
        return reference == null ? text.trim() : reference.normalized();
    }

    /** Parses, or returns null for a reference that is not valid (callers that already reported it). */
    public static ImageReference parseOrNull(String raw) {
        try {
            return parse(raw);
        } catch (InvalidReferenceException e) {
            return null;
        }
    }
}
