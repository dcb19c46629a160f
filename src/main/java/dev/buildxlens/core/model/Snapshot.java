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
        DockerClient client) {

    public Snapshot {
        client = client == null ? DockerClient.unknown("not looked at") : client;
        builders = List.copyOf(builders);
        stores = List.copyOf(stores);
        registries = List.copyOf(registries);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** A picture whose Docker CLI was not looked at (tests, hand-made worlds). */
    public Snapshot(Instant takenAt, String origin, Daemon daemon, List<Builder> builders, List<Store> stores,
                    List<Registry> registries, List<String> problems, List<String> notes) {
        this(takenAt, origin, daemon, builders, stores, registries, problems, notes, null);
    }

    public Snapshot withClient(DockerClient value) {
        return new Snapshot(takenAt, origin, daemon, builders, stores, registries, problems, notes, value);
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
