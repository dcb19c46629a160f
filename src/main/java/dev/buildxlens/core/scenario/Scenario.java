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
    public record Build(String dockerfile, BuildSpec spec, String workflow, Map<String, String> files) {
        public Build {
            files = Map.copyOf(files);
        }

        public boolean isWorkflow() {
            return workflow != null && !workflow.isBlank();
        }

        public boolean isDockerfile() {
            return dockerfile != null && !dockerfile.isBlank();
        }
    }
}
