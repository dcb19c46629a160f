package dev.buildxlens.core.diagnose;

import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.StoreIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an image reference is known to be in a snapshot: the daemon's store (by tag, or by repo digest), a
 * registry that was listed, or, when the daemon image carries a repo digest for the same repository, the
 * registry it was pulled from or pushed to.
 */
public final class ImageLocator {

    private ImageLocator() {
    }

    public static List<String> foundIn(Snapshot snapshot, ImageReference reference) {
        List<String> stores = new ArrayList<>();
        for (Image image : snapshot.daemon().images()) {
            if (inDaemonImage(image, reference)) {
                add(stores, snapshot.daemon().storeId());
                if (hasRepoDigestFor(image, reference)) {
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

    /** True when the registry was listed completely, so "not there" means not there. */
    public static boolean registryListed(Snapshot snapshot, String host) {
        return snapshot.registries().stream().anyMatch(r -> r.host().equals(host) && r.queried() && r.reachable() && !r.truncated());
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
