package dev.buildxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.testing.Actionlint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The defects of issue 13, each reproduced through the command line as a user would meet it. */
class FixDefectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {
    }

    private Result cli(String... args) {
        Map<String, String> vars = new HashMap<>();
        vars.put("DOCKER_CONFIG", temp.resolve("docker-config").toString());
        vars.put("PATH", "/nonexistent");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.live(new Environment(vars, temp, "Linux"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static List<Path> patches(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Defect 1: a Dockerfile given by absolute path got headers reading a//abs/path/Dockerfile, which git apply refuses. */
    @Test
    void a_dockerfile_by_absolute_path_gets_a_patch_that_applies_from_the_repository_root() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        run(repo, "git", "init", "-q");
        Path dockerfile = Files.createDirectories(repo.resolve("app")).resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM my-base:latest\nRUN echo hello\n");
        Result fix = cli("fix", "--scenario", "laptop-loaded-base", "--dockerfile", dockerfile.toAbsolutePath().toString(),
                "--fix", "local-registry-bridge", "--write-patch", temp.resolve("patches").toString());
        assertThat(fix.code()).as(fix.err()).isZero();
        assertThat(fix.out()).contains("Apply the patches from " + repo.toAbsolutePath() + " (the repository root): git apply FILE.patch");
        Path patch = patches(temp.resolve("patches")).get(0);
        assertThat(Files.readString(patch)).startsWith("--- a/app/Dockerfile\n+++ b/app/Dockerfile\n");
        run(repo, "git", "apply", "--verbose", patch.toString());
        assertThat(Files.readString(dockerfile)).isEqualTo("ARG BASE_IMAGE=my-base:latest\nFROM ${BASE_IMAGE}\nRUN echo hello\n");
    }

    /** Defect 1, without git: the patch names the file from its folder, and says where to run git apply or patch -p1. */
    @Test
    void outside_a_repository_the_patch_applies_from_the_dockerfiles_folder() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("plain/app"));
        Path dockerfile = folder.resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM my-base:latest\n");
        Result fix = cli("fix", "--scenario", "laptop-loaded-base", "--dockerfile", dockerfile.toString(), "--fix", "local-registry-bridge",
                "--write-patch", temp.resolve("patches").toString());
        assertThat(fix.code()).as(fix.err()).isZero();
        assertThat(fix.out()).contains("Apply the patches from " + folder.toAbsolutePath() + ": git apply FILE.patch (or patch -p1 < FILE.patch)");
        Path patch = patches(temp.resolve("patches")).get(0);
        assertThat(Files.readString(patch)).startsWith("--- a/Dockerfile\n+++ b/Dockerfile\n");
        run(folder, "patch", "-p1", "-i", patch.toString());
        assertThat(Files.readString(dockerfile)).startsWith("ARG BASE_IMAGE=my-base:latest\n");
    }

    private Path seedRepo() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("seed"));
        run(repo, "git", "init", "-q");
        Files.createDirectories(repo.resolve("base"));
        Files.createDirectories(repo.resolve("app"));
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve("base/Dockerfile"), "FROM alpine:3.20\n");
        Files.writeString(repo.resolve("app/Dockerfile"), "FROM dmca-base:latest\nCOPY . /app\n");
        Files.writeString(repo.resolve(".github/workflows/ci.yml"), """
                on: push
                jobs:
                  base:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: docker/setup-buildx-action@v3
                      - name: Build base
                        uses: docker/build-push-action@v6
                        with:
                          context: base
                          tags: dmca-base:latest
                          outputs: type=docker,dest=/tmp/dmca-base.tar
                      - uses: actions/upload-artifact@v4
                        with:
                          name: base
                          path: /tmp/dmca-base.tar
                  app:
                    needs: base
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/download-artifact@v4
                        with:
                          name: base
                          path: /tmp
                      - name: Load base
                        run: docker load --input /tmp/dmca-base.tar
                      - uses: docker/setup-buildx-action@v3
                      - name: Build app
                        uses: docker/build-push-action@v6
                        with:
                          context: app
                          tags: ghcr.io/domain/api:latest
                """);
        return repo;
    }

    /**
     * Defect 3: after the workflow half of the bridge was applied (its Dockerfile half not yet), fix proposed the push
     * step and the build-arg a second time. Now it says what is in place and proposes only the Dockerfile change.
     */
    @Test
    void a_half_applied_bridge_is_not_proposed_again_and_names_what_is_still_missing() throws Exception {
        Path repo = seedRepo();
        Path workflow = repo.resolve(".github/workflows/ci.yml");
        Result first = cli("fix", "--workflow", workflow.toString(), "--fix", "local-registry-bridge", "--write-patch",
                temp.resolve("first").toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path workflowPatch = patches(temp.resolve("first")).stream().filter(p -> p.getFileName().toString().contains("ci.yml")).findFirst().orElseThrow();
        run(repo, "git", "apply", workflowPatch.toString());
        String halfApplied = Files.readString(workflow);

        Result second = cli("fix", "--workflow", workflow.toString(), "--fix", "local-registry-bridge", "--format", "json",
                "--write-patch", temp.resolve("second").toString());
        assertThat(second.code()).as(second.err()).isZero();
        JsonNode plan = JSON.readTree(second.out().substring(second.out().indexOf('{'))).get("fixes").get(0);
        assertThat(plan.get("state").asText()).isEqualTo("partly-applied");
        List<String> done = new ArrayList<>();
        plan.get("alreadyDone").forEach(d -> done.add(d.asText()));
        assertThat(done).anySatisfy(d -> assertThat(d).contains("registry:2 service on port 5000"))
                .anySatisfy(d -> assertThat(d).contains("pushes localhost:5000/dmca-base:latest"))
                .anySatisfy(d -> assertThat(d).contains("network=host"))
                .anySatisfy(d -> assertThat(d).contains("BASE_IMAGE=localhost:5000/dmca-base:latest"));
        assertThat(plan.findValues("kind").stream().map(JsonNode::asText).toList()).contains("dockerfile-patch").doesNotContain("workflow-patch");
        List<Path> left = patches(temp.resolve("second"));
        assertThat(left).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).contains("Dockerfile"));
        run(repo, "git", "apply", left.get(0).toString());
        assertThat(Files.readString(workflow)).as("the workflow is not touched again").isEqualTo(halfApplied);
        assertThat(halfApplied.split("docker push localhost:5000/dmca-base:latest", -1)).hasSize(2);

        Result clean = cli("diagnose", "--workflow", workflow.toString());
        assertThat(clean.code()).as(clean.out()).isZero();
        Result nothing = cli("fix", "--workflow", workflow.toString(), "--fix", "local-registry-bridge");
        assertThat(nothing.code()).isZero();
        assertThat(nothing.out()).startsWith("Nothing to fix");
    }

    /** Defect 2: the seed's oci-layout fix came as a fragment only; now it is a patch that actionlint accepts. */
    @Test
    void the_oci_layout_fix_of_the_seed_workflow_is_a_patch() throws Exception {
        Path repo = seedRepo();
        Path workflow = repo.resolve(".github/workflows/ci.yml");
        String before = Files.readString(workflow);
        Result fix = cli("fix", "--workflow", workflow.toString(), "--fix", "oci-layout-context", "--write-patch", temp.resolve("p").toString());
        assertThat(fix.code()).as(fix.err()).isZero();
        Path patch = patches(temp.resolve("p")).get(0);
        assertThat(Files.readString(patch)).contains("+        run: |\n+          skopeo copy docker-daemon:dmca-base:latest oci:/tmp/dmca-base-oci:latest")
                .contains("+          build-contexts: dmca-base=oci-layout:///tmp/dmca-base-oci:latest");
        run(repo, "git", "apply", patch.toString());
        assertThat(Actionlint.lint(Files.readString(workflow))).isEqualTo(Actionlint.lint(before));
        assertThat(cli("diagnose", "--workflow", workflow.toString()).code()).isZero();
    }

    /** Defect 5: the fragment said BASE_IMAGE= while the patch used BASE_IMAGE_2. */
    @Test
    void the_fragment_uses_the_arg_name_the_patch_uses() throws Exception {
        Path repo = seedRepo();
        Files.writeString(repo.resolve("app/Dockerfile"), "ARG BASE_IMAGE=unused\nFROM dmca-base:latest\nCOPY . /app\n");
        Result fix = cli("fix", "--workflow", repo.resolve(".github/workflows/ci.yml").toString(), "--fix", "local-registry-bridge",
                "--format", "json");
        JsonNode plan = JSON.readTree(fix.out()).get("fixes").get(0);
        String fragment = plan.get("steps").get(0).get("snippets").get(0).get("content").asText();
        assertThat(fragment).contains("BASE_IMAGE_2=localhost:5000/dmca-base:latest").doesNotContain("BASE_IMAGE=localhost");
        assertThat(plan.toString()).contains("+ARG BASE_IMAGE_2=dmca-base:latest").contains("+          build-args: BASE_IMAGE_2=localhost:5000/dmca-base:latest");
    }

    /** Defect 5: a workflow's ARG without default got "NAME=image:tag"; now the real ARG, and a value only from the user's files. */
    @Test
    void an_arg_without_default_in_a_workflow_is_named_and_never_given_an_invented_image() throws Exception {
        Path repo = seedRepo();
        Files.writeString(repo.resolve("app/Dockerfile"), "ARG BASE\nFROM ${BASE}\n");
        Path workflow = repo.resolve(".github/workflows/ci.yml");
        JsonNode plan = JSON.readTree(cli("fix", "--workflow", workflow.toString(), "--fix", "add-arg-default", "--format", "json").out())
                .get("fixes").get(0);
        assertThat(plan.toString()).contains("BASE=<your-base-image>").contains("No patch for this part").doesNotContain("image:tag")
                .doesNotContain("workflow-patch");
        // Another build of the same workflow gives the ARG a value: that value is the user's own, and it is patched in.
        Files.writeString(workflow, Files.readString(workflow) + """
                      - name: Build app again
                        uses: docker/build-push-action@v6
                        with:
                          context: app
                          build-args: BASE=ghcr.io/domain/base:1
                """);
        JsonNode known = JSON.readTree(cli("fix", "--workflow", workflow.toString(), "--fix", "add-arg-default", "--format", "json").out())
                .get("fixes").get(0);
        assertThat(known.toString()).contains("+          build-args: BASE=ghcr.io/domain/base:1").doesNotContain("<your-base-image>");
    }
}
