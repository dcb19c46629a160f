package dev.buildxlens.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.build.BuildSpec;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one factory the command line and the app make the pipeline's input with: each kind's defaults. */
class BuildInputsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void the_kind_of_a_file_is_read_from_disk_and_a_missing_file_is_named() throws Exception {
        assertThat(BuildInputs.kindOf(write("compose.yaml", "services: {}\n"))).isEqualTo(InputKind.COMPOSE);
        assertThat(BuildInputs.kindOf(write("stack.yml", "services:\n  web:\n    build: .\n"))).isEqualTo(InputKind.COMPOSE);
        assertThat(BuildInputs.kindOf(write("build.hcl", "target \"app\" {}\n"))).isEqualTo(InputKind.BAKE);
        assertThat(BuildInputs.kindOf(write("ci/.gitlab-ci.yml", "build:\n  script: [make]\n"))).isEqualTo(InputKind.GITLAB_CI);
        assertThat(BuildInputs.kindOf(write("images/base", "# base\nFROM alpine:3.20\n"))).isEqualTo(InputKind.DOCKERFILE);
        assertThatThrownBy(() -> BuildInputs.kindOf(dir.resolve("gone.yml"))).isInstanceOf(InputException.class)
                .hasMessage(dir.resolve("gone.yml") + ": no such file");
        assertThatThrownBy(() -> BuildInputs.kindOf(dir)).hasMessageEndingWith(": no such file");
    }

    @Test
    void a_dockerfile_build_keeps_its_options_and_its_context_is_its_folder_unless_given() throws Exception {
        Path dockerfile = write("app/Dockerfile", "FROM alpine:3.20\n");
        BuildSpec options = BuildSpec.newBuilder().builder("ci").target("test").buildArg("A", "1").build();
        DockerfileBuild plain = (DockerfileBuild) BuildInputs.create(BuildInputs.Request.of(InputKind.DOCKERFILE, List.of(dockerfile))
                .withSpec(options));
        assertThat(plain.spec().dockerfile()).isEqualTo(dockerfile.toString());
        assertThat(plain.spec().contextDir()).isEqualTo(dockerfile.getParent().toString());
        assertThat(plain.spec().builder()).isEqualTo("ci");
        assertThat(plain.spec().target()).isEqualTo("test");
        assertThat(plain.spec().buildArgs()).containsEntry("A", "1");
        DockerfileBuild elsewhere = (DockerfileBuild) BuildInputs.create(BuildInputs.Request.of(InputKind.DOCKERFILE, List.of(dockerfile))
                .withContextDir("ctx"));
        assertThat(elsewhere.spec().contextDir()).isEqualTo("ctx");
        assertThat(((DockerfileBuild) BuildInputs.create(BuildInputs.Request.of(InputKind.DOCKERFILE, List.of(Path.of("Dockerfile")))))
                .spec().contextDir()).as("a bare name's folder is here").isEqualTo(".");
    }

    @Test
    void compose_runs_in_its_first_files_folder_with_the_builder_and_services_given() throws Exception {
        Path first = write("proj/compose.yaml", "services: {}\n");
        Path second = write("proj/compose.override.yaml", "services: {}\n");
        ComposeBuildInput input = (ComposeBuildInput) BuildInputs.create(BuildInputs.Request.of(InputKind.COMPOSE, List.of(first, second))
                .withSpec(BuildSpec.newBuilder().builder("default").build()).withNames(List.of("web")).withEnvironment(Map.of("TAG", "1")));
        assertThat(input.files()).containsExactly(first, second);
        assertThat(input.directory()).isEqualTo(first.toAbsolutePath().getParent());
        assertThat(input.services()).containsExactly("web");
        assertThat(input.builder()).isEqualTo("default");
        assertThat(input.environment()).containsEntry("TAG", "1");
    }

    @Test
    void bake_runs_in_its_first_files_folder_or_the_one_given_with_its_files_named_from_there() throws Exception {
        Path hcl = write("proj/docker-bake.hcl", "target \"app\" {}\n");
        Path override = write("proj/env/override.hcl", "target \"app\" {}\n");
        BakeBuildInput input = (BakeBuildInput) BuildInputs.create(BuildInputs.Request.of(InputKind.BAKE, List.of(hcl, override))
                .withNames(List.of("app")).withSets(List.of("app.platform=linux/arm64")));
        assertThat(input.directory()).isEqualTo(hcl.toAbsolutePath().getParent());
        assertThat(input.files()).containsExactly("docker-bake.hcl", "env/override.hcl");
        assertThat(input.targets()).containsExactly("app");
        assertThat(input.sets()).containsExactly("app.platform=linux/arm64");

        BakeBuildInput fromRepo = (BakeBuildInput) BuildInputs.create(BuildInputs.Request.of(InputKind.BAKE, List.of(override))
                .withRepo(dir.resolve("proj")));
        assertThat(fromRepo.files()).containsExactly("env/override.hcl");
        BakeBuildInput lookup = (BakeBuildInput) BuildInputs.create(BuildInputs.Request.of(InputKind.BAKE, List.of()).withRepo(dir));
        assertThat(lookup.files()).as("bake's own lookup").isEmpty();
        assertThat(lookup.directory()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void ci_files_take_their_repository_and_job_and_only_compose_and_bake_take_several_files() throws Exception {
        Path gitlab = write(".gitlab-ci.yml", "build:\n  script: [make]\n");
        GitlabCiBuild ci = (GitlabCiBuild) BuildInputs.create(BuildInputs.Request.of(InputKind.GITLAB_CI, List.of(gitlab)).withJob("build")
                .withRepo(dir));
        assertThat(ci.file()).isEqualTo(gitlab);
        assertThat(ci.repoRoot()).isEqualTo(dir);
        assertThat(ci.job()).isEqualTo("build");
        Path workflow = write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
        WorkflowBuild github = (WorkflowBuild) BuildInputs.create(BuildInputs.Request.of(InputKind.GITHUB_WORKFLOW, List.of(workflow))
                .withEvent("pull_request"));
        assertThat(github.event()).isEqualTo("pull_request");
        assertThat(github.repoRoot()).isNull();

        assertThatThrownBy(() -> BuildInputs.create(BuildInputs.Request.of(InputKind.GITLAB_CI, List.of(gitlab, gitlab))))
                .isInstanceOf(InputException.class).hasMessage("--gitlab-ci takes one file, got 2");
        assertThatThrownBy(() -> BuildInputs.create(BuildInputs.Request.of(InputKind.DOCKERFILE, List.of())))
                .isInstanceOf(InputException.class).hasMessage("--dockerfile needs a file");
        assertThat(BuildInputs.usesMachine(InputKind.COMPOSE)).isTrue();
        assertThat(BuildInputs.usesMachine(InputKind.GITLAB_CI)).isFalse();
    }

    /** The open dialog offers every kind: each of these names matches one of its globs. */
    @Test
    void the_file_chooser_globs_take_every_kind_by_its_usual_names() {
        for (String name : List.of("Dockerfile", "Dockerfile.dev", "app.Dockerfile", "Containerfile", "compose.yaml", "docker-compose.yml",
                "docker-bake.hcl", "docker-bake.json", "docker-bake.override.hcl", ".gitlab-ci.yml", "ci.yml", "release.yaml", "build.log")) {
            assertThat(InputKinds.FILE_GLOBS).as(name)
                    .anyMatch(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(name)));
        }
        assertThat(InputKinds.FILE_GLOBS).noneMatch(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of("notes.txt")));
    }
}
