package dev.buildxlens.core.diagnose;

import java.util.List;

/** One image a build needs: where it was found (store ids) and whether the build's builder can see it. */
public record ImageCheck(String ref, String normalized, String instruction, String file, int line, String stage,
                         List<String> foundIn, boolean visible) {

    public ImageCheck {
        foundIn = List.copyOf(foundIn);
    }
}
