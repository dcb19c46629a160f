package dev.buildxlens.core.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.scenario.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolutionStepsTest {

    private static List<ResolutionSteps.Outcome> outcomes(List<ResolutionSteps.Step> steps) {
        return steps.stream().map(ResolutionSteps.Step::outcome).toList();
    }

    @Test
    void a_container_builder_skips_the_daemon_and_its_cache_then_fails_at_docker_hub() throws Exception {
        Snapshot world = Scenarios.builtIn("laptop-loaded-base").snapshot();
        List<ResolutionSteps.Step> steps = ResolutionSteps.of(world, world.builder("mybuilder").orElseThrow(), "my-base:latest", null);
        assertThat(outcomes(steps)).containsExactly(ResolutionSteps.Outcome.NOT_HERE, ResolutionSteps.Outcome.SKIPPED,
                ResolutionSteps.Outcome.SKIPPED, ResolutionSteps.Outcome.FAILS);
        assertThat(steps).extracting(ResolutionSteps.Step::storeId)
                .containsExactly(null, "daemon:default", "buildkit:mybuilder", "registry:docker.io");
        assertThat(steps.get(1).explanation()).contains("even though my-base:latest is in it");
        assertThat(steps.get(2).explanation()).contains("layers by digest, never names");
        assertThat(steps.get(3).errorText()).isEqualTo("ERROR: failed to solve: my-base:latest: failed to resolve source metadata for "
                + "docker.io/library/my-base:latest: pull access denied, repository does not exist or may require authorization: "
                + "server message: insufficient_scope: authorization failed");
    }

    @Test
    void the_docker_driver_finds_it_in_the_daemon_store() throws Exception {
        Snapshot world = Scenarios.builtIn("laptop-loaded-base").snapshot();
        List<ResolutionSteps.Step> steps = ResolutionSteps.of(world, world.builder("default").orElseThrow(), "my-base:latest", null);
        assertThat(outcomes(steps)).containsExactly(ResolutionSteps.Outcome.NOT_HERE, ResolutionSteps.Outcome.FOUND);
    }

    @Test
    void hub_images_and_named_contexts() throws Exception {
        Snapshot world = Scenarios.builtIn("laptop-loaded-base").snapshot();
        var builder = world.builder("mybuilder").orElseThrow();
        // alpine was pulled: its repo digest says Docker Hub has it. nginx is nowhere here, and Docker Hub is not
        // queried: the builder asks it, but whether it is there is not checked.
        assertThat(outcomes(ResolutionSteps.of(world, builder, "alpine:3.20", null))).endsWith(ResolutionSteps.Outcome.FOUND);
        assertThat(outcomes(ResolutionSteps.of(world, builder, "nginx:1.27", null))).endsWith(ResolutionSteps.Outcome.ASSUMED);
        assertThat(outcomes(ResolutionSteps.of(world, builder, "my-base", new NamedContext("my-base", "oci-layout:///tmp/base:1"))))
                .containsExactly(ResolutionSteps.Outcome.FOUND);
        List<ResolutionSteps.Step> viaImage = ResolutionSteps.of(world, builder, "my-base", new NamedContext("my-base", "docker-image://my-base:latest"));
        assertThat(viaImage.get(0).explanation()).contains("passes it to BuildKit unchanged");
        assertThat(viaImage.get(viaImage.size() - 1).outcome()).isEqualTo(ResolutionSteps.Outcome.FAILS);
    }
}
