package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.testing.DockerCli;
import dev.buildxlens.testing.DockerTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analysis against the real thing: dockerd's own BuildKit (DOCKER_BUILDKIT=1, the docker driver) builds each
 * Dockerfile, and the images it resolves (its "load metadata for" and "FROM" progress lines) must be exactly the
 * images the analysis says the build needs. The images are made by the test; no registry is involved.
 * dockerd 20.10's frontend predates variable expansion in {@code COPY --from}, heredocs and named contexts, so
 * those rules are checked against the parser tests only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildKitOracleDockerTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String P = "lens-oracle-" + RUN;
    private static final Pattern RESOLVED = Pattern.compile("^#\\d+ (?:\\[[^]]*\\] )?(?:\\[internal\\] load metadata for|FROM) (\\S+)");

    private DockerTestSupport.Daemon daemon;
    private Path docker;
    private Path work;

    record Case(String name, String dockerfile, Map<String, String> buildArgs, String target) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("plain FROM of a local image", "FROM " + P + "/base:1\n", Map.of(), ""),
                new Case("ARG default in FROM", "ARG BASE=" + P + "/base:1\nFROM ${BASE}\n", Map.of(), ""),
                new Case("build arg overrides the default", "ARG BASE=" + P + "/base:1\nFROM $BASE\n", Map.of("BASE", P + "/tools:2"), ""),
                new Case("multi-stage with COPY --from stage, index and image",
                        "FROM " + P + "/base:1 AS Build\nFROM " + P + "/tools:2\nCOPY --from=build /hello.txt /a\n"
                                + "COPY --from=0 /hello.txt /b\nCOPY --from=" + P + "/extra:3 /hello.txt /c\n", Map.of(), ""),
                new Case("--target prunes unrelated stages",
                        "FROM " + P + "/base:1 AS one\nFROM " + P + "/tools:2 AS two\nFROM " + P + "/extra:3 AS three\n"
                                + "COPY --from=one /hello.txt /x\n", Map.of(), "three"),
                new Case("the default target is the last stage",
                        "FROM " + P + "/base:1 AS unused\nFROM " + P + "/tools:2 AS dep\nFROM scratch\nCOPY --from=dep /hello.txt /x\n", Map.of(), ""),
                new Case("continuations and comments inside them",
                        "FROM \\\n# a comment in the middle\n  " + P + "/base:1 \\\n  AS b\nFROM b\n", Map.of(), ""));
    }

    @BeforeAll
    void makeImages(@TempDir Path temp) throws Exception {
        daemon = DockerTestSupport.connect();
        docker = DockerCli.find().orElseThrow();
        work = temp;
        DockerTestSupport.importImage(daemon, P + "/base", "1", "base");
        DockerTestSupport.importImage(daemon, P + "/tools", "2", "tools");
        DockerTestSupport.importImage(daemon, P + "/extra", "3", "extra");
    }

    @AfterAll
    void removeImages() {
        if (daemon != null) {
            for (String image : List.of(P + "/base:1", P + "/tools:2", P + "/extra:3")) {
                DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(image).withForce(true).exec());
            }
            daemon.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_analysis_needs_exactly_what_buildkit_resolves(Case c) throws Exception {
        Set<String> analysed = DockerfileAnalyzer.analyze(DockerfileParser.parse(c.dockerfile(), "Dockerfile"),
                        new DockerfileInputs(c.buildArgs(), List.of(), c.target(), List.of())).images().stream()
                .map(ImageNeed::reference).map(r -> r.normalized()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(resolvedByBuildKit(c)).isEqualTo(analysed);
    }

    private Set<String> resolvedByBuildKit(Case c) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(UUID.randomUUID().toString()));
        Files.writeString(dir.resolve("Dockerfile"), c.dockerfile());
        List<String> command = new ArrayList<>(List.of(docker.toString(), "--host", daemon.host(), "build", "--progress=plain",
                "--output", "type=tar,dest=" + dir.resolve("out.tar")));
        c.buildArgs().forEach((k, v) -> command.addAll(List.of("--build-arg", k + "=" + v)));
        if (!c.target().isEmpty()) {
            command.addAll(List.of("--target", c.target()));
        }
        command.add(dir.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_BUILDKIT", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("BuildKit build failed:\n" + output).isZero();
        Set<String> resolved = new TreeSet<>();
        for (String line : output.split("\\R")) {
            Matcher matcher = RESOLVED.matcher(line);
            if (matcher.find()) {
                resolved.add(matcher.group(1));
            }
        }
        return resolved;
    }
}
