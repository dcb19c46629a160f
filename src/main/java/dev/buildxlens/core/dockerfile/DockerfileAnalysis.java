package dev.buildxlens.core.dockerfile;

import java.util.List;

/**
 * What a Dockerfile build needs: the stages that will run, the external images, ARG problems in FROM, and the syntax
 * only BuildKit builds (which decides whether the legacy builder is a way out).
 */
public record DockerfileAnalysis(String file, List<String> stages, String target, List<ImageNeed> images,
                                 List<BuildArgProblem> argProblems, List<BuildKitOnly.Use> buildkitOnly) {

    public DockerfileAnalysis {
        stages = List.copyOf(stages);
        images = List.copyOf(images);
        argProblems = List.copyOf(argProblems);
        buildkitOnly = List.copyOf(buildkitOnly);
    }
}
