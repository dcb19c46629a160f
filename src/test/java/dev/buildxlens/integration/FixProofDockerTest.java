package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.LocalBuild;
import dev.buildxlens.core.fix.LocalFixContext;
import dev.buildxlens.core.fix.LocalFixPlanner;
import dev.buildxlens.core.fix.Snippet;
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

    /** Diagnoses {@code FROM base} on the live machine whose current builder is a docker-container builder. */
    private List<FixPlan> plans(Path app, String registry) throws Exception {
        TestBuilderStore store = TestBuilderStore.in(temp.resolve("store"))
                .builder("lensfix", "docker-container", daemon.host(), Map.of())
                .current(daemon.host(), "lensfix");
        Snapshot snapshot = LiveProbe.forEnvironment(store.environment(daemon.host()),
                LiveProbe.Options.defaults().withRegistries(registry.startsWith("127.") ? List.of(registry) : List.of())).take();
        String dockerfile = Files.readString(app.resolve("Dockerfile"));
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(dockerfile, "app/Dockerfile"), DockerfileInputs.none());
        var result = BuildDiagnoser.diagnose(snapshot, new BuildRequest(analysis, "", List.of(), false, false, List.of(), List.of(), false,
                "app/Dockerfile", 1, null, null));
        assertThat(result.findings()).extracting(f -> f.id()).containsExactly("local-image-invisible");
        Diagnosis diagnosis = new Diagnosis(List.of(result.check()), result.findings(), List.of());
        LocalBuild build = new LocalBuild("app/Dockerfile", "app", Map.of(), List.of(), "", List.of(), false, false, false, List.of(), List.of(), "");
        return LocalFixPlanner.plan(diagnosis, new LocalFixContext(snapshot, analysis, dockerfile, build, registry));
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
    void use_docker_driver_selects_the_context_builder_and_the_build_runs() throws Exception {
        app("FROM " + base + ":1\nRUN echo built-on-docker-driver > /tmp/result\nCMD [\"/bin/busybox\", \"cat\", \"/tmp/result\"]\n");
        FixPlan plan = plans(temp.resolve("repo/app"), "localhost:5000").get(0);
        assertThat(plan.id()).isEqualTo("use-docker-driver");
        List<String> words = ShellWordsForTests.split(snippet(plan, "shell", "--builder").content().strip());
        assertThat(words.subList(0, 5)).containsExactly("docker", "buildx", "build", "--builder", "default");

        DockerCli.Result build = buildLikeDockerDriver(words, "lens-fix-" + run + "/out:1");
        assertThat(build.exitCode()).as(build.output()).isZero();
        DockerCli.Result result = DockerCli.run(docker, daemon.host(), Map.of(), List.of("run", "--rm", "lens-fix-" + run + "/out:1"), null);
        assertThat(result.output().strip()).isEqualTo("built-on-docker-driver");
    }

    @Test
    void the_registry_bridge_pushes_patches_and_builds_from_the_registry() throws Exception {
        Path app = app("# the app\nFROM " + base + ":1\nRUN echo built-from-registry > /tmp/result\nCMD [\"/bin/busybox\", \"cat\", \"/tmp/result\"]\n");
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(temp.resolve("registry")))) {
            FixPlan plan = plans(app, registry.host()).stream().filter(p -> p.id().equals("local-registry-bridge")).findFirst().orElseThrow();
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
            Files.writeString(temp.resolve("fix.patch"), patch.content());
            DockerCli.Result apply = gitApply(temp.resolve("repo"), temp.resolve("fix.patch"));
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
