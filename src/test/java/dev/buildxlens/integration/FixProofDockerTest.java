package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.pipeline.DiagnosisPipeline;
import dev.buildxlens.core.pipeline.DockerfileBuild;
import dev.buildxlens.core.pipeline.FixChoices;
import dev.buildxlens.core.pipeline.PipelineResult;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.testing.DockerCli;
import dev.buildxlens.testing.DockerTestSupport;
import dev.buildxlens.testing.LocalRegistry;
import dev.buildxlens.testing.TestBuilderStore;
import dev.buildxlens.workflow.ShellWordsForTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixes, proven on the real engine. There is no buildx plugin here, so each generated command is parsed and
 * checked for what it must say, then its Dockerfile, build args and image go through dockerd's own BuildKit
 * ({@code DOCKER_BUILDKIT=1 docker build}: the docker driver), and the result is run.
 */
class FixProofDockerTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String base = "lens-fix-" + run + "/base";
    private DockerTestSupport.Daemon daemon;
    private Path docker;
    private final List<String> cleanup = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeEach
    void setUp() throws Exception {
        daemon = DockerTestSupport.connect();
        docker = DockerCli.find().orElseThrow();
        DockerTestSupport.importBusyboxImage(daemon, base, "1");
        cleanup.add(base + ":1");
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            for (String image : cleanup) {
                DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(image).withForce(true).exec());
            }
            daemon.close();
        }
    }

    /**
     * Diagnoses {@code FROM base} on the live machine whose current builder is a docker-container builder, with the
     * Dockerfile given by its absolute path and {@code client} as the only docker on PATH.
     */
    private FixPlans fixes(Path app, String registry, Path client) throws Exception {
        TestBuilderStore store = TestBuilderStore.in(temp.resolve("store"))
                .builder("lensfix", "docker-container", daemon.host(), Map.of())
                .current(daemon.host(), "lensfix");
        Path bin = Files.createDirectories(temp.resolve("bin-" + client.getParent().getFileName()));
        Files.deleteIfExists(bin.resolve("docker"));
        Files.createSymbolicLink(bin.resolve("docker"), client);
        Snapshot snapshot = LiveProbe.forEnvironment(store.environment(daemon.host()).with("PATH", bin + ":/usr/bin:/bin"),
                LiveProbe.Options.defaults().withRegistries(registry.startsWith("127.") ? List.of(registry) : List.of())).take();
        Path dockerfile = app.resolve("Dockerfile").toAbsolutePath();
        PipelineResult result = DiagnosisPipeline.run(DockerfileBuild.onDisk(BuildSpec.newBuilder().dockerfile(dockerfile.toString())
                .contextDir(app.toAbsolutePath().toString()).build()), () -> snapshot, new FixChoices(registry));
        assertThat(result.diagnosis().findings()).extracting(f -> f.id()).containsExactly("local-image-invisible");
        return result.fixes();
    }

    private List<FixPlan> plans(Path app, String registry) throws Exception {
        return fixes(app, registry, docker).plans();
    }

    private Path app(String dockerfile) throws Exception {
        Path app = Files.createDirectories(temp.resolve("repo/app"));
        Files.writeString(app.resolve("Dockerfile"), dockerfile);
        return app;
    }

    private static Snippet snippet(FixPlan plan, String kind, String contains) {
        return plan.steps().stream().flatMap(s -> s.snippets().stream())
                .filter(s -> s.kind().equals(kind) && s.content().contains(contains)).findFirst().orElseThrow();
    }

    /** Runs {@code docker buildx build} words as the docker driver would: DOCKER_BUILDKIT=1 docker build. */
    private DockerCli.Result buildLikeDockerDriver(List<String> buildxWords, String tag) throws Exception {
        List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "-t", tag));
        for (int i = 3; i < buildxWords.size(); i++) {
            String word = buildxWords.get(i);
            if (word.equals("--builder")) {
                i++;
                continue;
            }
            args.add(word);
        }
        cleanup.add(tag);
        return DockerCli.run(docker, daemon.host(), Map.of("DOCKER_BUILDKIT", "1"), args, temp.resolve("repo"));
    }

    @Test
    void use_docker_driver_without_the_plugin_is_the_plain_build_the_client_can_run_and_it_runs() throws Exception {
        Path app = app("FROM " + base + ":1\nRUN echo built-on-docker-driver > /tmp/result\nCMD [\"/bin/busybox\", \"cat\", \"/tmp/result\"]\n");
        // Debian's 20.10 client without the plugin: DOCKER_BUILDKIT=1 docker build is dockerd's own BuildKit.
        Path debian = Path.of("/usr/bin/docker");
        if (!Files.isExecutable(debian)) {
            DockerTestSupport.unavailable("no /usr/bin/docker (Debian's docker.io 20.10 client)");
        }
        FixPlan plan = fixes(app, "localhost:5000", debian).plans().get(0);
        assertThat(plan.id()).isEqualTo("use-docker-driver");
        String command = snippet(plan, "shell", "docker build").content().strip();
        assertThat(command).startsWith("DOCKER_BUILDKIT=1 docker build -f " + app.resolve("Dockerfile").toAbsolutePath());
        assertThat(runGenerated(command, debian, "lens-fix-" + run + "/out:1").exitCode()).isZero();
        DockerCli.Result result = DockerCli.run(debian, daemon.host(), Map.of(), List.of("run", "--rm", "lens-fix-" + run + "/out:1"), null);
        assertThat(result.output().strip()).isEqualTo("built-on-docker-driver");
    }

    @Test
    void a_client_of_23_or_later_without_the_plugin_gets_the_legacy_builder_which_runs() throws Exception {
        Path app = app("FROM " + base + ":1\nRUN echo built-by-legacy > /tmp/result\nCMD [\"/bin/busybox\", \"cat\", \"/tmp/result\"]\n");
        Path recent = Path.of("/usr/local/bin/docker");
        // Debian's registries serve only the 20.10 client; this machine image has a 28.x client beside it. Without it
        // there is no client of 23 or later to prove the legacy-builder plan with (the 20.10 one is proven above): a
        // Docker test, so skipped on a developer's machine and a failure where Docker is required (CI).
        if (!Files.isExecutable(recent)) {
            dev.buildxlens.testing.DockerTestSupport.unavailable("no Docker CLI 23 or later at /usr/local/bin/docker");
        }
        FixPlans fixes = fixes(app, "localhost:5000", recent);
        FixPlan plan = fixes.plans().get(0);
        assertThat(plan.id()).isEqualTo("use-docker-driver");
        String command = snippet(plan, "shell", "docker build").content().strip();
        assertThat(command).startsWith("DOCKER_BUILDKIT=0 docker build");
        assertThat(runGenerated(command, recent, "lens-fix-" + run + "/legacy:1").exitCode()).isZero();
        // The fact the plan rests on: this client refuses DOCKER_BUILDKIT=1 without the plugin.
        DockerCli.Result refused = runGenerated(command.replace("DOCKER_BUILDKIT=0", "DOCKER_BUILDKIT=1"), recent, "lens-fix-" + run + "/bk:1");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("BuildKit is enabled but the buildx component is missing or broken");
        assertThat(fixes.plans().stream().filter(p -> p.id().equals("local-registry-bridge")).findFirst().orElseThrow().prerequisites())
                .anySatisfy(p -> assertThat(p).contains("the docker buildx plugin, which is not installed here"));
    }

    /** Runs a generated command line through /bin/sh with {@code client} as docker, against the test's daemon, tagging the image. */
    private DockerCli.Result runGenerated(String command, Path client, String tag) throws Exception {
        cleanup.add(tag);
        Path bin = Files.createDirectories(temp.resolve("run-bin"));
        Files.deleteIfExists(bin.resolve("docker"));
        Files.createSymbolicLink(bin.resolve("docker"), client);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command.replace(" docker build ", " docker build -t " + tag + " "))
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("DOCKER_HOST", daemon.host());
        builder.environment().put("DOCKER_CONFIG", Files.createDirectories(temp.resolve("cfg")).toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return new DockerCli.Result(process.exitValue(), output);
    }

    @Test
    void the_registry_bridge_pushes_patches_and_builds_from_the_registry() throws Exception {
        Path app = app("# the app\nFROM " + base + ":1\nRUN echo built-from-registry > /tmp/result\nCMD [\"/bin/busybox\", \"cat\", \"/tmp/result\"]\n");
        Process init = new ProcessBuilder("git", "init", "-q", temp.resolve("repo").toString()).redirectErrorStream(true).start();
        assertThat(init.waitFor()).isZero();
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(temp.resolve("registry")))) {
            FixPlans fixes = fixes(app, registry.host(), docker);
            FixPlan plan = fixes.plans().stream().filter(p -> p.id().equals("local-registry-bridge")).findFirst().orElseThrow();
            // The Dockerfile was given by its absolute path: the patch names it from the repository root.
            assertThat(fixes.patchRoot().directory()).isEqualTo(temp.resolve("repo").toAbsolutePath());
            assertThat(fixes.patchRoot().gitRepository()).isTrue();
            String pushed = registry.host() + "/lens-fix-" + run + "/base:1";
            cleanup.add(pushed);

            // 1. the generated tag and push, run for real
            for (String line : snippet(plan, "shell", "docker push").content().strip().split("\n")) {
                List<String> words = ShellWordsForTests.split(line);
                DockerCli.Result result = DockerCli.run(docker, daemon.host(), Map.of(), words.subList(1, words.size()), null);
                assertThat(result.exitCode()).as(line + "\n" + result.output()).isZero();
            }
            // 2. the builder it asks for reaches localhost
            assertThat(snippet(plan, "shell", "buildx create").content()).contains("--driver-opt network=host");
            // 3. the Dockerfile patch applies with git apply
            Snippet patch = snippet(plan, "dockerfile-patch", "@@");
            assertThat(patch.title()).isEqualTo("app/Dockerfile");
            assertThat(patch.content()).startsWith("--- a/app/Dockerfile\n+++ b/app/Dockerfile\n");
            Files.writeString(temp.resolve("fix.patch"), patch.content());
            DockerCli.Result apply = gitApply(fixes.patchRoot().directory(), temp.resolve("fix.patch"));
            assertThat(apply.exitCode()).as(apply.output()).isZero();
            assertThat(Files.readString(app.resolve("Dockerfile"))).startsWith("# the app\nARG BASE_IMAGE=" + base + ":1\nFROM ${BASE_IMAGE}\n");
            // 4. the local copies are gone: only the registry has the base now
            DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(base + ":1").withForce(true).exec());
            DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(pushed).withForce(true).exec());
            // 5. the generated build, with its --build-arg, through BuildKit
            List<String> build = ShellWordsForTests.split(snippet(plan, "shell", "--build-arg").content().strip());
            assertThat(build).contains("--build-arg", "BASE_IMAGE=" + pushed);
            DockerCli.Result result = buildLikeDockerDriver(build, "lens-fix-" + run + "/bridged:1");
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(registry.log()).contains("/v2/lens-fix-" + run + "/base/manifests/1");
            DockerCli.Result ran = DockerCli.run(docker, daemon.host(), Map.of(), List.of("run", "--rm", "lens-fix-" + run + "/bridged:1"), null);
            assertThat(ran.output().strip()).isEqualTo("built-from-registry");
        }
    }

    @Test
    void the_oci_layout_copy_produces_the_layout_the_build_context_names() throws Exception {
        app("FROM " + base + ":1\n");
        FixPlan plan = plans(temp.resolve("repo/app"), "localhost:5000").stream().filter(p -> p.id().equals("oci-layout-context"))
                .findFirst().orElseThrow();
        Path skopeo = Path.of("/usr/bin/skopeo");
        if (!Files.isExecutable(skopeo)) {
            DockerTestSupport.unavailable("no /usr/bin/skopeo (apt-get install skopeo)");
        }
        String[] lines = snippet(plan, "shell", "skopeo copy").content().strip().split("\n");
        List<String> mkdir = ShellWordsForTests.split(lines[0]);
        List<String> copy = ShellWordsForTests.split(lines[1]);
        Path layout = Path.of(mkdir.get(2));
        try {
            for (List<String> words : List.of(mkdir, copy)) {
                ProcessBuilder builder = new ProcessBuilder(words).redirectErrorStream(true);
                builder.environment().put("DOCKER_HOST", daemon.host());
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes());
                assertThat(process.waitFor()).as(String.join(" ", words) + "\n" + output).isZero();
            }
            List<String> build = ShellWordsForTests.split(snippet(plan, "shell", "oci-layout://").content().strip());
            String context = build.get(build.indexOf("--build-context") + 1);
            assertThat(context).isEqualTo("lens-fix-" + run + "/base:1=oci-layout://" + layout + ":1");
            assertThat(build.get(build.indexOf("-f") + 1)).isEqualTo(temp.resolve("repo/app/Dockerfile").toAbsolutePath().toString());
            var index = new com.fasterxml.jackson.databind.ObjectMapper().readTree(layout.resolve("index.json").toFile());
            var manifest = index.get("manifests").get(0);
            assertThat(manifest.at("/annotations/org.opencontainers.image.ref.name").asText()).isEqualTo("1");
            String digest = manifest.get("digest").asText();
            assertThat(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()))).exists();
        } finally {
            if (Files.exists(layout)) {
                try (var files = Files.walk(layout)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static DockerCli.Result gitApply(Path directory, Path patch) throws Exception {
        Process git = new ProcessBuilder("git", "apply", "--verbose", patch.toString()).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        git.waitFor();
        return new DockerCli.Result(git.exitValue(), output);
    }
}
