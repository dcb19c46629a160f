package dev.buildxlens.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder switch for a whole Compose project or Bake run (compose#9939): one {@code --builder} on the project's own
 * command, or {@code docker buildx use}; refused, with the reason, when the docker driver with the classic image store
 * cannot build the project (several platforms: buildx-facts §4.1).
 */
class ProjectBuilderSwitchTest {

    @TempDir
    Path dir;

    private static final Snapshot WORLD = Snapshots.world().localImage("my-base:latest")
            .builder("ci", "docker-container", Map.of()).current("ci").build();

    private Path project(String composeText) throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM my-base:latest\n");
        return Files.writeString(dir.resolve("compose.yaml"), composeText);
    }

    private static PipelineResult run(BuildInput input, Snapshot world) throws Exception {
        return DiagnosisPipeline.run(input, () -> world, FixChoices.defaults());
    }

    private static List<String> commands(FixPlan plan) {
        return plan.steps().stream().flatMap(s -> s.snippets().stream()).map(Snippet::content).toList();
    }

    @Test
    void compose_gets_one_builder_for_every_service_with_the_files_and_services_it_was_given() throws Exception {
        Path compose = project("services:\n  app:\n    build: ./app\n  other:\n    build: ./app\n");
        Path override = Files.writeString(dir.resolve("compose.ci.yaml"), "services: {}\n");
        PipelineResult result = run(new ComposeBuildInput(List.of(compose, override), dir, List.of("app", "other"), "", Map.of()), WORLD);
        assertThat(result.diagnosis().findings()).extracting(Finding::id).containsExactly("local-image-invisible", "local-image-invisible");
        List<FixPlan> plans = result.fixes().plans();
        assertThat(plans).singleElement().satisfies(plan -> {
            assertThat(plan.id()).isEqualTo("use-docker-driver");
            assertThat(plan.findingKeys()).as("one switch for both services").hasSize(2);
            assertThat(commands(plan)).containsExactly(
                    "docker compose -f compose.yaml -f compose.ci.yaml build --builder default app other\n",
                    "docker buildx use default\ndocker compose -f compose.yaml -f compose.ci.yaml build app other\n");
        });
        for (Finding finding : result.diagnosis().findings()) {
            assertThat(result.fixesFor(finding)).extracting(FixPlan::id).containsExactly("use-docker-driver");
            assertThat(result.fixes().notOfferedFor(finding.key())).extracting(n -> n.kind().id())
                    .containsExactly("local-registry-bridge", "oci-layout-context");
        }
    }

    @Test
    void bake_keeps_its_targets_and_sets() throws Exception {
        project("services: {}\n");
        Files.writeString(dir.resolve("docker-bake.hcl"), "target \"app\" {\n  context = \"app\"\n}\n");
        PipelineResult result = run(new BakeBuildInput(dir, List.of("docker-bake.hcl"), List.of("app"), List.of("app.args.X=1"), "", Map.of()),
                WORLD);
        FixPlan plan = result.fixes().plans().stream().filter(p -> p.id().equals("use-docker-driver")).findFirst().orElseThrow();
        assertThat(commands(plan)).first().isEqualTo("docker buildx bake -f docker-bake.hcl --builder default app --set app.args.X=1\n");
    }

    @Test
    void several_platforms_on_the_classic_store_are_not_offered_the_switch_and_say_why() throws Exception {
        Path compose = project("services:\n  app:\n    build:\n      context: ./app\n      platforms: [linux/amd64, linux/arm64]\n");
        PipelineResult result = run(new ComposeBuildInput(List.of(compose), dir, List.of(), "", Map.of()), WORLD);
        Finding invisible = result.diagnosis().findings().stream().filter(f -> f.id().equals("local-image-invisible")).findFirst().orElseThrow();
        assertThat(result.fixesFor(invisible)).extracting(FixPlan::id).doesNotContain("use-docker-driver");
        assertThat(result.fixes().notOfferedFor(invisible.key())).filteredOn(n -> n.kind().id().equals("use-docker-driver"))
                .extracting(NotOffered::reason).singleElement().asString()
                .contains("cannot build this project").contains("several platforms (linux/amd64,linux/arm64)");

        // With the containerd image store the docker driver builds several platforms: the switch is offered.
        Snapshot containerd = Snapshots.world().containerdStore().localImage("my-base:latest")
                .builder("ci", "docker-container", Map.of()).current("ci").build();
        PipelineResult onContainerd = run(new ComposeBuildInput(List.of(compose), dir, List.of(), "", Map.of()), containerd);
        assertThat(onContainerd.fixes().plans()).extracting(FixPlan::id).contains("use-docker-driver");
    }
}
