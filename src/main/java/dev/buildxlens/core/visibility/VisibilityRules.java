package dev.buildxlens.core.visibility;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.RegistryHosts;
import dev.buildxlens.core.model.Store;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.core.model.StoreIds;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which stores a build on a builder can resolve a {@code FROM} from: the heart of Buildx Lens, as data.
 * A {@code FROM <name>} resolves only from a named build context, from the daemon's image store (docker driver
 * only), or from the registry the reference names. A builder's own BuildKit cache holds layers by digest,
 * never names. Sources: buildx-facts §4.2 (per driver), §4.3 (containerd store changes nothing for isolated
 * drivers), §5 (loopback registries, {@code network=host}).
 */
public final class VisibilityRules {

    public static final String DOCKER = "docker";
    public static final String DOCKER_CONTAINER = "docker-container";
    public static final String KUBERNETES = "kubernetes";
    public static final String REMOTE = "remote";
    public static final String CLOUD = "cloud";

    private VisibilityRules() {
    }

    /** Node endpoints that mean the probed daemon: its context name or its host URL. */
    public static Predicate<String> localEndpoint(dev.buildxlens.core.model.Daemon daemon) {
        return endpoint -> endpoint.equals(daemon.context()) || endpoint.equals(daemon.host());
    }

    /**
     * The verdicts for a builder on the machine whose daemon was probed: as {@link #accessFor(Builder, List, Predicate)},
     * except that what a builder could read from the probed daemon's store is unknown while that daemon does not
     * answer (what it holds, and whether a build runs at all, cannot be told).
     */
    public static List<StoreAccess> accessFor(Builder builder, List<Store> stores, dev.buildxlens.core.model.Daemon daemon) {
        return accessFor(builder, stores, daemon, List.of());
    }

    /**
     * As {@link #accessFor(Builder, List, dev.buildxlens.core.model.Daemon)}, and the same for each other context's
     * engine that did not answer ({@code unanswered}): what a builder on it could read is unknown.
     */
    public static List<StoreAccess> accessFor(Builder builder, List<Store> stores, dev.buildxlens.core.model.Daemon daemon,
                                              List<dev.buildxlens.core.model.Daemon> unanswered) {
        List<StoreAccess> verdicts = unknownWhereSilent(builder, accessFor(builder, stores, localEndpoint(daemon), daemon), daemon);
        for (dev.buildxlens.core.model.Daemon other : unanswered) {
            verdicts = unknownWhereSilent(builder, verdicts, other);
        }
        return verdicts;
    }

    private static List<StoreAccess> unknownWhereSilent(Builder builder, List<StoreAccess> verdicts, dev.buildxlens.core.model.Daemon daemon) {
        if (daemon.reachable()) {
            return verdicts;
        }
        // A builder that runs on that daemon (the docker driver, or a container on it) may not run at all: what it
        // could read elsewhere is unknown too. What it cannot read stays cannot.
        Predicate<String> local = localEndpoint(daemon);
        boolean runsThere = builder.nodes().isEmpty() ? builder.driver().equals(DOCKER)
                : builder.nodes().stream().anyMatch(n -> local.test(n.endpoint()));
        return verdicts.stream().map(v -> {
            if (v.storeId().equals(daemon.storeId()) && v.access() == Access.CAN_READ) {
                return new StoreAccess(v.storeId(), Access.UNKNOWN, "the docker driver reads this image store, but its daemon ("
                        + daemon.context() + ") did not answer: what it holds, and whether a build runs at all, is unknown");
            }
            if (runsThere && v.access() != Access.CANNOT_READ && v.access() != Access.UNKNOWN) {
                return new StoreAccess(v.storeId(), Access.UNKNOWN, builder.name() + " runs on the daemon of context " + daemon.context()
                        + ", which did not answer: whether it builds at all, and so reads " + v.storeId() + ", is unknown");
            }
            return v;
        }).toList();
    }

    /**
     * @param localEndpoint tells whether a node endpoint (a context name or docker host) is the daemon that was
     *                      probed, i.e. the machine whose {@code localhost} the loopback registries live on
     */
    public static List<StoreAccess> accessFor(Builder builder, List<Store> stores, Predicate<String> localEndpoint) {
        return accessFor(builder, stores, localEndpoint, null);
    }

    /**
     * @param trust the daemon whose registry settings (insecure registries, certs.d CAs) decide whether a container
     *              builder needs its own configuration for a registry; null when unknown
     */
    public static List<StoreAccess> accessFor(Builder builder, List<Store> stores, Predicate<String> localEndpoint,
                                              dev.buildxlens.core.model.Daemon trust) {
        List<StoreAccess> out = new ArrayList<>();
        List<BuilderNode> nodes = builder.nodes();
        for (Store store : stores) {
            StoreAccess combined = null;
            if (nodes.isEmpty()) {
                combined = forNode(builder, null, store, localEndpoint, trust);
            }
            for (BuilderNode node : nodes) {
                StoreAccess verdict = forNode(builder, node, store, localEndpoint, trust);
                if (verdict == null) {
                    continue;
                }
                if (combined == null) {
                    combined = verdict;
                } else if (rank(verdict.access()) > rank(combined.access())) {
                    // A build may land on any node, so the builder sees a store only as well as its worst node does.
                    combined = new StoreAccess(store.id(), verdict.access(), "node " + node.name() + ": " + verdict.reason());
                }
            }
            if (combined != null) {
                out.add(combined);
            }
        }
        return out;
    }

    private static int rank(Access access) {
        return switch (access) {
            case CAN_READ, CACHE_ONLY -> 0;
            case ONLY_WITH_NETWORK_HOST, ONLY_WITH_CONFIG, UNKNOWN -> 1;
            case CANNOT_READ -> 2;
        };
    }

    /** The verdict for one node and one store, or null when the pair has nothing to say (another builder's cache). */
    static StoreAccess forNode(Builder builder, BuilderNode node, Store store, Predicate<String> localEndpoint,
                               dev.buildxlens.core.model.Daemon trust) {
        String driver = builder.driver();
        return switch (store.kind()) {
            case DAEMON -> daemonStore(driver, node, store);
            case BUILDKIT -> store.id().equals(StoreIds.buildkit(builder.name()))
                    ? new StoreAccess(store.id(), Access.CACHE_ONLY, "this builder's own cache holds layers by digest, "
                    + "never image names: no FROM resolves from it, not even an image this builder built. Results stay "
                    + "here unless the build uses --load, --push or an output")
                    : null;
            case REGISTRY -> registry(driver, node, store, localEndpoint, trust);
        };
    }

    private static StoreAccess daemonStore(String driver, BuilderNode node, Store store) {
        String id = store.id();
        String context = id.substring("daemon:".length());
        if (driver.equals(DOCKER)) {
            String endpoint = node == null ? "" : node.endpoint();
            if (endpoint.equals(context)) {
                return new StoreAccess(id, Access.CAN_READ, "the docker driver builds with dockerd's own BuildKit, "
                        + "which resolves FROM from this image store (docker load, docker build and docker pull results)");
            }
            return new StoreAccess(id, Access.CANNOT_READ, "this docker-driver builder uses the daemon of context '"
                    + endpoint + "', not '" + context + "'");
        }
        String why = switch (driver) {
            case DOCKER_CONTAINER -> "BuildKit runs in its own container"
                    + (node == null ? "" : " (buildx_buildkit_" + node.name() + ")")
                    + " with its own content store: it cannot read the daemon's images, whatever the image store kind, "
                    + "and pulls the name from a registry instead";
            case KUBERNETES -> "BuildKit runs in a Kubernetes pod: it has no access to this daemon's images";
            case REMOTE -> "a remote buildkitd has no access to this daemon's images";
            case CLOUD -> "Docker Build Cloud builds remotely: it has no access to this daemon's images";
            default -> "unknown driver '" + driver + "': assumed isolated like every driver but docker";
        };
        return new StoreAccess(id, Access.CANNOT_READ, why);
    }

    private static StoreAccess registry(String driver, BuilderNode node, Store store, Predicate<String> localEndpoint,
                                        dev.buildxlens.core.model.Daemon trust) {
        String id = store.id();
        String host = id.substring("registry:".length());
        if (!RegistryHosts.isLoopback(host)) {
            java.util.Optional<String> special = trust == null ? java.util.Optional.empty()
                    : dev.buildxlens.core.model.RegistryTrust.special(trust, host);
            if (special.isPresent() && driver.equals(DOCKER)) {
                return new StoreAccess(id, Access.CAN_READ, "dockerd pulls with its own registry settings, which "
                        + (special.get().equals("ca") ? "trust a private CA for " + host + " (certs.d)" : "list " + host + " in insecure-registries"));
            }
            if (special.isPresent() && node != null && !dev.buildxlens.core.model.RegistryTrust.covered(node, host, special.get())) {
                return new StoreAccess(id, Access.ONLY_WITH_CONFIG, "the daemon " + (special.get().equals("ca")
                        ? "trusts a private CA for " + host + " (/etc/docker/certs.d)" : "lists " + host + " in insecure-registries")
                        + ", but BuildKit in its own container does not inherit that: without [registry.\"" + host + "\"] "
                        + (special.get().equals("ca") ? "ca = [...]" : "http = true") + " in the builder's buildkitd.toml it fails with "
                        + (special.get().equals("ca") ? "'x509: certificate signed by unknown authority'" : "'http: server gave HTTP response to HTTPS client'"));
            }
            if (special.isPresent() && node != null) {
                return new StoreAccess(id, Access.CAN_READ, "the builder's buildkitd.toml has [registry.\"" + host + "\"] settings");
            }
            return new StoreAccess(id, Access.CAN_READ, "pulled over the network: assumed reachable, not verified");
        }
        return switch (driver) {
            case DOCKER -> new StoreAccess(id, Access.CAN_READ, "dockerd pulls from its own host, where " + host
                    + " is published; loopback registries are spoken to over plain HTTP");
            case DOCKER_CONTAINER -> {
                if (node != null && node.hostNetwork()) {
                    if (!localEndpoint.test(node.endpoint())) {
                        yield new StoreAccess(id, Access.CANNOT_READ, "network=host shares the network of the daemon at "
                                + node.endpoint() + ", whose localhost is not this machine's");
                    }
                    yield new StoreAccess(id, Access.CAN_READ, "network=host: BuildKit shares the host network, so "
                            + host + " is the host's published port (plain HTTP for loopback)");
                }
                yield new StoreAccess(id, Access.ONLY_WITH_NETWORK_HOST, "BuildKit's container has its own network "
                        + "namespace, where localhost is the container itself; recreate the builder with "
                        + "--driver-opt network=host (setup-buildx-action: driver-opts: network=host)");
            }
            case KUBERNETES -> new StoreAccess(id, Access.CANNOT_READ, "localhost inside a Kubernetes pod is the pod, "
                    + "not this machine");
            case REMOTE, CLOUD -> new StoreAccess(id, Access.CANNOT_READ, "localhost on a remote builder is that "
                    + "machine, not this one");
            default -> new StoreAccess(id, Access.CANNOT_READ, "unknown driver '" + driver
                    + "': a loopback registry is assumed unreachable");
        };
    }
}
