package dev.buildxlens.core.visibility;

import dev.buildxlens.core.model.Platform;

/**
 * Whether the docker driver uses a local image of one platform for a build that asks for another. The daemon
 * compares normalised platforms (moby PR #42951 fixed {@code arm64} against {@code arm64/v8}, moby#42893).
 */
public final class PlatformMatch {

    private PlatformMatch() {
    }

    public static boolean usesLocal(Platform image, Platform target) {
        return image.sameAs(target);
    }
}
