package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Snapshot;
import java.util.List;

/**
 * Fills in what an image list does not say about the local images a build needs: their platforms
 * ({@code /images/json} has none; {@code docker image inspect} does, buildx-facts §9.8). Asking for every image
 * would cost a request each, so only the build's own images are looked up, once the Dockerfile is read. A lesson's
 * snapshot already carries them: {@link #NONE}.
 */
@FunctionalInterface
public interface ImageDetails {

    ImageDetails NONE = (snapshot, needed) -> snapshot;

    /** The snapshot with the needed images' details filled in where they can be read; never fails. */
    Snapshot complete(Snapshot snapshot, List<ImageReference> needed);
}
