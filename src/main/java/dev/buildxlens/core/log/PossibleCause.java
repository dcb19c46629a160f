package dev.buildxlens.core.log;

import dev.buildxlens.core.diagnose.Evidence;
import dev.buildxlens.core.diagnose.FindingKind;
import java.util.List;

/**
 * A cause the log is consistent with but cannot establish: the finding id, the facts that would decide it (tokens of
 * the log corpus: {@code builder-driver}, {@code image-in-daemon-store}, {@code image-platform}, …), why it is
 * considered, and the lines that raised it. Never reported as a finding.
 */
public record PossibleCause(FindingKind kind, List<String> missing, String reason, List<Evidence> evidence) {

    public PossibleCause {
        missing = List.copyOf(missing);
        evidence = List.copyOf(evidence);
    }

    public String id() {
        return kind.id();
    }

    /** What each missing-fact token means, and how the user can find it out. */
    public static String describe(String fact) {
        return switch (fact) {
            case "builder-driver" -> "which driver ran the build (the log does not print it; `docker buildx ls`, or setup-buildx-action's `Driver:` line)";
            case "builder-network" -> "whether the builder has the host network (`network=host` driver option)";
            case "image-in-daemon-store" -> "whether the image is in the daemon's image store (`docker image ls`)";
            case "image-platform" -> "the local image's platform (`docker image inspect --format '{{.Os}}/{{.Architecture}}' IMAGE`) against the build's";
            case "image-store" -> "which image store the daemon uses (classic or containerd; `docker info`)";
            case "daemon-registry-config" -> "the daemon's settings for that registry (insecure-registries, /etc/docker/certs.d)";
            case "builder-registry-config" -> "the builder's buildkitd.toml for that registry";
            case "registry-listening" -> "whether a registry listens on that loopback port";
            case "prior-build" -> "the earlier build that should have produced the image (its driver and outputs: load, push)";
            case "build-args" -> "whether the ARG was meant to be passed with --build-arg";
            default -> fact;
        };
    }
}
