package dev.buildxlens.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.pipeline.DiagnosisPipeline;
import dev.buildxlens.core.pipeline.FixChoices;
import dev.buildxlens.core.pipeline.WorkflowBuild;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowParser;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import dev.buildxlens.testing.Actionlint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflow fixes: each patch applies with git apply, leaves the rest of the file as it was, makes the finding go
 * away when the patched workflow is diagnosed again, and adds no actionlint diagnostic.
 */
class WorkflowFixPlannerTest {

    private static final String PATH = ".github/workflows/ci.yml";

    @TempDir
    Path repo;

    private static final String CLASSIC = """
            name: ci   # the classic two-job case
            on: push
            jobs:
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
                  - name: Set up Buildx
                    uses: docker/setup-buildx-action@v3
                  - name: Build app
                    uses: docker/build-push-action@v6
                    with:
                      context: app
                      tags: 'app:latest'
                      load: true
            """;

    @Test
    void a_plain_docker_build_routed_to_the_container_builder_by_install_true_gets_load_on_its_command_line() throws Exception {
        Files.writeString(repo.resolve("Dockerfile"), "FROM alpine:3.20\n");
        String workflow = """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v3
                        with:
                          install: true
                      - run: docker build -t myapp:ci .
                      - run: docker run --rm myapp:ci --version
                """;
        FixPlan load = plan(plans(workflow), "load-result");
        assertThat(load.summary()).contains("(--load)");
        assertThat(load.steps().get(0).snippets().get(0).content()).as("the run step's own command, not a build-push-action step")
                .contains("docker build --load -t myapp:ci .").doesNotContain("build-push-action");
        assertThat(patches(load).get(0).content()).contains("+      - run: docker build --load -t myapp:ci .\n");
        assertThat(applyAndRediagnose(load)).isEmpty();
    }

    private List<FixPlan> plans(String workflow) throws Exception {
        Files.createDirectories(repo.resolve("base"));
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("base/Dockerfile"), "FROM alpine:3.20\n");
        Files.writeString(repo.resolve("app/Dockerfile"), "# app\nFROM base:latest\nCOPY . /app\n");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve(PATH), workflow);
        return fixes().plans();
    }

    private FixPlans fixes() throws Exception {
        return DiagnosisPipeline.run(new WorkflowBuild(repo.resolve(PATH), repo, "", ImageStoreKind.CLASSIC), () -> null,
                FixChoices.defaults()).fixes();
    }

    private static FixPlan plan(List<FixPlan> plans, String id) {
        return plans.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Snippet> patches(FixPlan plan) {
        return plan.steps().stream().flatMap(s -> s.snippets().stream()).filter(s -> s.kind().endsWith("-patch")).toList();
    }

    /** Applies the plan's patches with git apply and returns the errors left when the workflow is diagnosed again. */
    private List<String> applyAndRediagnose(FixPlan plan) throws Exception {
        String original = Files.readString(repo.resolve(PATH));
        for (Snippet patch : patches(plan)) {
            Path file = Files.createTempFile(repo, "fix", ".patch");
            Files.writeString(file, patch.content());
            Process git = new ProcessBuilder("git", "apply", "--verbose", file.toString()).directory(repo.toFile()).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(git.exitValue()).as(patch.content() + "\n" + output).isZero();
        }
        String patched = Files.readString(repo.resolve(PATH));
        assertThat(Actionlint.lint(patched)).as("actionlint on the patched workflow").isEqualTo(Actionlint.lint(original));
        Workflow workflow = WorkflowParser.parse(patched, PATH);
        return WorkflowSimulator.simulate(workflow, new WorkflowSimulator.Options(repo, "", ImageStoreKind.CLASSIC)).diagnosis().findings().stream()
                .filter(f -> f.severity() == Severity.ERROR).map(Finding::id).toList();
    }

    @Test
    void use_docker_driver_patches_the_setup_buildx_step_and_the_finding_goes_away() throws Exception {
        List<FixPlan> plans = plans(CLASSIC);
        FixPlan docker = plan(plans, "use-docker-driver");
        assertThat(docker.recommended()).isTrue();
        assertThat(patches(docker)).singleElement().satisfies(p -> assertThat(p.content())
                .contains("       - name: Set up Buildx\n         uses: docker/setup-buildx-action@v3\n+        with:\n+          driver: docker\n"));
        assertThat(applyAndRediagnose(docker)).isEmpty();
    }

    @Test
    void the_registry_bridge_adds_the_service_the_push_the_host_network_and_the_build_arg() throws Exception {
        FixPlan bridge = plan(plans(CLASSIC), "local-registry-bridge");
        List<Snippet> patches = patches(bridge);
        assertThat(patches).extracting(Snippet::title).containsExactly(PATH, "app/Dockerfile");
        assertThat(patches.get(0).content()).contains("+    services:\n+      registry:\n+        image: registry:2")
                .contains("+          docker push localhost:5000/base:latest")
                .contains("+          driver-opts: network=host")
                .contains("+          build-args: BASE_IMAGE=localhost:5000/base:latest")
                .contains("setup-buildx-action@v3").doesNotContain("setup-buildx-action@v4");
        assertThat(patches.get(1).content()).contains(" # app\n").contains("+ARG BASE_IMAGE=base:latest\n")
                .contains("-FROM base:latest\n").contains("+FROM ${BASE_IMAGE}\n");
        assertThat(applyAndRediagnose(bridge)).isEmpty();
        assertThat(Files.readString(repo.resolve(PATH))).startsWith("name: ci   # the classic two-job case\n")
                .contains("          tags: 'app:latest'\n");
    }

    @Test
    void add_network_host_appends_to_existing_driver_opts() throws Exception {
        String workflow = """
                jobs:
                  app:
                    runs-on: ubuntu-latest
                    services:
                      registry:
                        image: registry:2
                        ports:
                          - 5000:5000
                    steps:
                      - run: |
                          docker build -t base:latest base
                          docker tag base:latest localhost:5000/base:latest
                          docker push localhost:5000/base:latest
                      - uses: docker/setup-buildx-action@v3
                        with:
                          driver-opts: image=moby/buildkit:v0.20.0
                      - uses: docker/build-push-action@v6
                        with:
                          context: app
                          build-args: |
                            UNUSED=1
                """;
        plans(workflow);
        // This app pulls its base from the registry service.
        Files.writeString(repo.resolve("app/Dockerfile"), "FROM localhost:5000/base:latest\n");
        var result = DiagnosisPipeline.run(new WorkflowBuild(repo.resolve(PATH), repo, "", ImageStoreKind.CLASSIC), () -> null, FixChoices.defaults());
        assertThat(result.diagnosis().findings()).extracting(Finding::id).containsExactly("localhost-registry-unreachable");
        FixPlan host = plan(result.fixes().plans(), "add-network-host");
        assertThat(patches(host).get(0).content()).contains("-          driver-opts: image=moby/buildkit:v0.20.0\n+          driver-opts: |\n"
                + "+            image=moby/buildkit:v0.20.0\n+            network=host\n");
        assertThat(applyAndRediagnose(host)).isEmpty();
    }

    @Test
    void load_result_and_renamed_inputs_are_one_line_patches() throws Exception {
        String workflow = """
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-buildx-action@v4
                        with:
                          config-inline: |
                            [registry."localhost:5000"]
                              http = true
                      - name: Build
                        uses: docker/build-push-action@v6
                        with:
                          context: base
                          tags: myimage:latest
                      - run: docker run --rm myimage:latest
                """;
        List<FixPlan> plans = plans(workflow);
        FixPlan load = plan(plans, "load-result");
        assertThat(patches(load).get(0).content()).contains("+          load: true\n");
        FixPlan rename = plan(plans, "rename-action-input");
        assertThat(patches(rename).get(0).content()).contains("-          config-inline: |\n+          buildkitd-config-inline: |\n");
        assertThat(applyAndRediagnose(load)).isEmpty();
    }

    @Test
    void a_registry_service_for_a_push_without_one() throws Exception {
        String workflow = """
                jobs:
                  push:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          docker build -t base:latest base
                          docker tag base:latest localhost:5001/base:latest
                          docker push localhost:5001/base:latest
                """;
        FixPlan service = plan(plans(workflow), "add-registry-service");
        assertThat(patches(service).get(0).content()).contains("+    services:\n+      registry:\n+        image: registry:2\n+        ports:\n+          - 5001:5000\n");
        assertThat(applyAndRediagnose(service)).isEmpty();
    }
}
