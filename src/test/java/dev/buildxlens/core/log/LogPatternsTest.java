package dev.buildxlens.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.Evidence;
import dev.buildxlens.core.diagnose.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * One test per recognised failure, in each wording buildx and BuildKit have printed (buildx-facts §8, §9.5): the
 * findings a single line establishes, and the possible causes (with missing facts) of the ambiguous ones.
 */
class LogPatternsTest {

    private static LogDiagnosis diagnose(String log) throws IOException {
        return LogDiagnoser.diagnose(new LogReader().read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "build.log"));
    }

    private static List<String> findings(LogDiagnosis d) {
        return d.findings().stream().map(Finding::id).toList();
    }

    private static List<String> possible(LogDiagnosis d) {
        return d.possible().stream().map(PossibleCause::id).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // docker driver, multi-platform: ≤0.10 lower case, 0.11 capitalised, ≥0.12 new text, ≥0.25 "failed to build:" prefix
        "error: multiple platforms feature is currently not supported for docker driver. Please switch to a different driver (eg. \"docker buildx create --use\")|docker-driver-multiplatform",
        "ERROR: Multiple platforms feature is currently not supported for docker driver. Please switch to a different driver (eg. \"docker buildx create --use\")|docker-driver-multiplatform",
        "ERROR: Multi-platform build is not supported for the docker driver.|docker-driver-multiplatform",
        "ERROR: failed to build: Multi-platform build is not supported for the docker driver.|docker-driver-multiplatform",
        // cache export, same generations
        "error: cache export feature is currently not supported for docker driver. Please switch to a different driver (eg. \"docker buildx create --use\")|docker-driver-cache-export",
        "ERROR: Cache export feature is currently not supported for docker driver. Please switch to a different driver (eg. \"docker buildx create --use\")|docker-driver-cache-export",
        "ERROR: failed to build: Cache export is not supported for the docker driver.|docker-driver-cache-export",
        // exporters on the docker driver
        "ERROR: Docker exporter is not supported for the docker driver.|docker-driver-exporter",
        "ERROR: OCI exporter is not supported for the docker driver.|docker-driver-exporter",
        // the docker exporter and manifest lists: both texts of §8
        "error: docker exporter does not currently support exporting manifest lists|docker-exporter-multiplatform",
        "ERROR: docker exporter does not support exporting manifest lists, use the oci exporter instead|docker-exporter-multiplatform",
        // buildx create with TLS from the environment: old ending, new ending (§9.5)
        "could not create a builder instance with TLS data loaded from environment. Please use `docker context create <context-name>` to create a context for current environment and then create a builder instance with `docker buildx create <context-name>`|buildx-create-tls-env",
        "ERROR: could not create a builder instance with TLS data loaded from environment. Please use `docker context create <context-name>` to create a context for current environment and then create a builder instance with context set to <context-name>|buildx-create-tls-env",
        // blank FROM ARG: frontend prefix (Docker 20.10), ${X}, $X with the ≥0.25 prefix
        "failed to solve with frontend dockerfile.v0: failed to create LLB definition: base name ($BASE) should not be blank|from-arg-without-default",
        "ERROR: failed to solve: base name (${IMAGE}) should not be blank|from-arg-without-default",
        "ERROR: failed to build: failed to solve: base name ($BUILD_FROM) should not be blank|from-arg-without-default",
    })
    void a_line_that_names_its_cause_is_a_finding(String line, String id) throws IOException {
        LogDiagnosis d = diagnose(line + "\n");
        assertThat(findings(d)).containsExactly(id);
        assertThat(d.possible()).isEmpty();
        Finding finding = d.findings().get(0);
        assertThat(finding.line()).isEqualTo(1);
        assertThat(finding.file()).isEqualTo("build.log");
        assertThat(finding.evidence()).extracting(Evidence::line).contains(1);
    }

    @Test
    void the_feature_errors_name_the_docker_driver() throws IOException {
        LogDiagnosis d = diagnose("ERROR: Multi-platform build is not supported for the docker driver.\n"
                + "Switch to a different driver, or turn on the containerd image store, and try again.\n");
        assertThat(d.facts().builder().driver()).isEqualTo("docker");
        assertThat(d.facts().builder().name()).isNull();
    }

    @Test
    void the_arg_of_a_blank_from_is_the_subject() throws IOException {
        assertThat(diagnose("ERROR: failed to solve: base name (${IMAGE}) should not be blank\n").findings().get(0).subject().arg())
                .isEqualTo("IMAGE");
        assertThat(diagnose("base name ($BUILD_FROM) should not be blank\n").findings().get(0).subject().arg()).isEqualTo("BUILD_FROM");
    }

    @Test
    void the_lint_warning_alone_is_not_a_blank_from() throws IOException {
        LogDiagnosis d = diagnose("#1 WARN: InvalidDefaultArgInFrom: Default value for ARG $BUILD_FROM results in empty or invalid base image name (line 10)\n"
                + "#1 DONE 0.0s\n");
        assertThat(d.findings()).isEmpty();
        assertThat(d.facts().outcome()).isNotEqualTo(LogOutcome.FAILURE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // 2021 BuildKit (authorization status: 401), current (server message), the ≥0.25 "not found" form, ghcr.io's 403
        "error: failed to solve: ds_test_base:test: pull access denied, repository does not exist or may require authorization: authorization status: 401: authorization failed",
        "ERROR: failed to solve: dmca-base:latest: failed to resolve source metadata for docker.io/library/dmca-base:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
        "ERROR: failed to build: failed to solve: ghcr.io/acme/base:1: failed to resolve source metadata for ghcr.io/acme/base:1: not found",
        "#2 ERROR: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fbase%3Apull&service=ghcr.io: 403 Forbidden",
        "failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request: Head \"https://registry-1.docker.io/v2/library/base/manifests/1\": dial tcp: lookup registry-1.docker.io on 10.0.0.1:53: no such host",
    })
    void a_registry_that_has_no_image_leaves_both_local_causes_possible(String line) throws IOException {
        LogDiagnosis d = diagnose(line + "\n");
        assertThat(d.findings()).isEmpty();
        assertThat(possible(d)).containsExactly("local-image-invisible", "local-image-wrong-platform");
        assertThat(d.possible().get(0).missing()).containsExactly("builder-driver", "image-in-daemon-store");
        assertThat(d.possible().get(1).missing()).containsExactly("builder-driver", "image-in-daemon-store", "image-platform");
    }

    @Test
    void the_driver_in_the_log_decides_between_the_local_causes() throws IOException {
        String error = "ERROR: failed to solve: base: failed to resolve source metadata for docker.io/library/base:latest: pull access denied, "
                + "repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n";
        LogDiagnosis container = diagnose("#0 building with \"ci\" instance using docker-container driver\n" + error);
        assertThat(possible(container)).containsExactly("local-image-invisible");
        assertThat(container.possible().get(0).missing()).containsExactly("image-in-daemon-store");
        assertThat(container.possible().get(0).evidence()).extracting(Evidence::line).containsExactly(1, 2);
        LogDiagnosis docker = diagnose("#0 building with \"default\" instance using docker driver\n" + error);
        assertThat(possible(docker)).containsExactly("local-image-wrong-platform");
        assertThat(docker.facts().failingImage()).isEqualTo("base");
        assertThat(docker.facts().failingRef()).isEqualTo("docker.io/library/base:latest");
    }

    @Test
    void a_registry_that_refuses_credentials_is_not_a_local_image() throws IOException {
        LogDiagnosis d = diagnose("ERROR: failed to build: failed to solve: alpine:3.9: failed to resolve source metadata for docker.io/library/alpine:3.9: "
                + "unexpected status from HEAD request to https://registry-1.docker.io/v2/library/alpine/manifests/3.9: 401 Unauthorized\n");
        assertThat(findings(d)).containsExactly("log-not-recognised");
        assertThat(d.findings().get(0).explanation()).contains("line 1").contains("401 Unauthorized");
        assertThat(d.possible()).isEmpty();
    }

    @Test
    void a_loopback_registry_that_refuses_is_about_the_network_or_a_missing_registry() throws IOException {
        LogDiagnosis d = diagnose("error: failed to solve: rpc error: code = Unknown desc = failed to solve with frontend dockerfile.v0: failed to create LLB "
                + "definition: failed to do request: Head http://localhost:5000/v2/x/manifests/1: dial tcp 127.0.0.1:5000: connect: connection refused\n");
        assertThat(possible(d)).containsExactly("localhost-registry-unreachable", "localhost-registry-missing");
        assertThat(d.possible().get(0).missing()).containsExactly("builder-network", "registry-listening");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http: server gave HTTP response to HTTPS client",
        "#4 ERROR: failed to do request: Head \"https://registry.example/v2/x/manifests/latest\": x509: certificate signed by unknown authority",
        "#10 ERROR: failed to push registry.example/x:1: failed to do request: Head \"https://registry.example/v2/x/blobs/sha256:00\": tls: failed to verify certificate: x509: certificate signed by unknown authority",
    })
    void registry_trust_errors_leave_the_builder_settings_possible(String line) throws IOException {
        LogDiagnosis d = diagnose(line + "\n");
        assertThat(findings(d)).isEmpty();
        assertThat(possible(d)).containsExactly("registry-config-not-inherited");
        assertThat(d.possible().get(0).missing()).contains("builder-driver", "daemon-registry-config");
    }

    @Test
    void unable_to_find_after_a_container_build_without_output_is_result_not_loaded() throws IOException {
        String run = "Unable to find image 'app:latest' locally\n"
                + "docker: Error response from daemon: pull access denied for app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied.\n";
        LogDiagnosis confirmed = diagnose("WARNING: No output specified with docker-container driver. Build result will only remain in the build cache. "
                + "To push result image into registry use --push or to load image into docker use --load\n" + run);
        assertThat(findings(confirmed)).containsExactly("result-not-loaded");
        assertThat(confirmed.findings().get(0).image()).isEqualTo("app:latest");
        assertThat(confirmed.facts().builder().driver()).isEqualTo("docker-container");
        LogDiagnosis alone = diagnose(run);
        assertThat(findings(alone)).isEmpty();
        assertThat(possible(alone)).containsExactly("result-not-loaded");
        assertThat(alone.possible().get(0).missing()).containsExactly("prior-build");
        LogDiagnosis afterFailedBuild = diagnose("ERROR: failed to solve: process \"/bin/sh -c make\" did not complete successfully: exit code: 2\n" + run);
        assertThat(findings(afterFailedBuild)).containsExactly("log-not-recognised");
        LogDiagnosis pulled = diagnose("Unable to find image 'hello:1' locally\n1: Pulling from library/hello\nStatus: Downloaded newer image for hello:1\n");
        assertThat(pulled.findings()).isEmpty();
        assertThat(pulled.possible()).isEmpty();
        assertThat(pulled.facts().outcome()).isEqualTo(LogOutcome.SUCCESS);
    }

    @Test
    void the_old_logrus_no_output_warning_names_the_driver_too() throws IOException {
        LogDiagnosis d = diagnose("WARN[0000] No output specified for docker-container driver. Build result will only remain in the build cache.\n");
        assertThat(d.facts().builder().driver()).isEqualTo("docker-container");
    }

    @Test
    void a_canceled_vertex_is_not_a_failure() throws IOException {
        LogDiagnosis d = diagnose(" => CANCELED [app internal] load metadata for docker.io/library/base:latest   0.1s\n");
        assertThat(d.findings()).isEmpty();
        assertThat(d.possible()).isEmpty();
        assertThat(d.facts().outcome()).isNotEqualTo(LogOutcome.FAILURE);
    }

    @Test
    void the_tty_header_suffix_is_the_builder_and_paths_named_docker_driver_are_not() throws IOException {
        LogDiagnosis d = diagnose("docker build -t x -f clients/cmd/docker-driver/Dockerfile .\n"
                + "[+] Building 1.8s (19/19) FINISHED                                     docker:orbstack\n"
                + " => [internal] load build definition from Dockerfile                  0.0s\n");
        assertThat(d.facts().builder().name()).isEqualTo("orbstack");
        assertThat(d.facts().builder().driver()).isEqualTo("docker");
        assertThat(d.facts().builder().evidence()).extracting(LogLine::number).containsExactly(2);
        assertThat(d.facts().outcome()).isEqualTo(LogOutcome.SUCCESS);
    }

    /**
     * buildx-facts §7.1 (build-push-action#1116): the recovered fragments hold the setup-buildx groups and the
     * build-push-action inputs but not the failing line. The builder is read from the groups; no failure is invented.
     * (The Name/Driver lines are written as setup-buildx-action prints them; the thread's own lines were not recovered.)
     */
    @Test
    void a_log_without_its_failing_line_says_so_and_still_names_the_builder() throws IOException {
        String log = """
                2024-05-10T10:00:00.0000000Z ##[group]Booting builder
                2024-05-10T10:00:00.1000000Z [command]/usr/bin/docker buildx inspect --bootstrap --builder builder-8fa135e1-9bce-4a29-9368-46a09a1d750d
                2024-05-10T10:00:01.0000000Z Name:          builder-8fa135e1-9bce-4a29-9368-46a09a1d750d
                2024-05-10T10:00:01.0000000Z Driver:        docker-container
                2024-05-10T10:00:01.0000000Z ##[endgroup]
                2024-05-10T10:00:02.0000000Z docker load --input /tmp/dmca-base.tar
                2024-05-10T10:00:03.0000000Z Loaded image: dmca-base:latest
                2024-05-10T10:00:04.0000000Z ##[group]Run docker/build-push-action@v5
                2024-05-10T10:00:04.0000000Z with:
                2024-05-10T10:00:04.0000000Z   context: dist/apps/api
                2024-05-10T10:00:04.0000000Z   build-contexts: dmca-base=docker-image://dmca-base:latest
                2024-05-10T10:00:04.0000000Z   tags: ghcr.io/domain/api:latest
                """;
        LogDiagnosis d = diagnose(log);
        assertThat(d.facts().kind()).isEqualTo(LogKind.GITHUB_ACTIONS);
        assertThat(d.facts().builder().name()).isEqualTo("builder-8fa135e1-9bce-4a29-9368-46a09a1d750d");
        assertThat(d.facts().builder().driver()).isEqualTo("docker-container");
        assertThat(d.facts().builder().evidence()).extracting(LogLine::number).containsExactly(3, 4);
        assertThat(d.facts().outcome()).isEqualTo(LogOutcome.SUCCESS_EXCERPT);
        assertThat(d.findings()).isEmpty();
        assertThat(d.possible()).isEmpty();
        assertThat(d.notes()).anyMatch(n -> n.startsWith("no failing line in this log"));
    }

    /**
     * The §7.1 fragments verbatim, with setup-buildx-action's "Inspect builder" group as it prints it (JSON.stringify
     * of the builder, src/main.ts; shape as in stored raw job logs: the builder's name and driver after its nodes) and
     * the docker-container worker §7.1 reports (executor oci, hostname a9cf9d28c2e7). The builder comes from the
     * group; the failing line is not in the fragments, and nothing is invented.
     */
    @Test
    void the_1116_fragments_name_the_builder_from_the_inspect_builder_group() throws IOException {
        String log = """
                2024-05-10T10:00:00.0000000Z ##[group]Inspect builder
                2024-05-10T10:00:00.0000000Z {
                2024-05-10T10:00:00.0000000Z   "nodes": [
                2024-05-10T10:00:00.0000000Z     {
                2024-05-10T10:00:00.0000000Z       "name": "builder-0f6ad7c4-1e4b-4d0a-9a57-0b6c2b0e4b1a0",
                2024-05-10T10:00:00.0000000Z       "endpoint": "unix:///var/run/docker.sock",
                2024-05-10T10:00:00.0000000Z       "status": "running",
                2024-05-10T10:00:00.0000000Z       "buildkit": "v0.13.2",
                2024-05-10T10:00:00.0000000Z       "labels": {
                2024-05-10T10:00:00.0000000Z         "org.mobyproject.buildkit.worker.executor": "oci",
                2024-05-10T10:00:00.0000000Z         "org.mobyproject.buildkit.worker.hostname": "a9cf9d28c2e7",
                2024-05-10T10:00:00.0000000Z         "org.mobyproject.buildkit.worker.snapshotter": "overlayfs"
                2024-05-10T10:00:00.0000000Z       }
                2024-05-10T10:00:00.0000000Z     }
                2024-05-10T10:00:00.0000000Z   ],
                2024-05-10T10:00:00.0000000Z   "name": "builder-0f6ad7c4-1e4b-4d0a-9a57-0b6c2b0e4b1a",
                2024-05-10T10:00:00.0000000Z   "driver": "docker-container",
                2024-05-10T10:00:00.0000000Z   "lastActivity": "2024-05-10T10:00:00.000Z"
                2024-05-10T10:00:00.0000000Z }
                2024-05-10T10:00:00.0000000Z ##[endgroup]
                2024-05-10T10:00:02.0000000Z docker load --input /tmp/dmca-base.tar
                2024-05-10T10:00:03.0000000Z Loaded image: dmca-base:latest
                2024-05-10T10:00:04.0000000Z ##[group]Run docker/build-push-action@v5
                2024-05-10T10:00:04.0000000Z with:
                2024-05-10T10:00:04.0000000Z   context: dist/apps/api
                2024-05-10T10:00:04.0000000Z   build-contexts: dmca-base=docker-image://dmca-base:latest
                2024-05-10T10:00:04.0000000Z   tags: ghcr.io/domain/api:latest
                2024-05-10T10:00:04.0000000Z   build-args: TAG=
                """;
        LogDiagnosis d = diagnose(log);
        assertThat(d.facts().kind()).isEqualTo(LogKind.GITHUB_ACTIONS);
        assertThat(d.facts().builder().name()).isEqualTo("builder-0f6ad7c4-1e4b-4d0a-9a57-0b6c2b0e4b1a");
        assertThat(d.facts().builder().driver()).isEqualTo("docker-container");
        assertThat(d.facts().builder().evidence()).extracting(LogLine::number).contains(16, 17);
        assertThat(d.facts().versions()).containsEntry("buildkit", "v0.13.2").containsEntry("build-push-action", "v5");
        assertThat(d.findings()).isEmpty();
        assertThat(d.possible()).isEmpty();
        assertThat(d.notes()).anyMatch(n -> n.startsWith("no failing line in this log"));
    }

    @Test
    void setup_buildx_inputs_name_the_driver_and_its_options() throws IOException {
        LogDiagnosis d = diagnose("""
                ##[group]Run docker/setup-buildx-action@v3
                with:
                  driver: docker
                  driver-opts: network=host
                  install: false
                ##[endgroup]
                ##[group]Run docker/build-push-action@v6
                with:
                  name: not-a-builder
                ##[endgroup]
                """);
        assertThat(d.facts().builder().driver()).isEqualTo("docker");
        assertThat(d.facts().builder().name()).isNull();
        assertThat(d.facts().builder().driverOpts()).containsEntry("network", "host");
        assertThat(d.facts().builder().evidence()).extracting(LogLine::number).containsExactly(3, 4);
        assertThat(d.facts().versions()).containsEntry("setup-buildx-action", "v3").containsEntry("build-push-action", "v6");
    }

    @Test
    void fixes_from_a_github_log_use_its_action_majors() throws IOException {
        LogDiagnosis d = diagnose("##[group]Run docker/setup-buildx-action@v3\n##[endgroup]\n"
                + "ERROR: Multi-platform build is not supported for the docker driver.\n");
        var fixes = LogFixPlanner.plan(d, java.nio.file.Path.of(""));
        assertThat(fixes.plans()).extracting(dev.buildxlens.core.fix.FixPlan::id).containsExactly("use-container-builder", "enable-containerd-store");
        assertThat(fixes.plans().get(0).steps().get(0).snippets().get(0).content())
                .contains("docker/setup-buildx-action@v3").contains("driver: docker-container");
    }

    @Test
    void a_failure_without_an_error_text_says_the_line_is_missing() throws IOException {
        LogDiagnosis d = diagnose("##[group]Run docker/build-push-action@v5\n##[endgroup]\nError: Process completed with exit code 1.\n");
        assertThat(findings(d)).containsExactly("log-not-recognised");
        // The runner's exit line is the only error line: it is named, and nothing else is claimed.
        assertThat(d.findings().get(0).explanation()).contains("line 3: Error: Process completed with exit code 1.");
    }

    @Test
    void evidence_is_redacted() throws IOException {
        LogDiagnosis d = diagnose("+ docker buildx build --build-arg NPM_TOKEN=s3cr3tvalue123 --platform linux/amd64,linux/arm64 .\n"
                + "#3 ERROR: failed to fetch: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig ghp_abcdefghijklmnopqrstuvwxyz0123456789\n"
                + "ERROR: failed to solve: NPM_TOKEN=s3cr3tvalue123 docker exporter does not currently support exporting manifest lists\n");
        String shown = d.findings().get(0).evidence().toString() + d.findings().get(0).explanation();
        assertThat(shown).doesNotContain("s3cr3tvalue123").contains("<redacted>");
        LogDiagnosis unknown = diagnose("#3 ERROR: failed to fetch: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig ghp_abcdefghijklmnopqrstuvwxyz0123456789\n");
        String text = unknown.findings().get(0).evidence().toString() + unknown.findings().get(0).explanation();
        assertThat(text).doesNotContain("eyJhbGciOiJIUzI1NiJ9").doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
    }
}
