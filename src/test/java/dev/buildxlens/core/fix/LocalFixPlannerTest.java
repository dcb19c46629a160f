package dev.buildxlens.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalFixPlannerTest {

    private static final Snapshot WORLD = Snapshots.world()
            .localImage("dmca-base:latest")
            .builder("ci", "docker-container", Map.of("image", "moby/buildkit:v0.20.0"))
            .current("ci")
            .build();

    private static List<FixPlan> plans(String dockerfile, List<String> platforms, List<String> cacheTo, Map<String, String> args,
                                       String registry) throws Exception {
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(dockerfile, "app/Dockerfile"),
                new DockerfileInputs(args, List.of(), "", platforms));
        var result = BuildDiagnoser.diagnose(WORLD, new BuildRequest(analysis, "", platforms, false, false, List.of(), cacheTo, false,
                "app/Dockerfile", 1, null, null));
        Diagnosis diagnosis = new Diagnosis(List.of(result.check()), result.findings(), List.of());
        LocalBuild build = new LocalBuild("app/Dockerfile", "app", args, List.of(), "", platforms, false, false, false, List.of(), cacheTo, "");
        return LocalFixPlanner.plan(diagnosis, new LocalFixContext(WORLD, analysis, dockerfile, build, registry));
    }

    private static FixPlan plan(List<FixPlan> plans, String id) {
        return plans.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static String all(FixPlan plan) {
        StringBuilder out = new StringBuilder();
        plan.steps().forEach(s -> s.snippets().forEach(n -> out.append(n.content())));
        return out.toString();
    }

    @Test
    void a_local_image_on_a_container_builder_gets_three_fixes_docker_driver_first() throws Exception {
        List<FixPlan> plans = plans("FROM dmca-base:latest\nRUN true\n", List.of(), List.of(), Map.of(), "localhost:5000");
        assertThat(plans).extracting(FixPlan::id).containsExactly("use-docker-driver", "local-registry-bridge", "oci-layout-context");
        assertThat(plans.get(0).recommended()).isTrue();
        assertThat(plans.get(0).solves()).containsExactly("local-image-invisible");
        assertThat(all(plans.get(0))).contains("docker buildx build --builder default -f app/Dockerfile app")
                .contains("docker buildx use default").contains("export BUILDX_BUILDER=default");
    }

    @Test
    void the_registry_bridge_patches_the_dockerfile_and_adds_a_host_network_builder() throws Exception {
        FixPlan bridge = plan(plans("FROM dmca-base:latest\nRUN true\n", List.of(), List.of(), Map.of(), "localhost:5000"), "local-registry-bridge");
        String text = all(bridge);
        assertThat(text).contains("docker run -d -p 5000:5000 --restart always --name registry registry:2")
                .contains("docker tag dmca-base:latest localhost:5000/dmca-base:latest")
                .contains("docker push localhost:5000/dmca-base:latest")
                .contains("docker buildx create --name ci-hostnet --driver docker-container --driver-opt image=moby/buildkit:v0.20.0 --driver-opt network=host")
                .contains("docker buildx build --builder ci-hostnet -f app/Dockerfile --build-arg BASE_IMAGE=localhost:5000/dmca-base:latest app")
                .contains("-FROM dmca-base:latest\n+ARG BASE_IMAGE=dmca-base:latest\n+FROM ${BASE_IMAGE}\n");
    }

    @Test
    void a_non_loopback_registry_needs_plain_http_config() throws Exception {
        FixPlan bridge = plan(plans("FROM dmca-base:latest\n", List.of(), List.of(), Map.of(), "registry.lan:5000"), "local-registry-bridge");
        assertThat(all(bridge)).contains("[registry.\"registry.lan:5000\"]\n  http = true").doesNotContain("-hostnet");
        assertThat(bridge.prerequisites()).anySatisfy(p -> assertThat(p).contains("--buildkitd-config"));
    }

    @Test
    void a_multi_platform_build_marks_the_docker_driver_as_breaking_it() throws Exception {
        List<FixPlan> plans = plans("FROM dmca-base:latest\n", List.of("linux/amd64", "linux/arm64"), List.of("type=gha"), Map.of(), "localhost:5000");
        FixPlan docker = plan(plans, "use-docker-driver");
        assertThat(docker.recommended()).isFalse();
        assertThat(docker.breaks()).hasSize(2);
        assertThat(plans.get(0).id()).isEqualTo("local-registry-bridge");
        assertThat(plans.get(0).recommended()).isTrue();
    }

    @Test
    void an_existing_arg_is_reused_and_hostile_values_stay_quoted() throws Exception {
        List<FixPlan> plans = plans("ARG BASE=dmca-base:latest\nFROM $BASE\n", List.of(), List.of(),
                Map.of("NOTE", "$(touch /tmp/pwned); echo"), "localhost:5000");
        String text = all(plan(plans, "local-registry-bridge"));
        assertThat(text).doesNotContain("dockerfile-patch").contains("--build-arg BASE=localhost:5000/dmca-base:latest")
                .contains("--build-arg 'NOTE=$(touch /tmp/pwned); echo'");
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\"'\"'s'");
    }

    @Test
    void every_finding_names_a_fix_from_the_catalog() {
        for (var kind : dev.buildxlens.core.diagnose.FindingKind.values()) {
            if (kind.severity() != dev.buildxlens.core.diagnose.Severity.INFO) {
                assertThat(kind.fixes()).as(kind.id()).isNotEmpty();
            }
            kind.fixes().forEach(FixKind::byId);
        }
    }
}
