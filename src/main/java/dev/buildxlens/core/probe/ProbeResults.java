package dev.buildxlens.core.probe;

import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Registry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The raw facts one probe gathered, before they are put together: everything {@link SnapshotAssembler}
 * needs, and nothing it has to fetch. {@code endpointKey} is the buildx key of the current endpoint
 * (the context name, or for {@code default} the docker host). {@code otherEngines} are the other contexts' engines
 * as far as they were probed.
 */
public record ProbeResults(
        Instant takenAt,
        List<DockerContext> contexts,
        Daemon daemon,
        String endpointKey,
        BuilderStore builderStore,
        BuildxCli.Listing buildxListing,
        Optional<String> buildxBuilderVariable,
        List<Registry> registries,
        List<String> problems,
        List<ContextEngine> otherEngines) {

    public ProbeResults {
        otherEngines = List.copyOf(otherEngines);
        contexts = List.copyOf(contexts);
        registries = List.copyOf(registries);
        problems = List.copyOf(problems);
    }

    /** The facts of a probe that looked at the current context's engine only. */
    public ProbeResults(Instant takenAt, List<DockerContext> contexts, Daemon daemon, String endpointKey, BuilderStore builderStore,
                        BuildxCli.Listing buildxListing, Optional<String> buildxBuilderVariable, List<Registry> registries,
                        List<String> problems) {
        this(takenAt, contexts, daemon, endpointKey, builderStore, buildxListing, buildxBuilderVariable, registries, problems, List.of());
    }
}
