package dev.buildxlens.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.testing.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run read is part of its result: the app re-diagnoses when any of those files changes. */
class FilesReadTest {

    @TempDir
    Path repo;

    private Path write(String name, String content) throws Exception {
        Path file = repo.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void a_workflow_run_read_the_workflow_its_builds_dockerfiles_and_its_composite_actions() throws Exception {
        Path base = write("base/Dockerfile", "FROM alpine:3.20\n");
        Path app = write("app/Dockerfile", "FROM alpine:3.20\n");
        write("unused/Dockerfile", "FROM alpine:3.20\n");
        Path action = write(".github/actions/build-app/action.yml", """
                name: build app
                runs:
                  using: composite
                  steps:
                    - uses: docker/build-push-action@v6
                      with:
                        context: app
                """);
        Path workflow = write(".github/workflows/ci.yml", """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          context: base
                      - uses: ./.github/actions/build-app
                """);

        PipelineResult result = DiagnosisPipeline.run(new WorkflowBuild(workflow, repo, "", ImageStoreKind.CLASSIC), () -> null,
                new FixChoices(FixChoices.DEFAULT_REGISTRY));

        assertThat(result.filesRead()).containsExactlyInAnyOrder(workflow.toAbsolutePath(), base.toAbsolutePath(),
                action.toAbsolutePath(), app.toAbsolutePath());
    }

    @Test
    void a_dockerfile_run_read_its_dockerfile_and_one_held_in_memory_read_nothing() throws Exception {
        Path dockerfile = write("Dockerfile", "FROM alpine:3.20\n");
        var world = Snapshots.world().build();
        BuildSpec spec = BuildSpec.newBuilder().dockerfile(dockerfile.toString()).contextDir(repo.toString()).build();

        assertThat(DiagnosisPipeline.run(DockerfileBuild.onDisk(spec), () -> world, new FixChoices(FixChoices.DEFAULT_REGISTRY))
                .filesRead()).containsExactly(dockerfile.toAbsolutePath());
        assertThat(DiagnosisPipeline.run(new DockerfileBuild(spec, "FROM alpine:3.20\n"), () -> world,
                new FixChoices(FixChoices.DEFAULT_REGISTRY)).filesRead()).isEmpty();
    }
    @Test
    void a_compose_run_read_its_files_and_the_dockerfiles_its_services_build_and_names_the_path_compose_takes() throws Exception {
        Path dockerfile = write("app/Dockerfile", "FROM alpine:3.20\n");
        Path compose = write("compose.yaml", """
                services:
                  app:
                    build: app
                  web:
                    build:
                      context: .
                      dockerfile_inline: "FROM alpine:3.20"
                """);
        var world = Snapshots.world().build();

        PipelineResult viaBake = DiagnosisPipeline.run(new ComposeBuildInput(java.util.List.of(compose), repo, java.util.List.of(), "",
                java.util.Map.of()), () -> world, new FixChoices(FixChoices.DEFAULT_REGISTRY));
        PipelineResult ownClient = DiagnosisPipeline.run(new ComposeBuildInput(java.util.List.of(compose), repo, java.util.List.of(), "",
                java.util.Map.of("COMPOSE_BAKE", "false")), () -> world, new FixChoices(FixChoices.DEFAULT_REGISTRY));

        assertThat(viaBake.filesRead()).containsExactlyInAnyOrder(compose.toAbsolutePath(), dockerfile.toAbsolutePath());
        assertThat(viaBake.diagnosis().assumptions()).anySatisfy(a -> assertThat(a).startsWith("Compose hands the build to bake"));
        assertThat(ownClient.diagnosis().assumptions()).anySatisfy(a -> assertThat(a).startsWith("COMPOSE_BAKE=false"))
                .noneSatisfy(a -> assertThat(a).startsWith("Compose hands the build to bake"));
        assertThat(ownClient.diagnosis().findings()).isEqualTo(viaBake.diagnosis().findings());
    }
}
