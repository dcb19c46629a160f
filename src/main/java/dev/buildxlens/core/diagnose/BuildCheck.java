package dev.buildxlens.core.diagnose;

import java.util.List;
import java.util.Map;

/**
 * One build (a Dockerfile build, or a build step of a workflow): where it is written, which builder runs it, and
 * its images.
 */
public record BuildCheck(String file, int line, String job, String step, BuilderSummary builder, List<ImageCheck> images, BuildUnit unit) {

    public BuildCheck(String file, int line, String job, String step, BuilderSummary builder, List<ImageCheck> images) {
        this(file, line, job, step, builder, images, null);
    }

    public BuildCheck {
        images = List.copyOf(images);
    }

    /** The builder as data ({@code name}, its id) and as people read it ({@code displayName}, see Builder#displayName). */
    public record BuilderSummary(String name, String driver, Map<String, String> driverOpts, String displayName) {
        public BuilderSummary {
            driverOpts = Map.copyOf(driverOpts);
            displayName = displayName == null || displayName.isEmpty() ? name : displayName;
        }

        public BuilderSummary(String name, String driver, Map<String, String> driverOpts) {
            this(name, driver, driverOpts, name);
        }

        /** "ci (docker-container)", or "the builder set up in step 2 (docker/setup-buildx-action), a docker-container builder". */
        public String inWords() {
            return displayName.equals(name) ? name + " (" + driver + ")" : displayName + ", a " + driver + " builder";
        }
    }

    public BuildCheck withImages(List<ImageCheck> value) {
        return new BuildCheck(file, line, job, step, builder, value, unit);
    }
}
