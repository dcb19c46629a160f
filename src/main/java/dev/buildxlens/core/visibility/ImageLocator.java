package dev.buildxlens.core.visibility;

import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.StoreIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an image reference is known to be in a snapshot: the daemon's store (by tag, or by repo digest), a
 * registry that was listed, or, when the daemon image carries a repo digest for the same repository, the
 * registry it was pulled from or pushed to.
 */
public final class ImageLocator {

    /** Each engine's images by normalised tag, for the snapshot analysed last (compared by identity, not equals). */
    private record TagIndex(Snapshot snapshot, Map<String, Map<String, List<Image>>> byEngine) {
    }

    private static volatile TagIndex lastIndex;

    private ImageLocator() {
    }

    /**
     * The store ids holding the reference: the current daemon's, another context's engine ({@code daemon:<context>})
     * when it answered, a registry that was listed, or the registry a local image carries a repo digest of.
     */
    public static List<String> foundIn(Snapshot snapshot, ImageReference reference) {
        List<String> stores = new ArrayList<>();
        for (ContextEngine engine : snapshot.engines()) {
            Daemon daemon = engine.current() ? snapshot.daemon() : engine.daemon();
            for (Image image : localImages(snapshot, daemon, reference)) {
                add(stores, daemon.storeId());
                if (engine.current() && hasRepoDigestFor(image, reference)) {
                    add(stores, StoreIds.registry(reference.domain()));
                }
            }
        }
        for (Registry registry : snapshot.registries()) {
            if (!registry.host().equals(reference.domain())) {
                continue;
            }
            for (Registry.RegistryRepository repository : registry.repositories()) {
                if (!repository.name().equals(reference.path())) {
                    continue;
                }
                for (Registry.RegistryTag tag : repository.tags()) {
                    boolean tagMatches = reference.digest().isEmpty() && tag.tag().equals(reference.tag());
                    boolean digestMatches = !reference.digest().isEmpty() && tag.digest().equals(reference.digest());
                    if (tagMatches || digestMatches) {
                        add(stores, registry.storeId());
                    }
                }
            }
        }
        return stores;
    }

    /** The images of one engine of the snapshot that carry the reference (by tag, or by repo digest). */
    public static List<Image> localImages(Snapshot snapshot, Daemon daemon, ImageReference reference) {
        // A tag is looked up in an index; a digest (rare) still walks the images.
        Iterable<Image> candidates = reference.digest().isEmpty()
                ? tagIndex(snapshot, daemon).getOrDefault(reference.normalized(), List.of()) : daemon.images();
        List<Image> out = new ArrayList<>(1);
        for (Image image : candidates) {
            if (inDaemonImage(image, reference)) {
                out.add(image);
            }
        }
        return out;
    }

    /**
     * Parsing every tag of every image for every FROM was 150 ms per build at 10,000 images (measured with
     * src/test/bench/core.sh); the index parses each tag once per snapshot and engine.
     */
    private static Map<String, List<Image>> tagIndex(Snapshot snapshot, Daemon daemon) {
        TagIndex index = lastIndex;
        if (index == null || index.snapshot() != snapshot) {
            index = new TagIndex(snapshot, new java.util.concurrent.ConcurrentHashMap<>());
            lastIndex = index;
        }
        return index.byEngine().computeIfAbsent(daemon.storeId(), id -> byTag(daemon));
    }

    private static Map<String, List<Image>> byTag(Daemon daemon) {
        Map<String, List<Image>> byTag = new HashMap<>();
        for (Image image : daemon.images()) {
            for (String tag : image.tags()) {
                ImageReference local = ImageReference.parseOrNull(tag);
                if (local != null) {
                    List<Image> images = byTag.computeIfAbsent(local.normalized(), key -> new ArrayList<>(1));
                    if (!images.contains(image)) {
                        images.add(image);
                    }
                }
            }
        }
        return byTag;
    }

    /** True when the registry was listed completely, so "not there" means not there. */
    public static boolean registryListed(Snapshot snapshot, String host) {
        return snapshot.registries().stream().anyMatch(r -> r.host().equals(host) && r.queried() && r.reachable() && !r.truncated());
    }

    /** True when a listed registry holds any tag of the repository. */
    public static boolean repositoryListed(Snapshot snapshot, String host, String repository) {
        return snapshot.registries().stream().filter(r -> r.host().equals(host))
                .flatMap(r -> r.repositories().stream()).anyMatch(r -> r.name().equals(repository) && !r.tags().isEmpty());
    }

    public static boolean registryKnown(Snapshot snapshot, String host) {
        return snapshot.registries().stream().anyMatch(r -> r.host().equals(host) && (!r.queried() || r.reachable()));
    }

    private static boolean inDaemonImage(Image image, ImageReference reference) {
        if (!reference.digest().isEmpty()) {
            return hasRepoDigestFor(image, reference) && image.digests().stream().anyMatch(d -> d.endsWith("@" + reference.digest()));
        }
        for (String tag : image.tags()) {
            ImageReference local = ImageReference.parseOrNull(tag);
            if (local != null && local.normalized().equals(reference.normalized())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasRepoDigestFor(Image image, ImageReference reference) {
        for (String repoDigest : image.digests()) {
            ImageReference local = ImageReference.parseOrNull(repoDigest);
            if (local != null && local.name().equals(reference.name())) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<String> stores, String id) {
        if (!stores.contains(id)) {
            stores.add(id);
        }
    }
}
