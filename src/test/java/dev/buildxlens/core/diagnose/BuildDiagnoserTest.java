package dev.buildxlens.core.diagnose;

import dev.buildxlens.core.build.BuildSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Snapshots;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildDiagnoserTest {

    private static final Snapshot CLASSIC_CI = Snapshots.world()
            .localImage("dmca-base:latest")
            .pulledImage("alpine:3.19", "alpine@sha256:" + "cd".repeat(32))
            .builder("ci", "docker-container", Map.of())
            .builder("ci-host", "docker-container", Map.of("network", "host"))
            .builder("kube", "kubernetes", Map.of())
            .registry("localhost:5000", "foo/bar", "latest")
            .current("ci")
            .build();

    private record Run(BuildDiagnoser.Result result) {
        List<String> ids() {
            return result.findings().stream().map(Finding::id).toList();
        }
    }

    private static Run diagnose(Snapshot snapshot, String dockerfile, String builder) throws Exception {
        return diagnose(snapshot, dockerfile, builder, DockerfileInputs.none(), List.of(), false, List.of(), List.of(), false);
    }

    private static Run diagnose(Snapshot snapshot, String dockerfile, String builder, DockerfileInputs inputs, List<String> platforms,
                                boolean load, List<String> outputs, List<String> cacheTo, boolean pull) throws Exception {
        var analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(dockerfile, "Dockerfile"), inputs);
        BuildSpec spec = BuildSpec.newBuilder().dockerfile("Dockerfile").builder(builder).platforms(platforms).load(load)
                .outputs(outputs).cacheTo(cacheTo).pull(pull).build();
        return new Run(BuildDiagnoser.diagnose(snapshot, new BuildRequest(analysis, spec, BuildSite.local("Dockerfile"))));
    }

    @Test
    void a_loaded_image_is_invisible_to_the_current_container_builder() throws Exception {
        Run run = diagnose(CLASSIC_CI, "FROM dmca-base:latest\n", "");
        assertThat(run.ids()).containsExactly("local-image-invisible");
        Finding finding = run.result().findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.line()).isEqualTo(1);
        assertThat(finding.builder()).isEqualTo("ci");
        assertThat(finding.image()).isEqualTo("dmca-base:latest");
        assertThat(finding.fixes()).containsExactly("use-docker-driver", "local-registry-bridge", "oci-layout-context");
        assertThat(finding.explanation()).contains("docker.io/library/dmca-base:latest");
        ImageCheck check = run.result().check().images().get(0);
        assertThat(check.foundIn()).containsExactly("daemon:default");
        assertThat(check.visible()).isFalse();
        assertThat(run.result().check().builder().driver()).isEqualTo("docker-container");
    }

    @Test
    void the_docker_driver_sees_it_and_kubernetes_does_not() throws Exception {
        assertThat(diagnose(CLASSIC_CI, "FROM dmca-base:latest\n", "default").ids()).isEmpty();
        assertThat(diagnose(CLASSIC_CI, "FROM dmca-base:latest\n", "kube").ids()).containsExactly("local-image-invisible");
    }

    @Test
    void copy_from_and_mount_from_local_images_are_invisible_too() throws Exception {
        Run run = diagnose(CLASSIC_CI, "FROM alpine:3.19\nCOPY --from=dmca-base /a /a\nRUN --mount=from=dmca-base:latest,target=/m true\n", "");
        assertThat(run.ids()).containsExactly("local-image-invisible", "local-image-invisible");
        assertThat(run.result().findings()).extracting(Finding::line).containsExactly(2, 3);
        assertThat(run.result().check().images().get(0).visible()).as("pulled from Hub: the builder finds it there").isTrue();
        assertThat(run.result().check().images().get(0).foundIn()).containsExactly("daemon:default", "registry:docker.io");
    }

    @Test
    void a_docker_image_named_context_of_a_local_image_still_pulls() throws Exception {
        DockerfileInputs inputs = new DockerfileInputs(Map.of(), List.of(new NamedContext("dmca-base", "docker-image://dmca-base:latest")), "", List.of());
        Run run = diagnose(CLASSIC_CI, "FROM dmca-base\n", "", inputs, List.of(), false, List.of(), List.of(), false);
        assertThat(run.ids()).containsExactly("local-image-invisible");
        assertThat(run.result().findings().get(0).explanation()).contains("docker-image:// to BuildKit unchanged");

        DockerfileInputs oci = new DockerfileInputs(Map.of(), List.of(new NamedContext("dmca-base", "oci-layout:///tmp/base")), "", List.of());
        Run layout = diagnose(CLASSIC_CI, "FROM dmca-base\n", "", oci, List.of(), false, List.of(), List.of(), false);
        assertThat(layout.ids()).isEmpty();
        assertThat(layout.result().check().images().get(0).foundIn()).containsExactly("context:dmca-base");
    }

    @Test
    void a_loopback_registry_needs_network_host_on_a_container_builder() throws Exception {
        String dockerfile = "FROM localhost:5000/foo/bar:latest\n";
        Run bridged = diagnose(CLASSIC_CI, dockerfile, "ci");
        assertThat(bridged.ids()).containsExactly("localhost-registry-unreachable");
        assertThat(bridged.result().findings().get(0).fixes()).containsExactly("add-network-host", "use-docker-driver");
        assertThat(diagnose(CLASSIC_CI, dockerfile, "ci-host").ids()).isEmpty();
        assertThat(diagnose(CLASSIC_CI, dockerfile, "default").ids()).isEmpty();
        assertThat(diagnose(CLASSIC_CI, dockerfile, "kube").ids()).containsExactly("localhost-registry-unreachable");
    }

    @Test
    void a_loopback_registry_that_is_not_there_or_lacks_the_tag() throws Exception {
        assertThat(diagnose(CLASSIC_CI, "FROM localhost:5001/foo/bar:latest\n", "ci-host").ids()).containsExactly("localhost-registry-missing");
        assertThat(diagnose(CLASSIC_CI, "FROM localhost:5000/foo/bar:2\n", "ci-host").ids()).containsExactly("image-not-in-registry");
    }

    @Test
    void an_arg_without_default_is_an_error_at_the_from_line() throws Exception {
        Run run = diagnose(CLASSIC_CI, "ARG BASE_IMAGE\nFROM $BASE_IMAGE\n", "default");
        assertThat(run.ids()).containsExactly("from-arg-without-default");
        assertThat(run.result().findings().get(0).line()).isEqualTo(2);
        assertThat(run.result().findings().get(0).fixes()).containsExactly("add-arg-default");
    }

    @Test
    void pull_on_the_docker_driver_skips_the_local_image() throws Exception {
        Run run = diagnose(CLASSIC_CI, "FROM dmca-base:latest\n", "default", DockerfileInputs.none(), List.of(), false, List.of(), List.of(), true);
        assertThat(run.ids()).containsExactly("pull-forces-registry");
        Run pulledBefore = diagnose(CLASSIC_CI, "FROM alpine:3.19\n", "default", DockerfileInputs.none(), List.of(), false, List.of(), List.of(), true);
        assertThat(pulledBefore.ids()).isEmpty();
    }

    @Test
    void docker_driver_limits_with_the_classic_store_and_not_with_containerd() throws Exception {
        List<String> two = List.of("linux/amd64", "linux/arm64");
        assertThat(diagnose(CLASSIC_CI, "FROM alpine:3.19\n", "default", DockerfileInputs.none(), two, false, List.of(), List.of(), false).ids())
                .containsExactly("docker-driver-multiplatform");
        assertThat(diagnose(CLASSIC_CI, "FROM alpine:3.19\n", "default", DockerfileInputs.none(), List.of(), false, List.of(),
                List.of("type=gha,mode=max"), false).ids()).containsExactly("docker-driver-cache-export");
        assertThat(diagnose(CLASSIC_CI, "FROM alpine:3.19\n", "default", DockerfileInputs.none(), List.of(), false, List.of(),
                List.of("type=inline"), false).ids()).isEmpty();

        Snapshot containerd = Snapshots.world().containerdStore().build();
        assertThat(diagnose(containerd, "FROM alpine\n", "default", DockerfileInputs.none(), two, false, List.of(),
                List.of("type=registry,ref=x"), false).ids()).isEmpty();
    }

    @Test
    void multi_platform_docker_exports() throws Exception {
        List<String> two = List.of("linux/amd64", "linux/arm64");
        assertThat(diagnose(CLASSIC_CI, "FROM alpine:3.19\n", "ci", DockerfileInputs.none(), two, false,
                List.of("type=docker,dest=/tmp/x.tar"), List.of(), false).ids()).containsExactly("docker-exporter-multiplatform");
        assertThat(diagnose(CLASSIC_CI, "FROM alpine:3.19\n", "ci", DockerfileInputs.none(), two, true, List.of(), List.of(), false).ids())
                .containsExactly("docker-exporter-multiplatform");
        assertThat(diagnose(CLASSIC_CI, "FROM alpine:3.19\n", "ci", DockerfileInputs.none(), two, false,
                List.of("type=oci,dest=/tmp/x.tar"), List.of(), false).ids()).isEmpty();
    }

    @Test
    void an_unknown_builder_is_named() {
        assertThatThrownBy(() -> diagnose(CLASSIC_CI, "FROM alpine\n", "nope")).isInstanceOf(UnknownBuilderException.class)
                .hasMessageContaining("no builder named 'nope'").hasMessageContaining("ci-host");
    }

    @Test
    void every_finding_id_is_documented_in_the_readme() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (FindingKind kind : FindingKind.values()) {
            assertThat(readme).as(kind.id()).contains("`" + kind.id() + "`");
        }
    }
}
