package dev.buildxlens.core.probe;

import dev.buildxlens.core.model.BackingContainer;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Secrets;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.Store;
import dev.buildxlens.core.model.StoreIds;
import dev.buildxlens.core.model.StoreKind;
import dev.buildxlens.core.visibility.VisibilityRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Puts the raw facts of a probe together into one {@link Snapshot}: builders from contexts and the store
 * files (an {@code instances/} entry wins over a context of the same name, buildx-facts §1.6), enriched by
 * {@code buildx ls} when it ran, tied to their containers, the current builder resolved, the stores listed
 * and each builder's access to them decided. A pure function: no I/O.
 */
public final class SnapshotAssembler {

    /** Docker Hub: where every unqualified name ({@code my-base} → {@code docker.io/library/my-base}) resolves. */
    public static final String DOCKER_HUB = "docker.io";

    private SnapshotAssembler() {
    }

    public static Snapshot assemble(ProbeResults facts) {
        return assemble(facts, "live");
    }

    /** {@code origin} says where the facts came from: {@code live}, or {@code scenario <name>}. */
    public static Snapshot assemble(ProbeResults facts, String origin) {
        Daemon daemon = facts.daemon();
        List<String> problems = new ArrayList<>(facts.problems());
        List<String> notes = new ArrayList<>();
        Predicate<String> localEndpoint = VisibilityRules.localEndpoint(daemon);

        Map<String, ContextEngine> others = new LinkedHashMap<>();
        facts.otherEngines().forEach(engine -> others.put(engine.name(), engine));
        Map<String, Builder> builders = new LinkedHashMap<>();
        for (DockerContext context : facts.contexts()) {
            builders.put(context.name().toLowerCase(), contextBuilder(context, daemon, others.get(context.name())));
        }
        for (StoredBuilder stored : facts.builderStore().builders()) {
            builders.put(stored.name().toLowerCase(), storedBuilder(stored, facts, daemon, localEndpoint, others));
        }
        problems.addAll(facts.builderStore().problems());
        if (!facts.builderStore().exists()) {
            notes.add("no builder store at " + facts.builderStore().directory() + ": only the context builders exist");
        }

        Optional<List<BuildxLs.LsBuilder>> listed = facts.buildxListing().builders();
        if (listed.isPresent()) {
            for (BuildxLs.LsBuilder ls : listed.get()) {
                builders.computeIfPresent(ls.name().toLowerCase(), (key, builder) -> enrich(builder, ls));
            }
        } else if (!facts.buildxListing().message().isEmpty()) {
            notes.add(facts.buildxListing().message());
        }

        String current = currentBuilder(facts, builders, listed, daemon.context());
        List<Registry> registries = withTrustedRegistries(facts.registries(), daemon);
        List<Store> stores = stores(facts.contexts(), registries, builders.values(), daemon, others);
        List<Daemon> unanswered = facts.otherEngines().stream().filter(e -> !e.reachable()).map(ContextEngine::daemon).toList();
        List<Builder> finished = builders.values().stream()
                .map(b -> b.withCurrent(b.name().equalsIgnoreCase(current)))
                .map(b -> b.withAccess(VisibilityRules.accessFor(b, stores, daemon, unanswered)))
                .toList();

        for (Registry registry : registries) {
            if (registry.queried() && !registry.reachable()) {
                problems.add("registry " + registry.host() + " (" + registry.source() + "): " + registry.error());
            }
        }
        return new Snapshot(facts.takenAt(), origin, daemon, finished, stores, registries, problems, notes,
                facts.buildxListing().client(), facts.otherEngines());
    }

    private static Builder contextBuilder(DockerContext context, Daemon daemon, ContextEngine other) {
        boolean current = context.name().equals(daemon.context());
        String status;
        String error = "";
        if (current) {
            status = daemon.reachable() ? "running" : "error";
            error = daemon.reachable() ? "" : "the daemon of this context is unreachable";
        } else if (other == null || other.state() == ContextEngine.State.NOT_PROBED) {
            status = "unknown";
        } else {
            status = other.reachable() ? "running" : "error";
            error = other.reachable() ? "" : "the daemon of this context is unreachable: " + other.error();
        }
        BuilderNode node = new BuilderNode(context.name(), context.name(), status, "", List.of(), Map.of(), List.of(), "", null);
        return new Builder(context.name(), VisibilityRules.DOCKER, false, true, null, List.of(node), List.of(), error);
    }

    private static Builder storedBuilder(StoredBuilder stored, ProbeResults facts, Daemon daemon, Predicate<String> localEndpoint,
                                         Map<String, ContextEngine> others) {
        List<BuilderNode> nodes = new ArrayList<>();
        for (StoredBuilder.StoredNode node : stored.nodes()) {
            BackingContainer container = null;
            String status = "unknown";
            if (VisibilityRules.DOCKER_CONTAINER.equals(stored.driver())) {
                ContextEngine other = others.get(node.endpoint());
                container = other != null && other.reachable() ? backingContainer(node, other.daemon(), e -> true)
                        : backingContainer(node, daemon, localEndpoint);
                status = switch (container.state()) {
                    case "running" -> "running";
                    case "stopped" -> "stopped";
                    case "missing" -> "inactive";
                    default -> "unknown";
                };
            }
            nodes.add(new BuilderNode(node.name(), node.endpoint(), status, "", node.platforms(),
                    Secrets.redactDriverOpts(node.driverOpts()),
                    node.flags(), node.buildkitdConfig(), container));
        }
        Instant activity = facts.builderStore().activity().get(stored.name());
        return new Builder(stored.name(), stored.driver(), false, false, activity, nodes, List.of(), "");
    }

    /** A docker-container node runs in {@code buildx_buildkit_<node>} with volume {@code ..._state} (buildx-facts §4.2). */
    private static BackingContainer backingContainer(StoredBuilder.StoredNode node, Daemon daemon, Predicate<String> localEndpoint) {
        String name = Container.BUILDER_CONTAINER_PREFIX + node.name();
        if (!daemon.reachable() || !localEndpoint.test(node.endpoint())) {
            return new BackingContainer(name, "unknown", "", false);
        }
        Optional<Container> found = daemon.containers().stream().filter(c -> c.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            return new BackingContainer(name, "missing", "", false);
        }
        Container container = found.get();
        boolean volume = container.volumes().contains(name + "_state");
        return new BackingContainer(name, container.running() ? "running" : "stopped", container.networkMode(), volume);
    }

    /** What only a live buildx can tell: node status, BuildKit version, detected platforms, errors. */
    private static Builder enrich(Builder builder, BuildxLs.LsBuilder ls) {
        List<BuilderNode> nodes = new ArrayList<>();
        for (BuilderNode node : builder.nodes()) {
            Optional<BuildxLs.LsNode> live = ls.node(node.name());
            if (live.isEmpty()) {
                nodes.add(node);
                continue;
            }
            BuildxLs.LsNode l = live.get();
            String status = l.status().isEmpty() ? (l.error().isEmpty() ? node.status() : "error") : l.status();
            List<String> platforms = l.platforms().isEmpty() ? node.platforms() : l.platforms();
            nodes.add(new BuilderNode(node.name(), node.endpoint(), status, l.version(), platforms, node.driverOpts(),
                    node.buildkitdFlags(), node.buildkitdConfig(), node.container()));
        }
        String error = ls.error().isEmpty() ? builder.error() : ls.error();
        Instant activity = ls.lastActivity().orElse(builder.lastActivity());
        return new Builder(builder.name(), builder.driver(), builder.current(), builder.fromDockerContext(), activity,
                nodes, builder.access(), error);
    }

    private static String currentBuilder(ProbeResults facts, Map<String, Builder> builders,
                                         Optional<List<BuildxLs.LsBuilder>> listed, String context) {
        // buildx ≥ 0.24 says which builder is current; trust it over our reading of the files.
        if (listed.isPresent()) {
            Optional<String> fromCli = listed.get().stream()
                    .filter(b -> b.current().orElse(false)).map(BuildxLs.LsBuilder::name).findFirst();
            if (fromCli.isPresent()) {
                return fromCli.get();
            }
        }
        Set<String> known = builders.keySet();
        return CurrentBuilderResolver.resolve(facts.buildxBuilderVariable(), facts.builderStore(), context,
                facts.endpointKey(), known).builder();
    }

    /**
     * The registries the daemon was configured to treat specially (insecure-registries by name, certs.d CAs) join the
     * picture, so the map can show which builders reach them only with their own configuration.
     */
    private static List<Registry> withTrustedRegistries(List<Registry> registries, Daemon daemon) {
        List<Registry> out = new ArrayList<>(registries);
        for (String host : dev.buildxlens.core.model.RegistryTrust.configuredHosts(daemon)) {
            if (out.stream().noneMatch(r -> r.host().equals(host))) {
                String source = daemon.insecureRegistries().contains(host) ? "in the daemon's insecure-registries; not queried"
                        : "the daemon trusts a private CA for it (certs.d); not queried";
                out.add(new Registry(host, false, source, false, false, "", List.of(), false));
            }
        }
        return out;
    }

    /** How a store card describes another context's engine: what it holds, or why that is not known. */
    static String engineDescription(ContextEngine engine) {
        return switch (engine.state()) {
            case REACHABLE -> engine.daemon().imageStore().label() + " image store, " + engine.daemon().images().size()
                    + (engine.daemon().images().size() == 1 ? " image" : " images");
            case UNREACHABLE -> "unreachable: " + engine.error();
            case NOT_PROBED -> engine.error().isEmpty() ? "not probed" : engine.error();
        };
    }

    private static List<Store> stores(List<DockerContext> contexts, List<Registry> registries, java.util.Collection<Builder> builders,
                                      Daemon daemon, Map<String, ContextEngine> others) {
        List<Store> stores = new ArrayList<>();
        for (DockerContext context : contexts) {
            String description;
            if (context.name().equals(daemon.context())) {
                description = daemon.reachable()
                        ? daemon.imageStore().label() + " image store, " + daemon.images().size()
                                + (daemon.images().size() == 1 ? " image" : " images")
                        : "daemon unreachable";
            } else if (others.containsKey(context.name())) {
                description = engineDescription(others.get(context.name()));
            } else {
                description = "not probed (" + context.host() + ")";
            }
            stores.add(new Store(StoreIds.daemon(context.name()), StoreKind.DAEMON, context.name(), description));
        }
        if (contexts.stream().noneMatch(c -> c.name().equals(daemon.context()))) {
            stores.add(new Store(daemon.storeId(), StoreKind.DAEMON, daemon.context(), "daemon unreachable"));
        }
        for (Builder builder : builders) {
            if (!builder.driver().equals(VisibilityRules.DOCKER)) {
                stores.add(new Store(StoreIds.buildkit(builder.name()), StoreKind.BUILDKIT, builder.name(),
                        builder.driver() + " BuildKit cache (layers by digest)"));
            }
        }
        for (Registry registry : registries) {
            String description = !registry.queried() ? registry.source()
                    : registry.reachable() ? registry.repositories().size() + " repositories (" + registry.source() + ")"
                    : "unreachable: " + registry.error();
            stores.add(new Store(registry.storeId(), StoreKind.REGISTRY, registry.host(), description));
        }
        return stores.stream().collect(Collectors.collectingAndThen(
                Collectors.toMap(Store::id, s -> s, (a, b) -> a, LinkedHashMap::new), m -> List.copyOf(m.values())));
    }
}
