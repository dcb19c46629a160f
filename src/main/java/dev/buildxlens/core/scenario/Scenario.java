package dev.buildxlens.core.scenario;

import dev.buildxlens.core.dockerfile.NamedContext;
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

    /** The build: {@code dockerfile} text, or a {@code workflow} text with {@code files} of its repository. */
    public record Build(String dockerfile, Map<String, String> buildArgs, List<NamedContext> contexts, String target,
                        List<String> platforms, String builder, boolean load, boolean push, boolean pull, List<String> outputs,
                        List<String> cacheTo, String workflow, Map<String, String> files) {
        public Build {
            buildArgs = Map.copyOf(buildArgs);
            contexts = List.copyOf(contexts);
            platforms = List.copyOf(platforms);
            outputs = List.copyOf(outputs);
            cacheTo = List.copyOf(cacheTo);
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
