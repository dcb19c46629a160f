package dev.buildxlens.core.workflow;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import java.util.Map;

/**
 * One build the simulated runner ran, for the fixes: where it is ({@code job}, 0-based {@code stepIndex}, the
 * {@code line} of the step or command), which builder ran it and the setup-buildx step that made that builder
 * ({@code builderStepIndex}, -1 for the runner's own docker-driver builder or one made in a script), the build's
 * options, its Dockerfile (repository-relative) and analysis, and for each image in the daemon when it ran (by
 * normalised reference) the step that put it there; {@code fromAction} is a build-push-action step of the workflow
 * itself (a patch can edit its inputs), {@code imageStore} the engine's store when it ran, and
 * {@code builderInWords} the builder as people read it ("builder ci", "the builder set up in step 4 (…)" for a made-up name).
 */
public record SimulatedBuild(String job, int stepIndex, int line, String builder, String driver, int builderStepIndex,
                             BuildSpec spec, String dockerfile, DockerfileAnalysis analysis, Map<String, Integer> daemonImageSteps,
                             boolean fromAction, dev.buildxlens.core.model.ImageStoreKind imageStore, String builderInWords) {

    public SimulatedBuild {
        daemonImageSteps = Map.copyOf(daemonImageSteps);
    }
}
