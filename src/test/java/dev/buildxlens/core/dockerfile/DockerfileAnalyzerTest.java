package dev.buildxlens.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The images a Dockerfile build needs, case by case, following BuildKit's rules. */
class DockerfileAnalyzerTest {

    private static DockerfileAnalysis analyze(String text, DockerfileInputs inputs) throws DockerfileException {
        return DockerfileAnalyzer.analyze(DockerfileParser.parse(text, "Dockerfile"), inputs);
    }

    private static DockerfileAnalysis analyze(String text) throws DockerfileException {
        return analyze(text, DockerfileInputs.none());
    }

    private static List<String> needed(String text) throws DockerfileException {
        return analyze(text).images().stream().map(i -> i.reference().normalized()).toList();
    }

    private static DockerfileInputs args(Map<String, String> buildArgs) {
        return new DockerfileInputs(buildArgs, List.of(), "", List.of());
    }

    @Test
    void a_plain_from_needs_its_image_with_line_and_stage() throws Exception {
        DockerfileAnalysis analysis = analyze("# comment\n\nFROM dmca-base:latest AS base\nRUN true\n");
        ImageNeed need = analysis.images().get(0);
        assertThat(need.raw()).isEqualTo("dmca-base:latest");
        assertThat(need.reference().normalized()).isEqualTo("docker.io/library/dmca-base:latest");
        assertThat(need.instruction()).isEqualTo("FROM");
        assertThat(need.line()).isEqualTo(3);
        assertThat(need.stage()).isEqualTo("base");
    }

    @Test
    void instructions_are_case_insensitive_and_scratch_needs_nothing() throws Exception {
        assertThat(needed("from scratch\ncopy a /a\n")).isEmpty();
        assertThat(needed("fRoM alpine:3 As b\n")).containsExactly("docker.io/library/alpine:3");
    }

    @Test
    void a_global_arg_with_a_default_feeds_from_and_a_build_arg_overrides_it() throws Exception {
        String text = "ARG BASE_IMAGE=dmca-base:latest\nFROM $BASE_IMAGE\n";
        assertThat(needed(text)).containsExactly("docker.io/library/dmca-base:latest");
        assertThat(analyze(text, args(Map.of("BASE_IMAGE", "localhost:5000/foo/bar:latest"))).images().get(0).reference().normalized())
                .isEqualTo("localhost:5000/foo/bar:latest");
    }

    @Test
    void braces_defaults_and_alternatives_expand() throws Exception {
        assertThat(needed("ARG TAG\nFROM alpine:${TAG:-3.19}\n")).containsExactly("docker.io/library/alpine:3.19");
        assertThat(needed("ARG SUFFIX=x\nFROM alpine${SUFFIX:+:3.20}\n")).containsExactly("docker.io/library/alpine:3.20");
        assertThat(needed("ARG REG=localhost:5000\nARG NAME=${REG}/base\nFROM ${NAME}:1\n")).containsExactly("localhost:5000/base:1");
    }

    @Test
    void an_arg_without_default_and_without_build_arg_is_a_problem_not_an_image() throws Exception {
        DockerfileAnalysis analysis = analyze("ARG BASE_IMAGE\nFROM $BASE_IMAGE AS base\nRUN true\n");
        assertThat(analysis.images()).isEmpty();
        assertThat(analysis.argProblems()).singleElement().satisfies(p -> {
            assertThat(p.variable()).isEqualTo("BASE_IMAGE");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.written()).isEqualTo("$BASE_IMAGE");
        });
        assertThat(analyze("ARG BASE_IMAGE\nFROM $BASE_IMAGE\n", args(Map.of("BASE_IMAGE", "my_base_image"))).images())
                .extracting(i -> i.reference().normalized()).containsExactly("docker.io/library/my_base_image:latest");
    }

    @Test
    void a_stage_arg_is_not_visible_to_from_and_a_global_arg_is_not_visible_in_a_stage_until_declared() throws Exception {
        // ARG inside a stage does not feed the next FROM: that FROM sees only global ARGs (here: none).
        DockerfileAnalysis analysis = analyze("FROM alpine AS a\nARG IMG=busybox\nFROM $IMG\n");
        assertThat(analysis.argProblems()).singleElement().extracting(BuildArgProblem::variable).isEqualTo("IMG");
        // COPY --from uses stage ARGs; a global ARG is seen in the stage only after `ARG NAME`.
        assertThat(needed("ARG SRC=tools:1\nFROM alpine\nARG SRC\nCOPY --from=$SRC /x /x\n"))
                .containsExactly("docker.io/library/alpine:latest", "docker.io/library/tools:1");
    }

    @Test
    void an_escaped_dollar_is_literal() throws Exception {
        assertThatThrownBy(() -> analyze("ARG X=alpine\nFROM \\$X\n")).isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("Dockerfile:2: invalid reference format");
    }

    @Test
    void earlier_stages_are_not_images_and_stage_names_are_case_insensitive() throws Exception {
        String text = """
                FROM golang:1.22 AS Builder
                RUN go build
                FROM builder AS test
                FROM alpine:3
                COPY --from=BUILDER /app /app
                COPY --from=0 /x /x
                COPY --from=nginx:1.25 /etc/nginx /etc/nginx
                """;
        assertThat(needed(text)).containsExactly("docker.io/library/golang:1.22", "docker.io/library/alpine:3",
                "docker.io/library/nginx:1.25");
    }

    @Test
    void run_mount_from_names_a_stage_or_an_image() throws Exception {
        String text = """
                FROM alpine AS src
                FROM alpine
                RUN --mount=type=bind,from=src,target=/src --mount=type=cache,target=/c \\
                    --mount=type=bind,from=pc:latest,source=/x,target=/y true
                """;
        DockerfileAnalysis analysis = analyze(text);
        assertThat(analysis.images()).extracting(i -> i.reference().familiar()).containsExactly("alpine:latest", "alpine:latest", "pc:latest");
        assertThat(analysis.images().get(2).instruction()).isEqualTo("RUN --mount from");
        assertThat(analysis.images().get(2).line()).isEqualTo(3);
    }

    @Test
    void target_prunes_stages_the_target_does_not_need() throws Exception {
        String text = """
                FROM golang:1.22 AS build
                FROM node:20 AS docs
                FROM debian:12 AS test
                COPY --from=build /app /app
                FROM scratch AS release
                COPY --from=build /app /app
                """;
        DockerfileAnalysis release = analyze(text, new DockerfileInputs(Map.of(), List.of(), "release", List.of()));
        assertThat(release.images()).extracting(i -> i.reference().familiar()).containsExactly("golang:1.22");
        assertThat(release.stages()).containsExactly("build", "release");
        DockerfileAnalysis test = analyze(text, new DockerfileInputs(Map.of(), List.of(), "TEST", List.of()));
        assertThat(test.images()).extracting(i -> i.reference().familiar()).containsExactly("golang:1.22", "debian:12");
        assertThat(analyze(text).images()).as("the last stage is the default target")
                .extracting(i -> i.reference().familiar()).containsExactly("golang:1.22");
        assertThatThrownBy(() -> analyze(text, new DockerfileInputs(Map.of(), List.of(), "nope", List.of())))
                .hasMessageContaining("target stage \"nope\" could not be found");
    }

    @Test
    void named_contexts_override_images_and_stages() throws Exception {
        String text = "FROM dmca-base:latest AS base\nFROM base\nCOPY --from=tools /t /t\n";
        DockerfileInputs inputs = new DockerfileInputs(Map.of(), List.of(
                new NamedContext("dmca-base", "docker-image://localhost:5000/foo/bar:latest"),
                new NamedContext("tools", "oci-layout:///tmp/tools:1")), "", List.of());
        DockerfileAnalysis analysis = analyze(text, inputs);
        assertThat(analysis.images()).hasSize(2);
        assertThat(analysis.images().get(0).reference().normalized()).isEqualTo("localhost:5000/foo/bar:latest");
        assertThat(analysis.images().get(0).context().name()).isEqualTo("dmca-base");
        assertThat(analysis.images().get(1).suppliedByClient()).isTrue();

        // BuildKit looks a FROM up by its familiar name without :latest, and `docker buildx build --build-context`
        // normalises its keys the same way before sending them (buildx parseContextNames; buildx-facts §9.6), so
        // keys "dmca-base:latest" and "docker.io/library/dmca-base" both match.
        DockerfileInputs withTag = new DockerfileInputs(Map.of(), List.of(new NamedContext("dmca-base:latest", "docker-image://x:1")), "", List.of());
        assertThat(analyze("FROM dmca-base:latest\n", withTag).images().get(0).raw()).isEqualTo("x:1");
        DockerfileInputs qualified = new DockerfileInputs(Map.of(), List.of(new NamedContext("docker.io/library/dmca-base", "docker-image://x:2")), "",
                List.of());
        assertThat(analyze("FROM dmca-base\n", qualified).images().get(0).raw()).isEqualTo("x:2");
        DockerfileInputs otherTag = new DockerfileInputs(Map.of(), List.of(new NamedContext("dmca-base:1", "docker-image://x:1")), "", List.of());
        assertThat(analyze("FROM dmca-base:latest\n", otherTag).images().get(0).context()).as("other tags must match exactly").isNull();
        DockerfileInputs versioned = new DockerfileInputs(Map.of(), List.of(new NamedContext("alpine:3", "docker-image://x:1")), "", List.of());
        assertThat(analyze("FROM docker.io/library/alpine:3\n", versioned).images().get(0).raw()).isEqualTo("x:1");

        DockerfileInputs replaceStage = new DockerfileInputs(Map.of(), List.of(new NamedContext("base", "docker-image://alpine:3")), "", List.of());
        assertThat(analyze(text, replaceStage).images()).extracting(i -> i.raw()).containsExactly("alpine:3", "tools");
    }

    @Test
    void platform_args_are_predefined_for_from() throws Exception {
        assertThat(needed("FROM --platform=$BUILDPLATFORM golang:1.22-${TARGETARCH}\n")).containsExactly("docker.io/library/golang:1.22-amd64");
        DockerfileInputs arm = new DockerfileInputs(Map.of(), List.of(), "", List.of("linux/arm64", "linux/amd64"));
        assertThat(analyze("FROM tools:${TARGETOS}-${TARGETARCH}\n", arm).images().get(0).raw()).isEqualTo("tools:linux-arm64");
    }

    @Test
    void digests_are_kept() throws Exception {
        String digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assertThat(needed("FROM alpine@" + digest + "\n")).containsExactly("docker.io/library/alpine@" + digest);
    }

    @Test
    void invalid_references_name_the_file_and_line() {
        assertThatThrownBy(() -> analyze("FROM alpine\n\nFROM MyBase\n")).isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:3: invalid reference format: repository name (library/MyBase) must be lowercase");
    }

    @Test
    void instructions_before_the_first_from_other_than_arg_are_errors() {
        assertThatThrownBy(() -> analyze("RUN true\nFROM alpine\n")).hasMessageStartingWith("Dockerfile:1: no build stage in current context");
        assertThatThrownBy(() -> analyze("# only a comment\n")).hasMessageContaining("no FROM instruction");
    }
}
