package dev.buildxlens.core.probe;

import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Registry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The raw facts one probe gathered, before they are put together: everything {@link SnapshotAssembler}
 * needs, and nothing it has to fetch. {@code endpointKey} is the buildx key of the current endpoint
 * (the context name, or for {@code default} the docker host).
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
        List<String> problems) {

    public ProbeResults {
        contexts = List.copyOf(contexts);
        registries = List.copyOf(registries);
        problems = List.copyOf(problems);
    }
}
