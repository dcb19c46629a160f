package dev.buildxlens.core.log;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failure texts Buildx Lens recognises in a log, each with every wording it has had (buildx-facts §8, §9.5, §9.7):
 * buildx changed its messages in v0.11 and v0.12 and its prefix in v0.25, BuildKit its resolver errors, so a pattern
 * per generation is kept, case-insensitive (old CLIs print {@code error:}, new ones {@code ERROR:}). Patterns match
 * inside a line because CI systems, Maven and shells put their own prefixes in front.
 */
enum Symptom {
    /** §8: "Multi-platform build is not supported for the docker driver." (≥0.12); "[Mm]ultiple platforms feature is currently not supported for docker driver" (≤0.11). */
    DOCKER_DRIVER_MULTIPLATFORM(true, List.of("driver"),
            "multi-platform build is not supported for the docker driver",
            "multiple platforms feature is currently not supported for docker driver"),
    /** §8: "Cache export is not supported for the docker driver." (≥0.12); "[Cc]ache export feature is currently not supported for docker driver" (≤0.11). */
    DOCKER_DRIVER_CACHE_EXPORT(true, List.of("driver"),
            "cache export is not supported for the docker driver",
            "cache export feature is currently not supported for docker driver"),
    /**
     * §8: "Docker exporter / OCI exporter is not supported for the docker driver." (≥0.12). The older form follows the
     * same "%s feature is currently not supported for %s driver" template as the two above [derived from that template].
     */
    DOCKER_DRIVER_EXPORTER(true, List.of("driver"),
            "(docker|oci) exporter is not supported for the docker driver",
            "(docker|oci) exporter feature is currently not supported for docker driver"),
    /** §8 and the corpus: both the "does not currently support" and the "does not support … use the oci exporter" forms. */
    DOCKER_EXPORTER_MANIFEST_LIST(true, List.of("manifest lists"), "docker exporter does not (currently )?support exporting manifest lists"),
    /** §9.5: both endings ("with `docker buildx create <context-name>`" and "with context set to <context-name>"). */
    BUILDX_CREATE_TLS_ENV(true, List.of("tls data"), "could not create a builder instance with tls data loaded from environment"),
    /** BuildKit's dockerfile frontend: "base name (${X}) should not be blank", also written "$X". Group 2: the ARG. */
    FROM_ARG_BLANK(true, List.of("should not be blank"), "base name \\((\\$\\{?([a-z_][a-z0-9_]*)}?)\\) should not be blank"),
    /**
     * §8: "WARNING: No output specified with docker-container driver" (and bake's "for T target(s) with D driver"), and
     * the older logrus form "WARN[0000] No output specified for docker-container driver". Group 1: the driver.
     */
    NO_OUTPUT(false, List.of("no output specified"), "no output specified (?:with|for) (?:.*? target\\(s\\) with )?([a-z-]+) driver"),
    /** The docker CLI (run/create) when the tag is not in the daemon: "Unable to find image 'x:latest' locally". */
    UNABLE_TO_FIND_LOCALLY(false, List.of("unable to find image"), "unable to find image '([^']+)' locally"),
    /** The pull that follows a miss and succeeds: the image came from a registry after all. */
    PULL_COMPLETED(false, List.of("status: "), "status: (?:downloaded newer image|image is up to date) for (\\S+)"),
    /**
     * BuildKit's resolver when a registry has no such repository or refuses an anonymous pull (§8 "Auth failure", old
     * "authorization status: 401" included); ghcr.io's form is a 403 on the anonymous token; newer BuildKit ends a
     * missing tag with ": not found" after "failed to resolve source metadata for …".
     */
    IMAGE_DENIED(true, List.of("pull access denied", "anonymous token", "not found"),
            "pull access denied, repository does not exist or may require authorization",
            "failed to fetch anonymous token: .*403 forbidden",
            "failed to resolve source metadata for \\S+: (?:\\S+: )?not found$"),
    /** A registry request that never got an answer (DNS, refused, timeout), as printed by BuildKit's resolver. */
    REGISTRY_NETWORK(true, List.of("dial tcp", "no such host", "i/o timeout", "connection refused", "network is unreachable", "no route to host", "tls handshake timeout"),
            "(?:failed to do request|failed to resolve source metadata|failed to authorize|failed to push|failed to copy)"
                    + ".*(?:dial tcp|no such host|i/o timeout|connection refused|network is unreachable|no route to host|tls handshake timeout)"),
    /** §9.7: a plain-HTTP registry asked over HTTPS (the daemon's insecure-registries do not reach a container builder). */
    HTTP_TO_HTTPS(true, List.of("http response to https"), "http: server gave http response to https client"),
    /** §9.7: a registry whose CA the builder does not trust (Go ≥1.20 adds "tls: failed to verify certificate:"). */
    X509_UNKNOWN_AUTHORITY(true, List.of("x509"), "x509: certificate signed by unknown authority"),
    /** The daemon's own pull error (legacy builder, docker run/pull): "pull access denied for NAME, … 'docker login'". */
    DAEMON_PULL_DENIED(true, List.of("pull access denied for"), "pull access denied for ([^,\\s]+), repository does not exist or may require 'docker login'");

    private final boolean failure;
    /** Words one of which every wording contains: a cheap test first, so the patterns run on few lines of a big log. */
    private final List<String> keywords;
    private final List<Pattern> patterns;

    Symptom(boolean failure, List<String> keywords, String... regexes) {
        this.failure = failure;
        this.keywords = keywords;
        this.patterns = java.util.Arrays.stream(regexes).map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
    }

    /** True when the text is a failure by itself (a warning or a miss that a pull may still cure is not). */
    boolean failure() {
        return failure;
    }

    /** The match in this line ({@code lower}: the same text in lower case), or null. */
    Matcher match(String text, String lower) {
        if (keywords.stream().noneMatch(lower::contains)) {
            return null;
        }
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            if (matcher.find()) {
                return matcher;
            }
        }
        return null;
    }
}
