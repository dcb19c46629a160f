package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioExport;
import dev.buildxlens.core.scenario.ScenarioLoader;
import dev.buildxlens.testing.DockerTestSupport;
import dev.buildxlens.testing.TestBuilderStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live machine exported as a scenario loads back as the same world, without its secrets. */
class ExportScenarioDockerTest {

    @Test
    void an_exported_live_snapshot_loads_back_identically_minus_secrets(@TempDir Path temp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String image = "lens-export-" + run + "/base";
        try (DockerTestSupport.Daemon daemon = DockerTestSupport.connect()) {
            DockerTestSupport.importImage(daemon, image, "1", "export " + run);
            try {
                TestBuilderStore store = TestBuilderStore.in(temp)
                        .builder("lensexport", "docker-container", daemon.host(), Map.of("env.GITHUB_TOKEN", "ghp_do_not_leak", "network", "host"))
                        .current(daemon.host(), "lensexport");
                Snapshot live = LiveProbe.forEnvironment(store.environment(daemon.host()), LiveProbe.Options.defaults()).take();

                ScenarioExport.Export export = ScenarioExport.export(live, "my-machine", false);
                assertThat(export.yaml()).doesNotContain("ghp_do_not_leak");
                assertThat(export.redacted()).contains("driver option env.GITHUB_TOKEN of builder lensexport");
                Scenario loaded = ScenarioLoader.parse(export.yaml(), "my-machine.yml");
                Snapshot world = loaded.snapshot();

                assertThat(tags(world)).isEqualTo(tags(live));
                assertThat(world.currentBuilder().map(Builder::name)).isEqualTo(live.currentBuilder().map(Builder::name));
                for (Builder builder : live.builders()) {
                    if (builder.fromDockerContext() && !builder.name().equals(live.daemon().context())) {
                        continue;
                    }
                    Builder twin = world.builder(builder.name()).orElseThrow();
                    assertThat(twin.driver()).isEqualTo(builder.driver());
                    assertThat(twin.canRead()).as(builder.name()).isEqualTo(builder.canRead());
                }
                String dockerfile = "FROM " + image + ":1\n";
                assertThat(findings(world, dockerfile)).isEqualTo(findings(live, dockerfile)).containsExactly("local-image-invisible");
            } finally {
                DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(image + ":1").withForce(true).exec());
            }
        }
    }

    private static Set<String> tags(Snapshot snapshot) {
        return snapshot.daemon().images().stream().flatMap(i -> i.tags().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> findings(Snapshot snapshot, String dockerfile) throws Exception {
        var analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(dockerfile, "Dockerfile"), DockerfileInputs.none());
        return BuildDiagnoser.diagnose(snapshot, new BuildRequest(analysis, dev.buildxlens.core.build.BuildSpec.newBuilder().dockerfile("Dockerfile").build(),
                dev.buildxlens.core.diagnose.BuildSite.local("Dockerfile"))).findings().stream().map(Finding::id).toList();
    }
}
