package dev.buildxlens.core.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.gitlab.GitlabPipeline.Job;
import dev.buildxlens.core.gitlab.GitlabPipeline.Runs;
import dev.buildxlens.core.workflow.WorkflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitLab's own composition of a pipeline: includes, default, extends, !reference, anchors, matrices and rules. */
class GitlabCiParserTest {

    @TempDir
    Path repo;

    private GitlabPipeline read(String text) throws Exception {
        Files.writeString(repo.resolve(".gitlab-ci.yml"), text);
        return GitlabCiParser.read(repo.resolve(".gitlab-ci.yml"), repo);
    }

    private static Job job(GitlabPipeline pipeline, String name) {
        return pipeline.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void extends_merges_deeply_and_the_job_wins_lists_are_replaced() throws Exception {
        GitlabPipeline pipeline = read("""
                .docker:
                  image: docker:27
                  services: [docker:27-dind]
                  variables: {DOCKER_TLS_CERTDIR: "/certs", A: base}
                  before_script: [docker info]
                .login:
                  before_script: [docker login]
                build:
                  extends: [.docker, .login]
                  variables: {A: own}
                  script:
                    - docker build -t app .
                """);
        Job build = job(pipeline, "build");
        assertThat(pipeline.jobs()).extracting(Job::name).containsExactly("build");
        assertThat(build.image()).isEqualTo("docker:27");
        assertThat(build.variables()).containsEntry("DOCKER_TLS_CERTDIR", "/certs").containsEntry("A", "own");
        assertThat(build.script()).extracting(GitlabPipeline.ScriptLine::text).as("the later template's before_script replaces the earlier's")
                .containsExactly("docker login", "docker build -t app .");
        assertThat(build.script().get(1).line()).isEqualTo(12);
        assertThat(build.services()).singleElement().satisfies(s -> {
            assertThat(s.hostnames()).containsExactly("docker");
            assertThat(s.isDockerInDocker()).isTrue();
        });
        assertThat(build.stage()).isEqualTo("test");
    }

    @Test
    void default_fills_what_a_job_lacks_unless_it_opts_out_and_anchors_merge() throws Exception {
        GitlabPipeline pipeline = read("""
                default:
                  image: docker:24
                  before_script: [docker info]
                variables:
                  GLOBAL: "1"
                .vars: &vars
                  X: from-anchor
                a:
                  variables:
                    <<: *vars
                    Y: own
                  script: [echo a]
                b:
                  inherit:
                    default: false
                  script: [echo b]
                """);
        assertThat(job(pipeline, "a").image()).isEqualTo("docker:24");
        assertThat(job(pipeline, "a").script()).extracting(GitlabPipeline.ScriptLine::text).containsExactly("docker info", "echo a");
        assertThat(job(pipeline, "a").variables()).containsEntry("X", "from-anchor").containsEntry("Y", "own");
        assertThat(job(pipeline, "b").image()).isEmpty();
        assertThat(pipeline.variables()).containsEntry("GLOBAL", "1");
    }

    @Test
    void references_resolve_through_extends_and_script_lists_flatten() throws Exception {
        GitlabPipeline pipeline = read("""
                .setup:
                  script:
                    - docker context create tls
                    - docker buildx create --use tls
                .base:
                  stage: build
                .job:
                  extends: .base
                job:
                  stage: !reference [.job, stage]
                  script:
                    - !reference [.setup, script]
                    - docker buildx build --push .
                """);
        Job job = job(pipeline, "job");
        assertThat(job.stage()).isEqualTo("build");
        assertThat(job.script()).extracting(GitlabPipeline.ScriptLine::text)
                .containsExactly("docker context create tls", "docker buildx create --use tls", "docker buildx build --push .");
        assertThat(job.script().get(0).line()).as("a referenced line keeps where it was written").isEqualTo(3);
    }

    @Test
    void local_includes_merge_under_the_main_file_and_others_are_named_not_followed() throws Exception {
        Files.createDirectories(repo.resolve("ci"));
        Files.writeString(repo.resolve("ci/build.yml"), "build:\n  image: docker:20\n  script: [docker build .]\n");
        GitlabPipeline pipeline = read("""
                include:
                  - local: /ci/build.yml
                  - template: Security/SAST.gitlab-ci.yml
                  - project: group/other
                    file: x.yml
                build:
                  image: docker:27
                """);
        Job build = job(pipeline, "build");
        assertThat(build.image()).as("the main file wins").isEqualTo("docker:27");
        assertThat(build.script()).singleElement().satisfies(s -> assertThat(s.file()).isEqualTo("ci/build.yml"));
        assertThat(pipeline.notFollowed()).hasSize(2).anySatisfy(n -> assertThat(n).contains("template: Security/SAST.gitlab-ci.yml"));
    }

    @Test
    void parallel_matrix_makes_a_job_per_combination() throws Exception {
        GitlabPipeline pipeline = read("""
                build:
                  parallel:
                    matrix:
                      - ARCH: [amd64, arm64]
                        OS: linux
                      - ARCH: riscv64
                  script: [docker build --platform $OS/$ARCH .]
                """);
        assertThat(pipeline.jobs()).extracting(Job::name)
                .containsExactly("build: [amd64, linux]", "build: [arm64, linux]", "build: [riscv64]");
        assertThat(job(pipeline, "build: [arm64, linux]").variables()).containsEntry("ARCH", "arm64").containsEntry("OS", "linux");
    }

    @Test
    void literal_rules_and_when_decide_whether_a_job_runs() throws Exception {
        GitlabPipeline pipeline = read("""
                never:
                  rules: [{when: never}]
                  script: [x]
                conditional:
                  rules:
                    - if: $CI_COMMIT_TAG
                  script: [x]
                always:
                  rules:
                    - when: always
                  script: [x]
                manual:
                  when: manual
                  script: [x]
                """);
        assertThat(pipeline.jobs()).extracting(Job::runs).containsExactly(Runs.NEVER, Runs.MAYBE, Runs.YES, Runs.MAYBE);
    }

    @Test
    void hostile_and_broken_configurations_are_errors_with_file_and_line() throws Exception {
        assertThatThrownBy(() -> read("a:\n  extends: .missing\n  script: [x]\n")).isInstanceOf(WorkflowException.class)
                .hasMessage(".gitlab-ci.yml:2: job 'a' extends '.missing', which is not defined");
        assertThatThrownBy(() -> read(".a:\n  extends: .b\n.b:\n  extends: .a\nc:\n  extends: .a\n")).hasMessageContaining("extends loop");
        assertThatThrownBy(() -> read("a:\n  script: !reference [.nope, script]\n")).hasMessageContaining(".gitlab-ci.yml:2: !reference");
        Files.writeString(repo.resolve("self.yml"), "include: self.yml\n");
        assertThatThrownBy(() -> GitlabCiParser.read(repo.resolve("self.yml"), repo)).hasMessageContaining("includes itself");
        assertThatThrownBy(() -> read("include: ../../etc/passwd\n")).hasMessageContaining("outside the repository");
        assertThatThrownBy(() -> read("a: [1\n")).hasMessageStartingWith(".gitlab-ci.yml:");
    }

    @Test
    void service_host_names_follow_gitlab() {
        assertThat(GitlabCiParser.derivedHostnames("docker:24-dind")).containsExactly("docker");
        assertThat(GitlabCiParser.derivedHostnames("registry.example.com/tools/registry:2")).containsExactly(
                "registry.example.com__tools__registry", "registry.example.com-tools-registry");
        assertThat(GitlabCiParser.derivedHostnames("postgres@sha256:abc")).containsExactly("postgres");
    }

    @Test
    void real_configurations_from_the_corpus_are_read_whole() throws Exception {
        Path gdk = Path.of("src/test/resources/corpus/gitlab/c-gdk-buildx-create-tls-off-include-local/repo");
        GitlabPipeline pipeline = GitlabCiParser.read(gdk.resolve(".gitlab-ci.yml"), gdk);
        // Nine local includes, templates from other projects named, and the stage taken through !reference + extends.
        assertThat(pipeline.notFollowed()).anySatisfy(n -> assertThat(n).startsWith("include template:"));
        Job release = job(pipeline, "release-image");
        assertThat(release.variables()).containsEntry("DOCKER_TLS_CERTDIR", "").containsEntry("DOCKER_HOST", "tcp://docker:2375");
        assertThat(release.script()).extracting(GitlabPipeline.ScriptLine::text).contains("docker buildx create --use");
        assertThat(job(pipeline, "gitpod-docker-image").stage()).as(".verify-job extends .verify-base-job, stage: verify").isEqualTo("verify");
        List<String> files = pipeline.jobs().stream().map(Job::file).distinct().toList();
        assertThat(files).contains(".gitlab/ci/build.gitlab-ci.yml", ".gitlab/ci/verify.gitlab-ci.yml");
    }
}
