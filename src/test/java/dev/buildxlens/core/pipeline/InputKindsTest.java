package dev.buildxlens.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** diagnose PATH without a flag: the names the tools look for first, then what the content requires. */
class InputKindsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "compose.yaml, COMPOSE", "docker-compose.yml, COMPOSE", "compose.override.yml, COMPOSE", "docker-compose.prod.yaml, COMPOSE",
            "docker-bake.hcl, BAKE", "docker-bake.override.json, BAKE", "build.hcl, BAKE",
            ".gitlab-ci.yml, GITLAB_CI", "ci/build.gitlab-ci.yml, GITLAB_CI",
            ".github/workflows/ci.yml, GITHUB_WORKFLOW", "repo/.github/workflows/release.yaml, GITHUB_WORKFLOW",
            "Dockerfile, DOCKERFILE", "app/Dockerfile.dev, DOCKERFILE", "web.Dockerfile, DOCKERFILE", "Containerfile, DOCKERFILE"})
    void by_the_names_the_tools_look_for(String path, InputKind kind) throws Exception {
        // The content would say otherwise: the name decides, as docker compose -f and buildx bake -f do.
        assertThat(InputKinds.detect(Path.of(path), "whatever")).isEqualTo(kind);
    }

    @Test
    void by_content_when_the_name_says_nothing() throws Exception {
        assertThat(InputKinds.detect(Path.of("build.yml"), "on: push\njobs:\n  a:\n    runs-on: x\n")).isEqualTo(InputKind.GITHUB_WORKFLOW);
        assertThat(InputKinds.detect(Path.of("stack.yml"), "services:\n  web:\n    build: .\n")).isEqualTo(InputKind.COMPOSE);
        assertThat(InputKinds.detect(Path.of("pipeline.yml"), "stages: [build]\nbuild:\n  script: [docker build .]\n"))
                .isEqualTo(InputKind.GITLAB_CI);
        assertThat(InputKinds.detect(Path.of("jobs.yml"), "build:\n  services: [docker:dind]\n  script: docker build .\n"))
                .as("a GitLab job's services are not Compose's").isEqualTo(InputKind.GITLAB_CI);
        assertThat(InputKinds.detect(Path.of("targets.json"), "{\"target\": {\"app\": {\"context\": \".\"}}}")).isEqualTo(InputKind.BAKE);
        assertThat(InputKinds.detect(Path.of("build"), "variable \"TAG\" {\n  default = \"1\"\n}\ntarget \"app\" {}\n")).isEqualTo(InputKind.BAKE);
        assertThat(InputKinds.detect(Path.of("base.build"), "# syntax=docker/dockerfile:1\n\nARG V=1\nFROM alpine:$V\n"))
                .isEqualTo(InputKind.DOCKERFILE);
        assertThat(InputKinds.detect(Path.of("dockerfile-lint.yml"), "services:\n  x:\n    image: a\n")).as("a YAML file is not a Dockerfile")
                .isEqualTo(InputKind.COMPOSE);
    }

    @Test
    void a_file_that_fits_nothing_or_two_kinds_says_which_flag_to_give() {
        assertThatThrownBy(() -> InputKinds.detect(Path.of("notes.txt"), "hello\n")).isInstanceOf(InputException.class)
                .hasMessageContaining("notes.txt: cannot tell what kind of build file this is").hasMessageContaining("--dockerfile");
        assertThatThrownBy(() -> InputKinds.detect(Path.of("x.yml"), "name: a\nversion: 2\n"))
                .hasMessageContaining("top-level keys (name, version) fit no build file");
        assertThatThrownBy(() -> InputKinds.detect(Path.of("both.yml"), "on: push\njobs: {}\nstages: [a]\n"))
                .hasMessageContaining("could be a GitHub Actions workflow or a GitLab CI file");
        assertThatThrownBy(() -> InputKinds.detect(Path.of("bad.yml"), "a: [\n")).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.yml");
    }
}
