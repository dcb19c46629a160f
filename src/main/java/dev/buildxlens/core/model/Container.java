package dev.buildxlens.core.model;

import java.util.List;
import java.util.Optional;

/** A container on the daemon, with what Buildx Lens needs to recognise builder nodes and registries. */
public record Container(
        String id,
        String name,
        String image,
        String imageId,
        String state,
        List<PublishedPort> ports,
        String networkMode,
        List<String> volumes) {

    /** buildx names a docker-container node's container {@code buildx_buildkit_<node>} and sets no labels. */
    public static final String BUILDER_CONTAINER_PREFIX = "buildx_buildkit_";

    public Container {
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** The buildx node this container runs, when its name follows buildx's convention. */
    public Optional<String> builderNodeName() {
        if (name.startsWith(BUILDER_CONTAINER_PREFIX) && name.length() > BUILDER_CONTAINER_PREFIX.length()) {
            return Optional.of(name.substring(BUILDER_CONTAINER_PREFIX.length()));
        }
        return Optional.empty();
    }

    /** True when the container runs the CNCF distribution registry ({@code registry:2} and its mirrors). */
    public boolean looksLikeRegistry() {
        return isRegistryImage(image);
    }

    /** {@code registry}, {@code registry:2}, {@code docker.io/library/registry:2.8}, {@code ghcr.io/distribution/distribution:3}. */
    public static boolean isRegistryImage(String image) {
        String repository = image;
        int digestAt = repository.indexOf('@');
        if (digestAt >= 0) {
            repository = repository.substring(0, digestAt);
        }
        int lastSlash = repository.lastIndexOf('/');
        int tagColon = repository.lastIndexOf(':');
        if (tagColon > lastSlash) {
            repository = repository.substring(0, tagColon);
        }
        String lastPart = repository.substring(lastSlash + 1);
        return lastPart.equals("registry") || lastPart.equals("distribution");
    }

    /** A port published on the daemon host. */
    public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {
    }
}
