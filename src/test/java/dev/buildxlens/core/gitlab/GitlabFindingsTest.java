package dev.buildxlens.core.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.fix.UnifiedDiff;
import dev.buildxlens.core.pipeline.DiagnosisPipeline;
import dev.buildxlens.core.pipeline.FixChoices;
import dev.buildxlens.core.pipeline.GitlabCiBuild;
import dev.buildxlens.core.pipeline.PipelineResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitLab's own failure modes through the pipeline (buildx-facts §9.5): an image built in one job is not in the next
 * job's fresh docker:dind (the transfer-between-jobs patch carries it as an artifact, and re-diagnosed the patched
 * file is clean); a {@code registry:2} service is reachable by its alias from the job's container, not from a BuildKit
 * container that {@code docker buildx create} started inside docker:dind.
 */
class GitlabFindingsTest {

    @TempDir
    Path repo;

    private Path write(String name, String content) throws Exception {
        Path file = repo.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private PipelineResult diagnose(Path file) throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        return DiagnosisPipeline.run(new GitlabCiBuild(file, repo, ""), () -> {
            throw new AssertionError("a GitLab pipeline runs on simulated runners, not on this machine");
        }, new FixChoices(FixChoices.DEFAULT_REGISTRY));
    }

    private static List<String> ids(PipelineResult result) {
        return result.diagnosis().findings().stream().map(Finding::id).toList();
    }

    private static final String JOB_TO_JOB = """
            stages: [build, test]
            default:
              image: docker:27
              services:
                - docker:27-dind
            build-base:
              stage: build
              script:
                - docker build -t shop-base:latest base
            test:
              stage: test
              script:
                - docker build -t shop-tests app
                - docker run --rm shop-tests
            """;

    @Test
    void an_image_from_an_earlier_job_is_carried_by_the_transfer_patch_and_the_patched_file_is_clean() throws Exception {
        write("base/Dockerfile", "FROM alpine:3.20\n");
        write("app/Dockerfile", "FROM shop-base:latest\nCOPY . /tests\n");
        Path ci = write(".gitlab-ci.yml", JOB_TO_JOB);

        PipelineResult result = diagnose(ci);
        assertThat(ids(result)).containsExactly("image-from-other-job");
        Finding finding = result.diagnosis().findings().get(0);
        assertThat(finding.job()).isEqualTo("test");
        assertThat(finding.file()).isEqualTo(".gitlab-ci.yml");
        assertThat(finding.line()).isEqualTo(13);
        FixPlan transfer = result.fixesFor(finding).stream().filter(p -> p.id().equals("transfer-between-jobs")).findFirst().orElseThrow();
        assertThat(transfer.summary()).contains("from job build-base to job test");
        assertThat(transfer.patches()).hasSize(1);
        Snippet patch = transfer.patches().get(0);
        assertThat(patch.title()).isEqualTo(".gitlab-ci.yml");
        assertThat(patch.content())
                .contains("+    - docker save shop-base:latest -o shop-base-latest.tar")
                .contains("+  artifacts:")
                .contains("+      - shop-base-latest.tar")
                .contains("+    - docker load -i shop-base-latest.tar");

        // Applied, the patched file re-parses, the save comes after the build, the load before the build that needs it,
        // and the finding is gone.
        String patched = UnifiedDiff.apply(JOB_TO_JOB, patch.content());
        Files.writeString(ci, patched);
        GitlabPipeline pipeline = GitlabCiParser.read(ci, repo);
        GitlabPipeline.Job base = pipeline.jobs().stream().filter(j -> j.name().equals("build-base")).findFirst().orElseThrow();
        GitlabPipeline.Job test = pipeline.jobs().stream().filter(j -> j.name().equals("test")).findFirst().orElseThrow();
        assertThat(base.script()).extracting(GitlabPipeline.ScriptLine::text)
                .containsExactly("docker build -t shop-base:latest base", "docker save shop-base:latest -o shop-base-latest.tar");
        assertThat(test.script()).extracting(GitlabPipeline.ScriptLine::text).startsWith("docker load -i shop-base-latest.tar",
                "docker build -t shop-tests app");
        PipelineResult again = diagnose(ci);
        assertThat(ids(again)).doesNotContain("image-from-other-job");
        assertThat(again.fixes().plans()).extracting(FixPlan::id).doesNotContain("transfer-between-jobs");
    }

    @Test
    void jobs_of_the_same_stage_cannot_pass_artifacts_so_no_transfer_is_offered() throws Exception {
        write("base/Dockerfile", "FROM alpine:3.20\n");
        write("app/Dockerfile", "FROM shop-base:latest\n");
        Path ci = write(".gitlab-ci.yml", """
                default:
                  image: docker:27
                  services: [docker:27-dind]
                build-base:
                  script:
                    - docker build -t shop-base:latest base
                build-app:
                  script:
                    - docker build -t shop-app app
                """);
        PipelineResult result = diagnose(ci);
        assertThat(ids(result)).contains("image-from-other-job");
        Finding finding = result.diagnosis().findings().stream().filter(f -> f.id().equals("image-from-other-job")).findFirst().orElseThrow();
        assertThat(result.fixesFor(finding)).extracting(FixPlan::id).doesNotContain("transfer-between-jobs");
        assertThat(result.fixes().notOfferedFor(finding.key())).extracting(NotOffered::reason)
                .anySatisfy(reason -> assertThat(reason).contains("does not run after job build-base").contains("$CI_REGISTRY_IMAGE"));
    }

    /** A job with a registry:2 service and docker:dind; %s is its script (shared with the app's test of the same case). */
    private static final String SERVICE_REGISTRY = dev.buildxlens.testing.Fixtures.text("gitlab/registry-service-job.yml");
    @Test
    void a_buildkit_container_inside_dind_cannot_reach_the_registry_service_by_its_alias() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Path ci = write(".gitlab-ci.yml", SERVICE_REGISTRY.formatted(
                "docker buildx create --use --driver docker-container\n    - docker buildx build -t registry:5000/app:1 --push ."));
        PipelineResult result = diagnose(ci);
        assertThat(ids(result)).contains("service-registry-unreachable");
        Finding finding = result.diagnosis().findings().stream().filter(f -> f.id().equals("service-registry-unreachable")).findFirst()
                .orElseThrow();
        assertThat(finding.severity().label()).isEqualTo("error");
        assertThat(finding.job()).isEqualTo("build");
        assertThat(finding.line()).isEqualTo(12);
        assertThat(finding.message()).contains("cannot reach registry:5000").contains("push");
        assertThat(finding.explanation()).contains("service registry:2").contains("inside docker:dind");
    }

    @Test
    void a_base_image_pulled_from_the_registry_service_fails_the_same_way() throws Exception {
        write("Dockerfile", "FROM registry:5000/base:1\n");
        Path ci = write(".gitlab-ci.yml", SERVICE_REGISTRY.formatted(
                "docker buildx create --use --driver docker-container\n    - docker buildx build -t app:1 ."));
        PipelineResult result = diagnose(ci);
        assertThat(ids(result)).contains("service-registry-unreachable");
        Finding finding = result.diagnosis().findings().stream().filter(f -> f.id().equals("service-registry-unreachable")).findFirst()
                .orElseThrow();
        assertThat(finding.message()).contains("cannot reach registry:5000").contains("registry:5000/base:1");
    }

    @Test
    void the_dind_daemons_own_builder_uses_the_service_with_an_assumption_not_a_finding() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Path ci = write(".gitlab-ci.yml", SERVICE_REGISTRY.formatted(
                "docker build -t registry:5000/app:1 .\n    - docker push registry:5000/app:1"));
        PipelineResult result = diagnose(ci);
        assertThat(ids(result)).doesNotContain("service-registry-unreachable");
        assertThat(result.diagnosis().assumptions()).anySatisfy(a -> assertThat(a)
                .contains("whether the docker:dind daemon reaches registry:5000 by the service's name"));
    }

    /**
     * The fix for a registry service (buildx-facts §9.5, §9.7): the services on one network, the builder on dind's,
     * and the registry's plain HTTP in a buildkitd.toml. Each part alone leaves the push failing with its own reason;
     * the patch adds all three, applies, re-parses, and the re-diagnosed pipeline has no finding but says what it takes
     * from the config file.
     */
    @Test
    void the_host_network_patch_gives_the_builder_the_service_and_the_patched_file_is_clean() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        // A commented-out create nearer the build is not the one that made the builder.
        String original = SERVICE_REGISTRY.formatted(
                "docker buildx create --use --name ci --driver docker-container\n    # - docker buildx create --name ci\n"
                        + "    - docker buildx build -t registry:5000/app:1 --push .");
        Path ci = write(".gitlab-ci.yml", original);
        PipelineResult result = diagnose(ci);
        Finding finding = result.diagnosis().findings().stream().filter(f -> f.id().equals("service-registry-unreachable")).findFirst()
                .orElseThrow();
        assertThat(finding.fixes()).containsExactly("add-network-host", "use-docker-driver");
        FixPlan plan = result.fixesFor(finding).stream().filter(p -> p.id().equals("add-network-host")).findFirst().orElseThrow();
        assertThat(plan.patches()).hasSize(1);
        String patch = plan.patches().get(0).content();
        assertThat(patch)
                .contains("+    FF_NETWORK_PER_BUILD: \"true\"")
                .contains("+    - printf '[registry.\"registry:5000\"]\\n  http = true\\n' > buildkitd.toml")
                .contains("+    - docker buildx create --driver-opt network=host --config buildkitd.toml --use --name ci --driver docker-container");
        assertThat(result.fixes().notOfferedFor(finding.key())).extracting(NotOffered::reason)
                .anySatisfy(reason -> assertThat(reason).contains("--insecure-registry"));

        String patched = UnifiedDiff.apply(original, patch);
        Files.writeString(ci, patched);
        GitlabPipeline.Job job = GitlabCiParser.read(ci, repo).jobs().get(0);
        assertThat(job.variables()).containsEntry("FF_NETWORK_PER_BUILD", "true");
        assertThat(job.script()).extracting(GitlabPipeline.ScriptLine::text).containsExactly(
                "printf '[registry.\"registry:5000\"]\\n  http = true\\n' > buildkitd.toml",
                "docker buildx create --driver-opt network=host --config buildkitd.toml --use --name ci --driver docker-container",
                "docker buildx build -t registry:5000/app:1 --push .");
        PipelineResult again = diagnose(ci);
        assertThat(ids(again)).doesNotContain("service-registry-unreachable");
        assertThat(again.diagnosis().assumptions()).anySatisfy(a -> assertThat(a).contains("builder ci reaches registry:5000")
                .contains("buildkitd.toml"));
    }

    /** Each part of the fix alone: the finding stays, and says what is still missing. */
    @Test
    void host_network_alone_or_without_the_http_config_still_fails_and_says_why() throws Exception {
        write("Dockerfile", "FROM alpine:3.20\n");
        Path ci = write(".gitlab-ci.yml", SERVICE_REGISTRY.formatted(
                "docker buildx create --use --driver docker-container --driver-opt network=host\n"
                        + "    - docker buildx build -t registry:5000/app:1 --push ."));
        Finding noNetwork = diagnose(ci).diagnosis().findings().stream().filter(f -> f.id().equals("service-registry-unreachable"))
                .findFirst().orElseThrow();
        assertThat(noNetwork.explanation()).contains("FF_NETWORK_PER_BUILD").contains("only the job's own container");

        Path withFlag = write(".gitlab-ci.yml", SERVICE_REGISTRY.replace("DOCKER_TLS_CERTDIR: \"\"", "DOCKER_TLS_CERTDIR: \"\"\n    FF_NETWORK_PER_BUILD: 1")
                .formatted("docker buildx create --use --driver docker-container --driver-opt network=host\n"
                        + "    - docker buildx build -t registry:5000/app:1 --push ."));
        PipelineResult result = diagnose(withFlag);
        Finding noHttp = result.diagnosis().findings().stream().filter(f -> f.id().equals("service-registry-unreachable")).findFirst()
                .orElseThrow();
        assertThat(noHttp.explanation()).contains("plain HTTP").contains("http = true");
        FixPlan plan = result.fixesFor(noHttp).stream().filter(p -> p.id().equals("add-network-host")).findFirst().orElseThrow();
        assertThat(plan.alreadyDone()).anySatisfy(d -> assertThat(d).contains("FF_NETWORK_PER_BUILD"))
                .anySatisfy(d -> assertThat(d).contains("host network"));
        assertThat(plan.patches().get(0).content()).doesNotContain("+    FF_NETWORK_PER_BUILD").doesNotContain("--driver-opt network=host --driver-opt")
                .contains("+    - docker buildx create --config buildkitd.toml --use --driver docker-container --driver-opt network=host");
    }
}
