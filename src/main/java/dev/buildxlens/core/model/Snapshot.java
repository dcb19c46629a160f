package dev.buildxlens.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One immutable picture of a Docker world: the daemon and its image store, every buildx builder,
 * every store a {@code FROM} might resolve from, and the registries that were looked at.
 * The live probe and the offline scenarios both produce this; analysis only ever reads it.
 */
public record Snapshot(
        Instant takenAt,
        String origin,
        Daemon daemon,
        List<Builder> builders,
        List<Store> stores,
        List<Registry> registries,
        List<String> problems,
        List<String> notes,
        DockerClient client,
        List<ContextEngine> engines) {

    public Snapshot {
        engines = withCurrent(engines == null ? List.of() : engines, daemon);
        client = client == null ? DockerClient.unknown("not looked at") : client;
        builders = List.copyOf(builders);
        stores = List.copyOf(stores);
        registries = List.copyOf(registries);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** A picture of one engine, the current context's. */
    public Snapshot(Instant takenAt, String origin, Daemon daemon, List<Builder> builders, List<Store> stores,
                    List<Registry> registries, List<String> problems, List<String> notes, DockerClient client) {
        this(takenAt, origin, daemon, builders, stores, registries, problems, notes, client, List.of());
    }

    /** A picture whose Docker CLI was not looked at (tests, hand-made worlds). */
    public Snapshot(Instant takenAt, String origin, Daemon daemon, List<Builder> builders, List<Store> stores,
                    List<Registry> registries, List<String> problems, List<String> notes) {
        this(takenAt, origin, daemon, builders, stores, registries, problems, notes, null);
    }

    public Snapshot withClient(DockerClient value) {
        return new Snapshot(takenAt, origin, daemon, builders, stores, registries, problems, notes, value, engines);
    }

    /** The current context's engine first, as the probe's daemon says, then the others in their order. */
    private static List<ContextEngine> withCurrent(List<ContextEngine> engines, Daemon daemon) {
        List<ContextEngine> out = new java.util.ArrayList<>();
        out.add(ContextEngine.current(daemon));
        for (ContextEngine engine : engines) {
            if (!engine.name().equals(daemon.context())) {
                out.add(new ContextEngine(engine.name(), engine.host(), false, engine.state(), engine.error(), engine.daemon()));
            }
        }
        return List.copyOf(out);
    }

    /** The engine of a context, current or not. */
    public Optional<ContextEngine> engine(String context) {
        return engines.stream().filter(e -> e.name().equals(context)).findFirst();
    }

    /**
     * The engine a builder runs on and loads into: the context (or docker host) of its first node; the current
     * context's engine when the node names neither (a remote or Kubernetes endpoint).
     */
    public ContextEngine engineOf(Builder builder) {
        String endpoint = builder.nodes().isEmpty() ? daemon.context() : builder.nodes().get(0).endpoint();
        return engines.stream().filter(e -> e.name().equals(endpoint) || (!e.host().isEmpty() && e.host().equals(endpoint)))
                .findFirst().orElse(engines.get(0));
    }

    /** The engines of the other contexts. */
    public List<ContextEngine> otherEngines() {
        return engines.stream().filter(e -> !e.current()).toList();
    }

    public Optional<Builder> builder(String name) {
        return builders.stream().filter(b -> b.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<Builder> currentBuilder() {
        return builders.stream().filter(Builder::current).findFirst();
    }

    public Optional<Store> store(String id) {
        return stores.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
