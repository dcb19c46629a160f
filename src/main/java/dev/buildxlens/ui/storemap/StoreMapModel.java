package dev.buildxlens.ui.storemap;

import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.Store;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.core.model.StoreKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The store map as data: builders on one side, stores on the other, one edge per verdict; and the answers to the
 * two questions the view asks (what does this builder see, where is this image). Pure: no JavaFX.
 *
 * <p>{@code engines}: the builders grouped by the engine (Docker context) they run on, the current context's first;
 * the view draws a heading per engine and folds away the engines not being looked at once there are several.
 */
public record StoreMapModel(List<BuilderCard> builders, List<StoreCard> stores, List<Edge> edges, List<EngineGroup> engines) {

    /**
     * The builders on one engine, and the stores that belong to them alone (each builder's own BuildKit store): folded
     * with them. Engines' image stores and registries are never folded: they are what every builder is compared with.
     */
    public record EngineGroup(String context, boolean current, List<String> builders, List<String> ownStores) {
        public EngineGroup {
            builders = List.copyOf(builders);
            ownStores = List.copyOf(ownStores);
        }
    }

    public StoreMapModel {
        builders = List.copyOf(builders);
        stores = List.copyOf(stores);
        edges = List.copyOf(edges);
        engines = List.copyOf(engines);
    }

    public static final StoreMapModel EMPTY = new StoreMapModel(List.of(), List.of(), List.of(), List.of());

    /** The engine group a builder is in; empty for a builder the model does not have. */
    public java.util.Optional<EngineGroup> engineOf(String builder) {
        return engines.stream().filter(g -> g.builders().contains(builder)).findFirst();
    }

    /** True when the builders run on more than one engine: only then are they grouped. */
    public boolean grouped() {
        return engines.size() > 1;
    }

    public record BuilderCard(String name, String driver, String status, boolean current, String detail) {
    }

    public record StoreCard(String id, StoreKind kind, String name, String description) {
    }

    public record Edge(String builder, String store, Access access, String reason) {
    }

    public static StoreMapModel of(Snapshot snapshot) {
        List<BuilderCard> builders = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        java.util.Map<String, List<String>> byEngine = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<String>> ownStores = new java.util.LinkedHashMap<>();
        // The current engine first, as the snapshot orders them; an engine without builders gets no heading.
        java.util.Set<String> storeIds = new java.util.HashSet<>();
        snapshot.stores().forEach(store -> storeIds.add(store.id()));
        List<Builder> ordered = new ArrayList<>(snapshot.builders());
        List<String> engineOrder = snapshot.engines().stream().map(dev.buildxlens.core.model.ContextEngine::name).toList();
        ordered.sort(java.util.Comparator.comparingInt(b -> engineOrder.indexOf(snapshot.engineOf(b).name())));
        for (Builder builder : ordered) {
            String engine = snapshot.engineOf(builder).name();
            byEngine.computeIfAbsent(engine, e -> new ArrayList<>()).add(builder.name());
            String own = dev.buildxlens.core.model.StoreIds.buildkit(builder.name());
            if (storeIds.contains(own)) {
                ownStores.computeIfAbsent(engine, e -> new ArrayList<>()).add(own);
            }
            String opts = builder.nodes().isEmpty() ? "" : builder.nodes().get(0).driverOpts().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().reduce((a, b) -> a + ", " + b).orElse("");
            // A made-up name (a runner's builder-<uuid>) says which step made it.
            String detail = builder.madeBy().isEmpty() ? opts : builder.madeBy() + (opts.isEmpty() ? "" : " · " + opts);
            builders.add(new BuilderCard(builder.name(), builder.driver(), builder.status(), builder.current(), detail));
            for (StoreAccess access : builder.access()) {
                edges.add(new Edge(builder.name(), access.storeId(), access.access(), access.reason()));
            }
        }
        List<StoreCard> stores = new ArrayList<>();
        for (Store store : snapshot.stores()) {
            stores.add(new StoreCard(store.id(), store.kind(), store.name(), store.description()));
        }
        List<EngineGroup> engines = new ArrayList<>();
        byEngine.forEach((engine, names) -> engines.add(new EngineGroup(engine,
                engine.equals(snapshot.engines().get(0).name()), names, ownStores.getOrDefault(engine, List.of()))));
        return new StoreMapModel(builders, stores, edges, engines);
    }

    /** The stores a builder's FROM can resolve from. */
    public Set<String> readableBy(String builder) {
        Set<String> out = new LinkedHashSet<>();
        edges.stream().filter(e -> e.builder().equals(builder) && e.access() == Access.CAN_READ).forEach(e -> out.add(e.store()));
        return out;
    }

    /**
     * The stores that hold an image matching {@code query} (a tag, part of one, or an id prefix): the daemon store by
     * its tags, registries by their listed repositories, and the registry an image was pulled from.
     */
    public static Set<String> storesHolding(Snapshot snapshot, String query) {
        Set<String> out = new LinkedHashSet<>();
        String needle = query.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return out;
        }
        ImageReference asReference = ImageReference.parseOrNull(query.trim());
        for (Image image : snapshot.daemon().images()) {
            boolean match = image.id().toLowerCase(Locale.ROOT).startsWith("sha256:" + needle) || image.tags().stream()
                    .anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle)
                            || asReference != null && asReference.normalized().equals(normalized(t)));
            if (match) {
                out.add(snapshot.daemon().storeId());
            }
        }
        for (Registry registry : snapshot.registries()) {
            for (Registry.RegistryRepository repository : registry.repositories()) {
                for (Registry.RegistryTag tag : repository.tags()) {
                    String ref = registry.host() + "/" + repository.name() + ":" + tag.tag();
                    if (ref.toLowerCase(Locale.ROOT).contains(needle) || (repository.name() + ":" + tag.tag()).contains(needle)) {
                        out.add(registry.storeId());
                    }
                }
            }
        }
        return out;
    }

    /** Builders that can read at least one of {@code stores}. */
    public Set<String> buildersReading(Set<String> stores) {
        Set<String> out = new LinkedHashSet<>();
        edges.stream().filter(e -> e.access() == Access.CAN_READ && stores.contains(e.store())).forEach(e -> out.add(e.builder()));
        return out;
    }

    private static String normalized(String tag) {
        return ImageReference.normalize(tag);
    }
}
