package dev.buildxlens.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.model.DockerClient;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.pipeline.DiagnosisPipeline;
import dev.buildxlens.core.pipeline.DockerfileBuild;
import dev.buildxlens.core.pipeline.FixChoices;
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

    private static FixPlans fixes(Snapshot world, String dockerfile, BuildSpec.Builder spec, String registry) throws Exception {
        return DiagnosisPipeline.run(new DockerfileBuild(spec.dockerfile("app/Dockerfile").contextDir("app").build(), dockerfile),
                () -> world, new FixChoices(registry)).fixes();
    }

    private static List<FixPlan> plans(String dockerfile, List<String> platforms, List<String> cacheTo, Map<String, String> args,
                                       String registry) throws Exception {
        return fixes(WORLD, dockerfile, BuildSpec.newBuilder().platforms(platforms).cacheTo(cacheTo).buildArgs(args), registry).plans();
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
        assertThat(plans.get(0).findingKeys()).containsExactly("local-image-invisible image=dmca-base:latest at=app/Dockerfile:1");
        assertThat(plans.get(0).prerequisites()).noneMatch(p -> p.contains("buildx plugin"));
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
        assertThat(bridge.prerequisites()).anySatisfy(p -> assertThat(p).contains("registry:2 image"));
    }

    @Test
    void a_non_loopback_registry_needs_plain_http_config_and_a_trusting_daemon() throws Exception {
        FixPlan bridge = plan(plans("FROM dmca-base:latest\n", List.of(), List.of(), Map.of(), "registry.lan:5000"), "local-registry-bridge");
        assertThat(all(bridge)).contains("[registry.\"registry.lan:5000\"]\n  http = true").doesNotContain("-hostnet");
        assertThat(bridge.prerequisites()).anySatisfy(p -> assertThat(p).contains("--buildkitd-config"))
                .anySatisfy(p -> assertThat(p).contains("insecure-registries"));
    }

    @Test
    void a_multi_platform_build_is_not_offered_the_docker_driver_and_says_why() throws Exception {
        FixPlans fixes = fixes(WORLD, "FROM dmca-base:latest\n", BuildSpec.newBuilder().platforms(List.of("linux/amd64", "linux/arm64"))
                .cacheTo(List.of("type=gha")), "localhost:5000");
        assertThat(fixes.plans()).extracting(FixPlan::id).doesNotContain("use-docker-driver");
        assertThat(fixes.notOffered()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(FixKind.USE_DOCKER_DRIVER);
            assertThat(n.reason()).contains("several platforms").contains("cache export (--cache-to type=gha)");
        });
        assertThat(fixes.plans().get(0).id()).isEqualTo("local-registry-bridge");
        assertThat(fixes.plans().get(0).recommended()).isTrue();
    }

    @Test
    void an_existing_arg_is_reused_and_hostile_values_stay_quoted() throws Exception {
        List<FixPlan> plans = plans("ARG BASE=dmca-base:latest\nFROM $BASE\n", List.of(), List.of(),
                Map.of("NOTE", "$(touch /tmp/pwned); echo"), "localhost:5000");
        FixPlan bridge = plan(plans, "local-registry-bridge");
        assertThat(all(bridge)).doesNotContain("+++").contains("--build-arg BASE=localhost:5000/dmca-base:latest")
                .contains("--build-arg 'NOTE=$(touch /tmp/pwned); echo'");
        assertThat(bridge.alreadyDone()).singleElement().satisfies(d -> assertThat(d).contains("ARG BASE"));
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\"'\"'s'");
    }

    @Test
    void an_arg_without_default_gets_a_placeholder_never_an_invented_image() throws Exception {
        List<FixPlan> plans = plans("ARG BASE\nFROM $BASE\n", List.of(), List.of(), Map.of(), "localhost:5000");
        FixPlan fix = plan(plans, "add-arg-default");
        assertThat(all(fix)).contains("ARG BASE=<your-base-image>").contains("--build-arg 'BASE=<your-base-image>'")
                .doesNotContain("alpine");
        assertThat(fix.steps().get(0).title()).contains("replace <your-base-image>");
    }

    @Test
    void without_the_plugin_an_old_client_gets_the_daemons_buildkit_and_a_new_one_the_legacy_builder() throws Exception {
        Snapshot old = Snapshots.world().localImage("dmca-base:latest").builder("ci", "docker-container", Map.of()).current("ci")
                .client(new DockerClient("/usr/bin/docker", "20.10.24+dfsg1", DockerClient.Plugin.MISSING, "", "not installed", "linux")).build();
        FixPlans fixes = fixes(old, "FROM dmca-base:latest\n", BuildSpec.newBuilder(), "localhost:5000");
        assertThat(all(plan(fixes.plans(), "use-docker-driver"))).isEqualTo("DOCKER_BUILDKIT=1 docker build -f app/Dockerfile app\n");
        assertThat(plan(fixes.plans(), "use-docker-driver").prerequisites()).noneMatch(p -> p.contains("buildx plugin"));
        assertThat(plan(fixes.plans(), "local-registry-bridge").prerequisites())
                .anySatisfy(p -> assertThat(p).contains("the docker buildx plugin, which is not installed here").contains("docker-buildx"));

        Snapshot recent = Snapshots.world().localImage("dmca-base:latest").builder("ci", "docker-container", Map.of()).current("ci")
                .client(new DockerClient("/usr/local/bin/docker", "28.2.2", DockerClient.Plugin.MISSING, "", "not installed", "linux")).build();
        assertThat(all(plan(fixes(recent, "FROM dmca-base:latest\nRUN true\n", BuildSpec.newBuilder(), "localhost:5000").plans(), "use-docker-driver")))
                .isEqualTo("DOCKER_BUILDKIT=0 docker build -f app/Dockerfile app\n");
        FixPlans mount = fixes(recent, "FROM dmca-base:latest\nRUN --mount=type=cache,target=/c true\n", BuildSpec.newBuilder(), "localhost:5000");
        assertThat(mount.plans()).extracting(FixPlan::id).doesNotContain("use-docker-driver");
        assertThat(mount.notOffered()).anySatisfy(n -> assertThat(n.reason()).contains("legacy builder").contains("RUN --mount (line 2)"));
    }

    @Test
    void the_containerd_store_is_not_offered_on_an_engine_without_it() throws Exception {
        FixPlans fixes = fixes(Snapshots.world().build(), "FROM alpine:3.20\n", BuildSpec.newBuilder().platforms(List.of("linux/amd64", "linux/arm64")),
                "localhost:5000");
        assertThat(fixes.plans()).extracting(FixPlan::id).containsExactly("use-container-builder");
        assertThat(fixes.notOffered()).anySatisfy(n -> assertThat(n.reason()).contains("Engine 20.10.24 has no containerd image store"));
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
