package dev.buildxlens.core.dockerfile;

import java.util.List;

/** What a Dockerfile build needs: the stages that will run, the external images, and ARG problems in FROM. */
public record DockerfileAnalysis(String file, List<String> stages, String target, List<ImageNeed> images,
                                 List<BuildArgProblem> argProblems) {

    public DockerfileAnalysis {
        stages = List.copyOf(stages);
        images = List.copyOf(images);
        argProblems = List.copyOf(argProblems);
    }
}
