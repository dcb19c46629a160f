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
 */
public record StoreMapModel(List<BuilderCard> builders, List<StoreCard> stores, List<Edge> edges) {

    public record BuilderCard(String name, String driver, String status, boolean current, String detail) {
    }

    public record StoreCard(String id, StoreKind kind, String name, String description) {
    }

    public record Edge(String builder, String store, Access access, String reason) {
    }

    public static StoreMapModel of(Snapshot snapshot) {
        List<BuilderCard> builders = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Builder builder : snapshot.builders()) {
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
        return new StoreMapModel(builders, stores, edges);
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
        ImageReference reference = ImageReference.parseOrNull(tag);
        return reference == null ? tag : reference.normalized();
    }
}
