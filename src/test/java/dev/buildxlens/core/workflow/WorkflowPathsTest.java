package dev.buildxlens.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.workflow.expr.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How real workflows are followed: expressions, matrices, conditions as paths, how the Docker CLI routes plain
 * {@code docker build}, the actions that change Docker, runners, restarts and the new exporter finding.
 */
class WorkflowPathsTest {

    @TempDir
    Path repo;

    private Diagnosis simulate(String workflow, String event) throws Exception {
        Path file = repo.resolve(".github/workflows/ci.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, workflow);
        return WorkflowSimulator.simulate(WorkflowParser.read(file, ".github/workflows/ci.yml"),
                new WorkflowSimulator.Options(repo, "", null, event)).diagnosis();
    }

    private void write(String path, String text) throws Exception {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), text);
    }

    private static List<String> ids(Diagnosis diagnosis, Severity severity) {
        return diagnosis.findings().stream().filter(f -> f.severity() == severity).map(Finding::id).toList();
    }

    private static List<String> messages(Diagnosis diagnosis) {
        return diagnosis.findings().stream().map(Finding::message).toList();
    }

    @Test
    void an_unknown_expression_in_an_image_name_is_an_info_and_its_known_registry_is_still_judged() throws Exception {
        write("app/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  app:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v4
                      - uses: docker/build-push-action@v7
                        with:
                          context: app
                          build-args: BASE_IMAGE=localhost:5000/${{ secrets.NAMESPACE }}/base:latest
                          tags: ghcr.io/${{ github.repository }}:${{ github.sha }}
                """, null);
        assertThat(ids(diagnosis, Severity.INFO)).contains("image-unresolved");
        assertThat(ids(diagnosis, Severity.ERROR)).as("localhost:5000 is a loopback registry whatever the namespace")
                .containsExactly("localhost-registry-unreachable");
    }

    @Test
    void a_matrix_runs_every_combination_and_names_the_one_that_fails() throws Exception {
        write("Dockerfile.good", "FROM alpine:3.20\n");
        write("Dockerfile.bad", "FROM local-base:1\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        dockerfile: [Dockerfile.good, Dockerfile.bad, Dockerfile.other]
                        exclude:
                          - dockerfile: Dockerfile.other
                    steps:
                      - run: docker pull alpine:3.20 && docker tag alpine:3.20 local-base:1
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          file: ${{ matrix.dockerfile }}
                """, null);
        assertThat(diagnosis.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("local-image-invisible");
            assertThat(f.message()).endsWith("(job build (dockerfile: Dockerfile.bad))");
        });
        assertThat(diagnosis.builds()).hasSize(2);
    }

    @Test
    void matrix_include_extends_combinations_or_adds_its_own() {
        Value matrix = new Value.Obj(Map.of("os", new Value.Array(List.of(new Value.Str("a"), new Value.Str("b"))),
                "include", new Value.Array(List.of(new Value.Obj(Map.of("os", new Value.Str("a"), "extra", new Value.Str("x"))),
                        new Value.Obj(Map.of("os", new Value.Str("c")))))));
        List<Matrix.Combination> combinations = Matrix.expand(matrix, v -> v).combinations();
        assertThat(combinations).extracting(Matrix.Combination::label).containsExactly("os: a, extra: x", "os: b", "os: c");
    }

    @Test
    void conditions_that_cannot_be_known_are_followed_both_ways_and_the_failing_way_is_named() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Diagnosis diagnosis = simulate("""
                on:
                  workflow_dispatch:
                    inputs:
                      use-buildx:
                        type: string
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v4
                        if: inputs.use-buildx
                      - uses: docker/build-push-action@v7
                        if: ${{ !inputs.use-buildx }}
                        with:
                          cache-to: type=gha,mode=max
                      - uses: docker/build-push-action@v7
                        if: ${{ inputs.use-buildx }}
                        with:
                          cache-to: type=gha,mode=max
                """, "workflow_dispatch");
        assertThat(diagnosis.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("docker-driver-cache-export");
            assertThat(f.message()).endsWith("(when inputs.use-buildx is false or empty)");
        });
    }

    @Test
    void jobs_and_steps_with_if_false_are_skipped_and_the_event_decides_known_conditions() throws Exception {
        write("Dockerfile", "FROM local-base:1\n");
        String workflow = """
                on: [push, pull_request]
                jobs:
                  never:
                    if: false
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          cache-to: type=gha
                  prs:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/build-push-action@v7
                        if: github.event_name == 'pull_request'
                        with:
                          cache-to: type=gha
                """;
        assertThat(ids(simulate(workflow, null), Severity.ERROR)).isEmpty();
        assertThat(ids(simulate(workflow, "pull_request"), Severity.ERROR)).containsExactly("docker-driver-cache-export");
    }

    @Test
    void plain_docker_build_runs_on_the_docker_driver_even_after_setup_buildx() throws Exception {
        write("base/Dockerfile", "FROM alpine:3.20\n");
        write("app/Dockerfile", "FROM my-base:latest\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                      - run: |
                          docker build -t my-base:latest base
                          docker build -t app app
                          docker run --rm app
                """, null);
        assertThat(ids(diagnosis, Severity.ERROR)).isEmpty();
        assertThat(diagnosis.builds()).allSatisfy(b -> assertThat(b.builder().driver()).isEqualTo("docker"));
    }

    @Test
    void with_install_true_docker_build_goes_to_the_container_builder_without_load() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                        with:
                          install: true
                      - run: docker build -t app:1 .
                      - run: docker run --rm app:1
                """, null);
        assertThat(ids(diagnosis, Severity.ERROR)).containsExactly("result-not-loaded");
    }

    @Test
    void kind_actions_registry_is_there_for_a_later_push() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  e2e:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: container-tools/kind-action@v2
                      - run: |
                          docker build -t localhost:5000/app:1 .
                          docker push localhost:5000/app:1
                      - uses: some/unknown-action@v1
                      - uses: other/unknown@v2
                      - uses: actions/setup-go@v5
                """, null);
        assertThat(ids(diagnosis, Severity.ERROR)).isEmpty();
        assertThat(diagnosis.findings()).filteredOn(f -> f.id().equals("not-analysed")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("some/unknown-action@v1").contains("other/unknown@v2").doesNotContain("setup-go"));
    }

    @Test
    void the_kind_actions_name_their_registry_as_their_scripts_do() throws Exception {
        write("Dockerfile", "ARG BASE\nARG OTHER\nFROM $BASE AS base\nFROM $OTHER\nCOPY --from=base /a /a\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  e2e:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: helm/kind-action@v1
                        id: kind
                        with:
                          registry: true
                          registry_name: my-registry
                          registry_port: 5001
                      - uses: container-tools/kind-action@v2
                      - uses: docker/build-push-action@v7
                        with:
                          build-args: |
                            BASE=${{ steps.kind.outputs.LOCAL_REGISTRY }}/base:1
                            OTHER=${{ env.KIND_REGISTRY }}/other:1
                """, null);
        // helm/kind-action's registry.sh: LOCAL_REGISTRY=$registry_name:$registry_port in GITHUB_OUTPUT;
        // container-tools/kind-action: KIND_REGISTRY=kind-registry:5000 in GITHUB_ENV.
        assertThat(diagnosis.builds()).singleElement().satisfies(build -> assertThat(build.images()).extracting(i -> i.ref())
                .containsExactly("my-registry:5001/base:1", "kind-registry:5000/other:1"));
    }

    @Test
    void a_self_hosted_runner_makes_store_dependent_findings_warnings_and_macos_is_not_analysed() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  own:
                    runs-on: [self-hosted, linux]
                    steps:
                      - uses: docker/build-push-action@v7
                        with:
                          platforms: linux/amd64,linux/arm64
                  mac:
                    runs-on: macos-latest
                    steps:
                      - run: docker build .
                """, null);
        assertThat(ids(diagnosis, Severity.ERROR)).isEmpty();
        assertThat(ids(diagnosis, Severity.WARNING)).containsExactly("docker-driver-multiplatform");
        assertThat(diagnosis.assumptions()).anySatisfy(a -> assertThat(a).contains("macos").contains("no Linux Docker engine"));
    }

    @Test
    void exporting_a_tarball_or_oci_on_the_docker_driver_with_the_classic_store_fails() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                        with:
                          driver: docker
                      - uses: docker/build-push-action@v6
                        with:
                          outputs: type=docker,dest=/tmp/image.tar
                      - uses: docker/build-push-action@v6
                        with:
                          outputs: type=oci,dest=/tmp/image-oci.tar
                """, null);
        assertThat(ids(diagnosis, Severity.ERROR)).containsExactly("docker-driver-exporter", "docker-driver-exporter");
        assertThat(messages(diagnosis)).anySatisfy(m -> assertThat(m).startsWith("the oci exporter"));
    }

    @Test
    void a_named_context_key_with_latest_is_normalised_as_buildx_does() throws Exception {
        write("Dockerfile", "FROM mybase:latest\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          build-contexts: mybase:latest=oci-layout:///tmp/mybase:latest
                """, null);
        assertThat(ids(diagnosis, Severity.ERROR)).isEmpty();
    }

    @Test
    void a_dockerd_restart_that_switches_the_store_stops_the_registry_the_job_pushes_to_next() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    services:
                      registry:
                        image: registry:2
                        ports: ["5000:5000"]
                    steps:
                      - run: |
                          echo '{"features": {"containerd-snapshotter": true}}' | sudo tee /etc/docker/daemon.json
                          sudo systemctl restart docker
                      - run: |
                          docker build -t localhost:5000/app:1 .
                          docker push localhost:5000/app:1
                """, null);
        assertThat(diagnosis.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("localhost-registry-missing");
            assertThat(f.explanation()).contains("stopped by the dockerd restart").contains("the image store changed");
        });
    }

    @Test
    void local_composite_actions_and_reusable_workflows_are_followed_with_their_inputs() throws Exception {
        write("Dockerfile", "FROM local-base:1\n");
        write(".github/actions/build/action.yml", """
                name: build
                inputs:
                  driver:
                    default: docker-container
                runs:
                  using: composite
                  steps:
                    - uses: docker/setup-buildx-action@v3
                      with:
                        driver: ${{ inputs.driver }}
                    - uses: docker/build-push-action@v6
                """);
        write(".github/workflows/reusable.yml", """
                on:
                  workflow_call:
                    inputs:
                      driver:
                        type: string
                        default: docker
                jobs:
                  inner:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker pull alpine:3.20 && docker tag alpine:3.20 local-base:1
                      - uses: ./.github/actions/build
                        with:
                          driver: ${{ inputs.driver }}
                """);
        Diagnosis diagnosis = simulate("""
                on: push
                jobs:
                  docker-driver:
                    uses: ./.github/workflows/reusable.yml
                  container-driver:
                    uses: ./.github/workflows/reusable.yml
                    with:
                      driver: docker-container
                """, null);
        assertThat(diagnosis.findings()).filteredOn(f -> f.severity() == Severity.ERROR).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("local-image-invisible");
            assertThat(f.job()).isEqualTo("container-driver/inner");
            assertThat(f.file()).isEqualTo(".github/actions/build/action.yml");
        });
    }
}
