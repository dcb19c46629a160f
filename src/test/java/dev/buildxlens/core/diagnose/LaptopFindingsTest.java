package dev.buildxlens.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.pipeline.PipelineResult;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioLoader;
import dev.buildxlens.core.scenario.ScenarioRunner;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.core.pipeline.FixChoices;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The laptop findings of issue 17, each with its fixed twin: the image in another context's engine, a local image of
 * another platform, and a registry the daemon trusts but a container builder does not. Expectations come from
 * buildx-facts §2 and §9.3 (contexts), §9.8 (platforms), §9.7 (registry settings).
 */
class LaptopFindingsTest {

    private static List<String> ids(String yaml) throws Exception {
        Scenario scenario = ScenarioLoader.parse(yaml, "test.yml");
        PipelineResult result = ScenarioRunner.run(scenario, new FixChoices("localhost:5000"));
        return result.diagnosis().findings().stream().map(f -> f.severity().name().toLowerCase() + ":" + f.id()).toList();
    }

    private static String lesson(String name) throws Exception {
        try (var in = Scenarios.class.getResourceAsStream("/dev/buildxlens/scenarios/" + name + ".yml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void an_image_only_in_another_contexts_engine_is_image_in_other_context() throws Exception {
        assertThat(ids(lesson("image-in-other-context"))).containsExactly("error:image-in-other-context");
    }

    @Test
    void the_same_build_on_that_contexts_builder_finds_the_image() throws Exception {
        String yaml = lesson("image-in-other-context").replace("build:\n  dockerfile:", "build:\n  builder: desktop-linux\n  dockerfile:");
        assertThat(ids(yaml)).isEmpty();
    }

    @Test
    void with_the_image_in_both_engines_nothing_is_wrong() throws Exception {
        String yaml = lesson("image-in-other-context").replace("    - tags: [alpine:3.20]\n      pulled: true\n",
                "    - tags: [alpine:3.20]\n      pulled: true\n    - tags: [my-base:latest]\n");
        assertThat(ids(yaml)).isEmpty();
    }

    @Test
    void a_container_builder_gets_the_other_context_finding_that_names_the_next_step_and_mentions_the_other_cause() throws Exception {
        String yaml = lesson("image-in-other-context").replace("  - name: colima\n    driver: docker\n    current: true\n",
                "  - name: ci\n    driver: docker-container\n    current: true\n");
        Scenario scenario = ScenarioLoader.parse(yaml, "test.yml");
        PipelineResult result = ScenarioRunner.run(scenario, new FixChoices("localhost:5000"));
        assertThat(result.diagnosis().findings()).extracting(Finding::id).containsExactly("image-in-other-context");
        assertThat(result.diagnosis().findings().get(0).explanation()).contains("only the docker driver reads a daemon's images");
        assertThat(result.fixes().plans()).extracting(p -> p.kind().id()).contains("build-on-context-builder").doesNotContain("move-image-to-context");
        assertThat(result.fixes().notOffered()).extracting(n -> n.kind().id()).contains("move-image-to-context");
    }

    @Test
    void an_unreachable_other_context_is_unknown_on_the_map_not_cannot() throws Exception {
        String yaml = lesson("image-in-other-context").replace("    imageStore: containerd\n", "    state: unreachable\n    imageStore: containerd\n");
        Scenario scenario = ScenarioLoader.parse(yaml, "test.yml");
        assertThat(scenario.snapshot().builder("desktop-linux").orElseThrow().accessTo("daemon:desktop-linux").orElseThrow().access())
                .isEqualTo(Access.UNKNOWN);
        assertThat(scenario.snapshot().store("daemon:desktop-linux").orElseThrow().description()).startsWith("unreachable:");
    }

    @Test
    void an_arm64_only_local_image_on_an_amd64_engine_goes_to_the_registry() throws Exception {
        assertThat(ids(lesson("local-image-wrong-platform"))).containsExactly("error:local-image-wrong-platform");
    }

    @Test
    void asking_for_arm64_or_arm64_v8_uses_the_local_arm64_image() throws Exception {
        String lesson = lesson("local-image-wrong-platform");
        assertThat(ids(lesson.replace("build:\n  dockerfile:", "build:\n  platforms: [linux/arm64]\n  dockerfile:"))).isEmpty();
        assertThat(ids(lesson.replace("build:\n  dockerfile:", "build:\n  platforms: [linux/arm64/v8]\n  dockerfile:"))).isEmpty();
        assertThat(ids(lesson.replace("FROM my-base:latest", "FROM --platform=linux/arm64 my-base:latest"))).isEmpty();
    }

    @Test
    void a_from_platform_decides_over_the_build_platform() throws Exception {
        String lesson = lesson("local-image-wrong-platform").replace("FROM my-base:latest", "FROM --platform=linux/amd64 my-base:latest")
                .replace("build:\n  dockerfile:", "build:\n  platforms: [linux/arm64]\n  dockerfile:");
        assertThat(ids(lesson)).containsExactly("error:local-image-wrong-platform");
    }

    @Test
    void an_image_whose_platform_is_unknown_or_that_was_pulled_is_not_judged() throws Exception {
        String lesson = lesson("local-image-wrong-platform");
        assertThat(ids(lesson.replace("      platform: linux/arm64      # built on a Mac and docker load-ed here\n", ""))).isEmpty();
        assertThat(ids(lesson.replace("      platform: linux/arm64", "      pulled: true\n      platform: linux/arm64"))).isEmpty();
    }

    @Test
    void a_containerd_store_image_holding_the_build_platform_too_is_used() throws Exception {
        String lesson = lesson("local-image-wrong-platform").replace("imageStore: classic", "imageStore: containerd")
                .replace("      platform: linux/arm64", "      platforms: [linux/arm64, linux/amd64]");
        assertThat(ids(lesson)).isEmpty();
    }

    @Test
    void a_container_builder_without_the_daemons_insecure_registry_setting_fails_to_pull() throws Exception {
        assertThat(ids(lesson("registry-config-not-inherited"))).containsExactly("error:registry-config-not-inherited");
    }

    @Test
    void the_builder_with_its_own_buildkitd_toml_or_the_docker_driver_reach_the_registry() throws Exception {
        String lesson = lesson("registry-config-not-inherited");
        assertThat(ids(lesson.replace("    status: running\n", "    status: running\n").replace("    current: true\nbuild:",
                "    current: true\n    buildkitdConfig: |\n      [registry.\"registry.lab:5000\"]\n        http = true\nbuild:"))).isEmpty();
        assertThat(ids(lesson.replace("build:\n  dockerfile:", "build:\n  builder: default\n  dockerfile:"))).isEmpty();
    }

    @Test
    void a_push_to_the_insecure_registry_is_an_error_and_an_unused_one_only_information() throws Exception {
        String pushing = lesson("registry-config-not-inherited").replace("FROM registry.lab:5000/team/base:1.0", "FROM alpine:3.20")
                .replace("build:\n  dockerfile:", "build:\n  push: true\n  dockerfile:");
        // No tags: nothing is pushed to the registry; the daemon's setting is worth knowing only.
        assertThat(ids(pushing)).containsExactly("info:registry-config-not-inherited");
        Scenario scenario = ScenarioLoader.parse(pushing, "test.yml");
        var spec = scenario.build().spec().toBuilder().tag("registry.lab:5000/team/app:1").build();
        var withTag = new Scenario(scenario.name(), scenario.title(), scenario.level(), scenario.goal(), scenario.runner(),
                scenario.snapshot(), new Scenario.Build(scenario.build().dockerfile(), spec, null, java.util.Map.of(), null, null, null),
                scenario.steps(), scenario.expect());
        assertThat(ScenarioRunner.run(withTag, new FixChoices("localhost:5000")).diagnosis().findings())
                .extracting(f -> f.severity().name().toLowerCase() + ":" + f.id()).containsExactly("error:registry-config-not-inherited");
    }

    @Test
    void the_map_draws_the_registry_edge_only_with_config() throws Exception {
        Scenario scenario = ScenarioLoader.parse(lesson("registry-config-not-inherited"), "test.yml");
        assertThat(scenario.snapshot().builder("ci").orElseThrow().accessTo("registry:registry.lab:5000").orElseThrow().access())
                .isEqualTo(Access.ONLY_WITH_CONFIG);
        assertThat(scenario.snapshot().builder("default").orElseThrow().accessTo("registry:registry.lab:5000").orElseThrow().access())
                .isEqualTo(Access.CAN_READ);
    }
}
