package dev.buildxlens.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.model.ImageStoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Realistic workflows, including the real users' cases of buildx-facts §7, on a simulated runner. */
class WorkflowSimulatorTest {

    @TempDir
    Path repo;

    private static final String BASE_JOB = """
              base:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: docker/setup-buildx-action@v3
                  - name: Build base
                    uses: docker/build-push-action@v6
                    with:
                      context: base
                      tags: base:latest
                      outputs: type=docker,dest=/tmp/base.tar
                  - uses: actions/upload-artifact@v4
                    with:
                      name: base
                      path: /tmp/base.tar
            """;

    private Diagnosis simulate(String workflow) throws Exception {
        return simulate(workflow, ImageStoreKind.CLASSIC);
    }

    private Diagnosis simulate(String workflow, ImageStoreKind store) throws Exception {
        write("base/Dockerfile", "FROM alpine:3.20\nRUN echo base\n");
        write("app/Dockerfile", "ARG BASE_IMAGE=base:latest\nFROM ${BASE_IMAGE}\nCOPY . /app\n");
        Path file = write(".github/workflows/ci.yml", workflow);
        return WorkflowSimulator.simulate(WorkflowParser.read(file, ".github/workflows/ci.yml"),
                new WorkflowSimulator.Options(repo, "", store)).diagnosis();
    }

    private Path write(String name, String content) throws Exception {
        Path file = repo.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static List<String> errors(Diagnosis diagnosis) {
        return diagnosis.findings().stream().filter(f -> f.severity() != Severity.INFO).map(Finding::id).toList();
    }

    @Test
    void the_classic_two_job_case_loads_the_base_and_builds_on_a_container_builder() throws Exception {
        Diagnosis diagnosis = simulate("""
                name: ci
                on: push
                jobs:
                """ + BASE_JOB + """
                  app:
                    needs: base
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/download-artifact@v4
                        with:
                          name: base
                          path: /tmp
                      - name: Load base
                        run: docker load --input /tmp/base.tar
                      - uses: docker/setup-buildx-action@v3
                      - name: Build app
                        uses: docker/build-push-action@v6
                        with:
                          context: app
                          tags: app:latest
                          load: true
                """);
        assertThat(errors(diagnosis)).containsExactly("local-image-invisible");
        Finding finding = diagnosis.findings().get(0);
        assertThat(finding.job()).isEqualTo("app");
        assertThat(finding.step()).isEqualTo("Build app");
        assertThat(finding.file()).isEqualTo(".github/workflows/ci.yml");
        assertThat(finding.line()).as("the step's first line").isEqualTo(31);
        assertThat(finding.message()).contains("base:latest").contains("(app/Dockerfile:2)");
        assertThat(finding.builder()).startsWith("builder-");
        // The made-up name stays the builder's id (data); what people read says which step made it.
        assertThat(finding.builder()).isEqualTo("builder-step4");
        assertThat(finding.message()).contains("which the docker-container builder set up in step 4 (docker/setup-buildx-action) cannot read")
                .doesNotContain("builder-step");
        assertThat(finding.explanation()).contains("The builder set up in step 4 (docker/setup-buildx-action) uses the docker-container driver")
                .doesNotContain("builder-step");
        assertThat(diagnosis.builds().get(1).builder().name()).isEqualTo("builder-step4");
        assertThat(diagnosis.builds().get(1).builder().inWords())
                .isEqualTo("the builder set up in step 4 (docker/setup-buildx-action), a docker-container builder");
        assertThat(diagnosis.builds()).hasSize(2);
        assertThat(diagnosis.builds().get(1).images().get(0).foundIn()).containsExactly("daemon:default");
        assertThat(diagnosis.builds().get(1).builder().driver()).isEqualTo("docker-container");
    }

    @Test
    void the_same_with_the_docker_driver_is_clean() throws Exception {
        Diagnosis diagnosis = simulate("""
                jobs:
                """ + BASE_JOB + """
                  app:
                    needs: [base]
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/download-artifact@v4
                        with:
                          name: base
                          path: /tmp/
                      - run: docker load -i /tmp/base.tar
                      - uses: docker/setup-buildx-action@v3
                        with:
                          driver: docker
                      - uses: docker/build-push-action@v6
                        with:
                          context: app
                          tags: app:latest
                """);
        assertThat(errors(diagnosis)).isEmpty();
        assertThat(diagnosis.builds().get(1).images().get(0).visible()).isTrue();
        assertThat(diagnosis.builds().get(1).builder().driver()).isEqualTo("docker");
    }

    private static String registryBridge(String driverOpts) {
        return """
                jobs:
                  app:
                    runs-on: ubuntu-latest
                    services:
                      registry:
                        image: registry:2
                        ports:
                          - 5000:5000
                    steps:
                      - uses: actions/checkout@v4
                      - name: Build base
                        run: |
                          docker build -t base:latest base
                          docker tag base:latest localhost:5000/foo/bar:latest
                          docker push localhost:5000/foo/bar:latest
                      - uses: docker/setup-buildx-action@v3
                """ + driverOpts + """
                      - name: Build app
                        uses: docker/build-push-action@v6
                        with:
                          context: app
                          build-args: |
                            BASE_IMAGE=localhost:5000/foo/bar:latest
                          push: false
                """;
    }

    @Test
    void the_registry_bridge_without_network_host_cannot_reach_localhost() throws Exception {
        Diagnosis diagnosis = simulate(registryBridge(""));
        assertThat(errors(diagnosis)).containsExactly("localhost-registry-unreachable");
        assertThat(diagnosis.findings().get(0).fixes()).contains("add-network-host");
    }

    @Test
    void the_registry_bridge_with_network_host_is_clean() throws Exception {
        Diagnosis diagnosis = simulate(registryBridge("""
                        with:
                          driver-opts: network=host
                """));
        assertThat(errors(diagnosis)).isEmpty();
        assertThat(diagnosis.builds().get(1).images().get(0).foundIn()).containsExactly("daemon:default", "registry:localhost:5000");
    }

    @Test
    void pushing_to_localhost_without_a_registry_service() throws Exception {
        Diagnosis diagnosis = simulate("""
                jobs:
                  push:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          docker build -t base:latest base
                          docker tag base:latest localhost:5000/prairielearn/workspace-vscode-base:e930402
                          docker push localhost:5000/prairielearn/workspace-vscode-base:e930402
                """);
        assertThat(errors(diagnosis)).containsExactly("localhost-registry-missing");
        assertThat(diagnosis.findings().get(0).line()).isEqualTo(8);
    }

    @Test
    void real_case_build_push_action_1116_named_context_of_a_loaded_image() throws Exception {
        write("dist/apps/api/Dockerfile", "FROM dmca-base:latest\nCOPY . .\n");
        Diagnosis diagnosis = simulate("""
                env:
                  BASE_DOCKER_IMAGE: dmca-base
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - name: Load base Docker image
                        run: docker load --input /tmp/${{ env.BASE_DOCKER_IMAGE }}.tar
                      - uses: docker/setup-buildx-action@v3
                      - name: Build api
                        uses: docker/build-push-action@v6
                        with:
                          context: dist/apps/api
                          build-contexts: dmca-base=docker-image://dmca-base:latest
                          tags: ghcr.io/domain/api:latest
                          build-args: TAG=
                """);
        assertThat(errors(diagnosis)).containsExactly("local-image-invisible");
        assertThat(diagnosis.findings().get(0).explanation()).contains("docker-image:// to BuildKit unchanged");
        assertThat(diagnosis.assumptions()).anySatisfy(a -> assertThat(a).contains("/tmp/dmca-base.tar").contains("dmca-base:latest"));
    }

    @Test
    void real_case_build_push_action_807_load_then_build_on_the_same_container_builder() throws Exception {
        write("debian/Dockerfile", "ARG VERSION\nFROM debian:${VERSION}\n");
        write("git/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        Diagnosis diagnosis = simulate("""
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: docker/setup-buildx-action@v2
                      - name: Build Debian base image
                        uses: docker/build-push-action@v4
                        with:
                          context: .
                          load: true
                          build-args: |
                            VERSION=11
                          file: ./debian/Dockerfile
                          tags:
                            debian-base-11:latest
                      - name: Add Git
                        uses: docker/build-push-action@v4
                        with:
                          build-args: |
                            BASE_IMAGE=debian-base-11:latest
                            VERSION=2.30.2
                          file: ./git/Dockerfile
                          context: .
                          build-contexts: |
                            debian-base-11:latest=docker-image://debian-base-11:latest
                          tags: debian-base-11-git-2.30.2:latest
                          load: true
                """);
        assertThat(errors(diagnosis)).containsExactly("local-image-invisible");
        assertThat(diagnosis.findings().get(0).step()).isEqualTo("Add Git");
    }

    @Test
    void real_cases_buildx_159_and_932_load_then_from_and_copy_from_on_a_container_builder() throws Exception {
        write("web/Dockerfile", "FROM alpine:3.20\n");
        write("nginx/Dockerfile", "FROM nginx:1.25\nCOPY --from=test-web-app:latest /test/hello .\n");
        write("final/Dockerfile", "FROM myimage\n");
        Diagnosis diagnosis = simulate("""
                jobs:
                  ci:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                      - name: Build
                        run: |
                          docker buildx build --platform linux/amd64 --load web -t test-web-app
                          docker buildx build --platform linux/amd64 --load nginx -t test-nginx
                          docker buildx build -t myimage --load web
                          docker buildx build -f final/Dockerfile final
                """);
        assertThat(errors(diagnosis)).containsExactly("local-image-invisible", "local-image-invisible");
        assertThat(diagnosis.findings()).extracting(Finding::line).containsExactly(9, 11);
        assertThat(diagnosis.findings().get(0).message()).contains("test-web-app:latest").contains("(nginx/Dockerfile:2)");
    }

    @Test
    void a_container_build_that_is_never_loaded_then_run() throws Exception {
        Diagnosis diagnosis = simulate("""
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                      - name: Build
                        uses: docker/build-push-action@v6
                        with:
                          context: base
                          tags: myimage:latest
                      - name: Smoke test
                        run: docker run --rm -e X=1 myimage:latest echo ok
                """);
        assertThat(errors(diagnosis)).containsExactly("result-not-loaded");
        Finding finding = diagnosis.findings().get(0);
        assertThat(finding.step()).isEqualTo("Smoke test");
        assertThat(finding.line()).isEqualTo(12);
        assertThat(finding.fixes()).containsExactly("load-result");
    }

    @Test
    void an_image_built_in_another_job_without_a_transfer() throws Exception {
        Diagnosis diagnosis = simulate("""
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                        with:
                          driver: docker
                      - uses: docker/build-push-action@v6
                        with:
                          context: base
                          tags: base:latest
                  app:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                        with:
                          driver: docker
                      - name: Build app
                        uses: docker/build-push-action@v6
                        with:
                          context: app
                """);
        assertThat(errors(diagnosis)).containsExactly("image-from-other-job");
        assertThat(diagnosis.findings().get(0).job()).isEqualTo("app");
        assertThat(diagnosis.builds().get(1).images().get(0).visible()).isFalse();
    }

    @Test
    void a_removed_input_on_setup_buildx_v4_and_docker_driver_limits() throws Exception {
        Diagnosis diagnosis = simulate("""
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v4
                        with:
                          driver: docker
                          config-inline: |
                            [registry."registry:5000"]
                              http = true
                      - uses: docker/build-push-action@v7
                        with:
                          context: base
                          platforms: linux/amd64,linux/arm64
                          cache-to: type=gha,mode=max
                """);
        assertThat(errors(diagnosis)).containsExactly("action-input-removed", "docker-driver-multiplatform", "docker-driver-cache-export");
        assertThat(diagnosis.findings().get(0).line()).isEqualTo(8);
        assertThat(diagnosis.findings().get(0).severity()).isEqualTo(Severity.WARNING);

        Diagnosis containerd = simulate("""
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                        with:
                          driver: docker
                      - uses: docker/build-push-action@v6
                        with:
                          context: base
                          platforms: linux/amd64,linux/arm64
                """, ImageStoreKind.CONTAINERD);
        assertThat(errors(containerd)).isEmpty();
        assertThat(containerd.assumptions()).anySatisfy(a -> assertThat(a).contains("uses the containerd image store (--assume-image-store)"));
    }

    @Test
    void unknown_actions_bake_and_missing_dockerfiles_are_info_not_failures() throws Exception {
        Diagnosis diagnosis = simulate("""
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: some/thing@v1
                      - uses: docker/bake-action@v5
                      - run: docker buildx bake
                      - uses: docker/build-push-action@v6
                        with:
                          context: nowhere
                """);
        assertThat(diagnosis.findings()).extracting(Finding::id).containsOnly("not-analysed");
        assertThat(diagnosis.findings()).hasSize(4);
        assertThat(diagnosis.hasErrors()).isFalse();
    }

    @Test
    void buildx_create_use_and_buildx_builder_in_run_steps() throws Exception {
        Diagnosis diagnosis = simulate("""
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          docker build -t base:latest base
                          docker buildx create --name ci --driver docker-container --use
                          docker buildx build -t app:latest --load app
                          BUILDX_BUILDER=default docker buildx build -t app:2 app
                """);
        assertThat(errors(diagnosis)).containsExactly("local-image-invisible");
        assertThat(diagnosis.builds()).extracting(b -> b.builder().name()).containsExactly("default", "ci", "default");
        assertThat(diagnosis.findings().get(0).line()).isEqualTo(8);
    }

    @Test
    void not_a_workflow_and_an_unknown_job_are_input_errors() throws Exception {
        assertThatThrownBy(() -> WorkflowParser.parse("- a\n- b\n", "w.yml")).hasMessage("w.yml:1: not a GitHub Actions workflow: the top level must be a mapping with 'jobs'");
        assertThatThrownBy(() -> WorkflowParser.parse("name: x\non: push\n", "w.yml")).hasMessageContaining("no 'jobs' mapping");
        assertThatThrownBy(() -> WorkflowParser.parse("jobs:\n  a:\n    steps: [\n", "w.yml")).hasMessageStartingWith("w.yml:4: invalid YAML");
        assertThatThrownBy(() -> WorkflowParser.parse("jobs:\n  a:\n    runs-on: x\n  a:\n    runs-on: y\n", "w.yml"))
                .hasMessage("w.yml:4: duplicate key 'a' in jobs");
        Path file = write("w.yml", "jobs:\n  a:\n    runs-on: x\n");
        assertThatThrownBy(() -> WorkflowSimulator.simulate(WorkflowParser.read(file, "w.yml"),
                new WorkflowSimulator.Options(repo, "b", ImageStoreKind.CLASSIC))).hasMessageContaining("no job 'b' (jobs: a)");
    }

    @Test
    void an_alias_bomb_is_refused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char name = 'b'; name <= 'j'; name++) {
            bomb.append(name).append(": &").append(name).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = name;
        }
        bomb.append("jobs: {}\n");
        assertThatThrownBy(() -> WorkflowParser.parse(bomb.toString(), "bomb.yml")).hasMessageStartingWith("bomb.yml:")
                .hasMessageContaining("invalid YAML");
    }
}
