package dev.buildxlens.core.diagnose;

import java.util.List;
import java.util.Map;

/**
 * One build (a Dockerfile build, or a build step of a workflow): where it is written, which builder runs it, and
 * its images.
 */
public record BuildCheck(String file, int line, String job, String step, BuilderSummary builder, List<ImageCheck> images) {

    public BuildCheck {
        images = List.copyOf(images);
    }

    public record BuilderSummary(String name, String driver, Map<String, String> driverOpts) {
        public BuilderSummary {
            driverOpts = Map.copyOf(driverOpts);
        }
    }

    public BuildCheck withImages(List<ImageCheck> value) {
        return new BuildCheck(file, line, job, step, builder, value);
    }
}
