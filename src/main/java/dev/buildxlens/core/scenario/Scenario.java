package dev.buildxlens.core.scenario;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.model.Snapshot;
import java.util.List;
import java.util.Map;

/**
 * A world that is not the live machine: the same snapshot the probe produces, the build to diagnose (a Dockerfile
 * with its options, or a workflow with its repository files), the lesson's narrative, and the findings the lesson
 * expects (written by hand, checked against the engine by a test).
 */
public record Scenario(String name, String title, String level, String goal, String runner, Snapshot snapshot, Build build,
                       List<String> steps, List<String> expect) {

    public Scenario {
        steps = List.copyOf(steps);
        expect = List.copyOf(expect);
    }

    /**
     * The build: {@code dockerfile} text with the options of its {@code docker buildx build} ({@code spec}, whose
     * Dockerfile is named {@code Dockerfile}), or a {@code workflow} text with {@code files} of its repository.
     */
    /**
     * The lesson's build: a Dockerfile (with its options), or one project file — a GitHub workflow, a compose file, a
     * bake file or a GitLab CI file — with the repository {@code files} it builds.
     */
    public record Build(String dockerfile, BuildSpec spec, String workflow, Map<String, String> files, String compose, String bake,
                        String gitlab) {
        public Build {
            files = Map.copyOf(files);
        }

        public Build(String dockerfile, BuildSpec spec, String workflow, Map<String, String> files) {
            this(dockerfile, spec, workflow, files, null, null, null);
        }

        public boolean isWorkflow() {
            return workflow != null && !workflow.isBlank();
        }

        public boolean isCompose() {
            return compose != null && !compose.isBlank();
        }

        public boolean isBake() {
            return bake != null && !bake.isBlank();
        }

        public boolean isGitlab() {
            return gitlab != null && !gitlab.isBlank();
        }

        /** A build made of several files laid out as a repository (everything but a lone Dockerfile). */
        public boolean isProject() {
            return isWorkflow() || isCompose() || isBake() || isGitlab();
        }

        public boolean isDockerfile() {
            return dockerfile != null && !dockerfile.isBlank();
        }
    }
}
