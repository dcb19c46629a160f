package dev.buildxlens.core.report;

import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where else a daemon image lives: registry tags whose manifest digest is one of the image's repo digests,
 * so the snapshot can say "{@code dmca-base:latest} is in the daemon store, and in {@code localhost:5000} as
 * {@code foo/bar:latest}". A pure function of the snapshot.
 */
public final class ImageLocations {

    private final Map<String, List<String>> registryRefsByDigest = new HashMap<>();

    public ImageLocations(Snapshot snapshot) {
        for (Registry registry : snapshot.registries()) {
            for (Registry.RegistryRepository repository : registry.repositories()) {
                for (Registry.RegistryTag tag : repository.tags()) {
                    if (!tag.digest().isEmpty()) {
                        registryRefsByDigest.computeIfAbsent(tag.digest(), d -> new ArrayList<>())
                                .add(registry.host() + "/" + repository.name() + ":" + tag.tag());
                    }
                }
            }
        }
    }

    /** Registry references ({@code localhost:5000/foo/bar:latest}) that hold the same image. */
    public List<String> registryCopies(Image image) {
        List<String> out = new ArrayList<>();
        for (String repoDigest : image.digests()) {
            int at = repoDigest.indexOf('@');
            String digest = at >= 0 ? repoDigest.substring(at + 1) : repoDigest;
            for (String ref : registryRefsByDigest.getOrDefault(digest, List.of())) {
                if (!out.contains(ref)) {
                    out.add(ref);
                }
            }
        }
        return out;
    }
}
