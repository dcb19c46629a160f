package dev.buildxlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.scenario.ScenarioFiles;
import dev.buildxlens.core.scenario.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code diagnose PATH [CONTEXT_DIR]} and {@code fix PATH}: the kind of file comes from its name and content,
 * so the flag is optional, and each kind runs as with its flag; a file it cannot place is exit 2 with the reason. The
 * Compose, Bake and GitLab files are the built-in lessons' (laid out as real files); the worlds are lessons', so no
 * daemon is needed, and the daemon given is unreachable: a kind that probed it anyway would exit 3.
 */
class DiagnosePathTest {

    @TempDir
    Path home;

    private record Result(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private Result run(String... args) {
        Map<String, String> vars = new HashMap<>();
        vars.put("DOCKER_CONFIG", home.resolve(".docker").toString());
        vars.put("DOCKER_HOST", "unix:///nonexistent.sock");
        vars.put("PATH", "/nonexistent");
        Environment env = new Environment(vars, home, "Linux");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.live(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path lesson(String name) throws Exception {
        return ScenarioFiles.materialize(Scenarios.builtIn(name), Files.createDirectories(home.resolve("lessons")));
    }

    @Test
    void a_github_workflow_is_told_by_its_folder() throws Exception {
        Path repo = home.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/Dockerfile"), "FROM base:latest\n");
        Path workflow = repo.resolve(".github/workflows/ci.yml");
        Files.writeString(workflow, """
                on: push
                jobs:
                  app:
                    runs-on: ubuntu-latest
                    steps:
                      - run: docker build -t base:latest app
                      - uses: docker/setup-buildx-action@v3
                      - uses: docker/build-push-action@v6
                        with:
                          context: app
                """);
        Result plain = run("diagnose", workflow.toString(), "--format", "json");
        Result flagged = run("diagnose", "--workflow", workflow.toString(), "--format", "json");
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(1);
        assertThat(plain.out()).isEqualTo(flagged.out());
        assertThat(plain.json().at("/findings/0/id").asText()).isEqualTo("local-image-invisible");
        assertThat(plain.json().at("/findings/0/job").asText()).isEqualTo("app");

        Result fix = run("fix", workflow.toString(), "--format", "json");
        assertThat(fix.exitCode()).as(fix.err()).isZero();
        assertThat(fix.out()).isEqualTo(run("fix", "--workflow", workflow.toString(), "--format", "json").out());
        assertThat(fix.json().get("fixes").toString()).contains("local-registry-bridge");
    }

    @Test
    void a_gitlab_ci_file_is_told_by_its_name() throws Exception {
        Path gitlab = lesson("gitlab-job-to-job");
        Result plain = run("diagnose", gitlab.toString(), "--format", "json");
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(1);
        assertThat(plain.out()).isEqualTo(run("diagnose", "--gitlab-ci", gitlab.toString(), "--format", "json").out());
        assertThat(plain.json().at("/findings/0/id").asText()).isEqualTo("image-from-other-job");
        assertThat(plain.json().at("/findings/0/job").asText()).isEqualTo("test");

        Result fix = run("fix", gitlab.toString(), "--format", "json");
        assertThat(fix.exitCode()).as(fix.err()).isZero();
        assertThat(fix.json().get("fixes").toString()).contains("transfer-between-jobs").contains(".gitlab-ci.yml");

        // Renamed, its content still says GitLab (top-level stages, jobs with script).
        Path renamed = Files.copy(gitlab, gitlab.resolveSibling("pipeline.yml"));
        Result byContent = run("diagnose", renamed.toString(), "--format", "json");
        assertThat(byContent.exitCode()).as(byContent.err()).isEqualTo(1);
        assertThat(byContent.json().at("/findings/0/id").asText()).isEqualTo("image-from-other-job");
    }

    @Test
    void a_compose_file_takes_services_after_it() throws Exception {
        String lesson = "compose-depends-on-is-not-a-build-order";
        Path compose = lesson(lesson);
        Result plain = run("diagnose", compose.toString(), "--scenario", lesson, "--format", "json");
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(1);
        assertThat(plain.out()).isEqualTo(run("diagnose", "--compose", compose.toString(), "--scenario", lesson, "--format", "json").out());
        assertThat(plain.json().at("/findings/0/id").asText()).isEqualTo("compose-service-not-linked");
        assertThat(plain.json().at("/findings/0/service").asText()).isEqualTo("web");
        // The builds agree with the finding: web's base is not visible to the container builder (it asks docker.io).
        assertThat(imageOf(plain, "service", "web").get("visible").asBoolean()).as("web's FROM shop-base").isFalse();
        assertThat(imageOf(plain, "service", "base").get("visible").asBoolean()).as("base's FROM python").isTrue();

        // Only service base: nothing of web is diagnosed.
        Result base = run("diagnose", compose.toString(), "base", "--scenario", lesson, "--format", "json");
        assertThat(base.exitCode()).as(base.err()).isZero();
        assertThat(base.json().get("builds")).hasSize(1);
        assertThat(base.json().at("/builds/0/service").asText()).isEqualTo("base");

        Result fix = run("fix", compose.toString(), "--scenario", lesson, "--format", "json");
        assertThat(fix.exitCode()).as(fix.err()).isZero();
        assertThat(fix.json().get("fixes").toString()).contains("link-service-context").contains("service:base");
    }

    @Test
    void a_bake_file_takes_targets_after_it() throws Exception {
        String lesson = "bake-target-link";
        Path bake = lesson(lesson);
        Result plain = run("diagnose", bake.toString(), "--scenario", lesson, "--format", "json");
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(1);
        assertThat(plain.out()).isEqualTo(run("diagnose", "--bake", bake.toString(), "--scenario", lesson, "--format", "json").out());
        assertThat(plain.json().at("/findings/0/id").asText()).isEqualTo("bake-target-not-linked");
        assertThat(plain.json().at("/findings/0/target").asText()).isEqualTo("app");
        assertThat(imageOf(plain, "target", "app").get("visible").asBoolean()).as("app's FROM the base target's tag").isFalse();

        Result onlyBase = run("diagnose", bake.toString(), "base", "--scenario", lesson, "--format", "json");
        assertThat(onlyBase.exitCode()).as(onlyBase.err()).isZero();
        assertThat(onlyBase.json().at("/builds/0/target").asText()).isEqualTo("base");
        assertThat(onlyBase.json().get("builds")).hasSize(1);

        Result fix = run("fix", bake.toString(), "--scenario", lesson, "--format", "json");
        assertThat(fix.exitCode()).as(fix.err()).isZero();
        assertThat(fix.json().get("fixes").toString()).contains("link-target-context").contains("target:base");
    }

    @Test
    void a_dockerfile_takes_its_context_dir() throws Exception {
        Path dockerfile = Files.createDirectories(home.resolve("docker")).resolve("app.Dockerfile");
        Files.writeString(dockerfile, "FROM my-base:latest\nRUN echo hello\n");
        Path context = Files.createDirectories(home.resolve("ctx"));
        Result plain = run("diagnose", dockerfile.toString(), context.toString(), "--scenario", "laptop-loaded-base", "--format", "json");
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(1);
        assertThat(plain.json().at("/findings/0/id").asText()).isEqualTo("local-image-invisible");
        assertThat(plain.json().at("/findings/0/job").isNull()).isTrue();

        // The context shows in the fixes' commands: the build is that of docker buildx build -f FILE CONTEXT_DIR.
        Result fix = run("fix", dockerfile.toString(), context.toString(), "--scenario", "laptop-loaded-base", "--format", "json");
        assertThat(fix.exitCode()).as(fix.err()).isZero();
        assertThat(fix.out()).contains("-f " + dockerfile + " " + context);
        Result defaultContext = run("fix", dockerfile.toString(), "--scenario", "laptop-loaded-base", "--format", "json");
        assertThat(defaultContext.out()).contains("-f " + dockerfile + " " + dockerfile.getParent() + "\\n");

        Result two = run("diagnose", dockerfile.toString(), context.toString(), "extra", "--scenario", "laptop-loaded-base");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("only one CONTEXT_DIR");
    }

    @Test
    void a_file_it_cannot_place_is_exit_2_with_the_reason() throws Exception {
        Path notes = home.resolve("notes.txt");
        Files.writeString(notes, "remember to build the base first\n");
        for (String command : new String[] {"diagnose", "fix"}) {
            Result result = run(command, notes.toString());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).contains(notes + ": cannot tell what kind of build file this is")
                    .contains("neither its name nor its first instruction (FROM or ARG) says")
                    .contains("--dockerfile, --workflow, --gitlab-ci, --compose, --bake or --log");
        }

        Path settings = home.resolve("settings.yaml");
        Files.writeString(settings, "name: demo\nreplicas: 3\n");
        Result yaml = run("diagnose", settings.toString());
        assertThat(yaml.exitCode()).isEqualTo(2);
        assertThat(yaml.err()).contains("its top-level keys (name, replicas) fit no build file");

        Result missing = run("diagnose", home.resolve("nope.yml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yml: no such file");

        // Words after a workflow are not services or targets.
        Path gitlab = lesson("gitlab-dind-tls");
        Result extra = run("diagnose", gitlab.toString(), "build");
        assertThat(extra.exitCode()).isEqualTo(2);
        assertThat(extra.err()).contains("unexpected argument 'build'");
    }

    @Test
    void help_lists_every_form() {
        Result help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains("diagnose PATH [CONTEXT_DIR]")
                .contains("fix PATH")
                .contains("--compose PATH [SERVICE…]")
                .contains("--bake [PATH]… [TARGET…]")
                .contains("[--set …]")
                .contains("--gitlab-ci PATH [--repo DIR] [--job NAME]");
    }

    /**
     * pull: true in a Compose build on the docker driver: the local base is not used (pull-forces-registry), and the
     * drop-pull patch removes the line; applied with git apply, the project re-reads and is clean. A service whose
     * pull comes through extends gets no patch and says why.
     */
    @Test
    void a_compose_pull_true_gets_the_drop_pull_patch_and_the_patched_project_is_clean() throws Exception {
        Path repo = home.resolve("pull");
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/Dockerfile"), "FROM my-base:latest\n");
        String original = "services:\n  app:\n    build:\n      context: ./app\n      pull: true\n    image: shop/app\n";
        Path compose = Files.writeString(repo.resolve("compose.yaml"), original);
        Result before = run("diagnose", compose.toString(), "--scenario", "laptop-docker-driver", "--format", "json");
        assertThat(before.exitCode()).as(before.out() + before.err()).isEqualTo(1);
        assertThat(before.json().at("/findings/0/id").asText()).isEqualTo("pull-forces-registry");

        String patch = applyDropPull(compose, repo, home.resolve("pull-patches"));
        assertThat(patch).contains("-      pull: true");
        assertThat(Files.readString(compose)).isEqualTo(original.replace("      pull: true\n", ""));
        Result after = run("diagnose", compose.toString(), "--scenario", "laptop-docker-driver", "--format", "json");
        assertThat(after.exitCode()).as(after.out() + after.err()).isZero();

        Files.writeString(compose, "x-base: &base\n  context: ./app\n  pull: true\nservices:\n  app:\n    build: *base\n");
        Result shared = run("fix", compose.toString(), "--scenario", "laptop-docker-driver", "--format", "json");
        assertThat(shared.out()).contains("drop-pull").contains("shared through a YAML anchor");
    }

    /** The same for a Bake target's own pull = true; one inherited from another target gets the reason instead. */
    @Test
    void a_bake_pull_true_gets_the_drop_pull_patch_and_the_patched_file_is_clean() throws Exception {
        Path repo = home.resolve("bake-pull");
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/Dockerfile"), "FROM my-base:latest\n");
        String original = "group \"default\" {\n  targets = [\"app\"]\n}\n\ntarget \"app\" {\n  context = \"app\"\n  pull = true\n"
                + "  tags = [\"shop/app\"]\n}\n";
        Path bake = Files.writeString(repo.resolve("docker-bake.hcl"), original);
        Result before = run("diagnose", bake.toString(), "--scenario", "laptop-docker-driver", "--format", "json");
        assertThat(before.exitCode()).as(before.out() + before.err()).isEqualTo(1);
        assertThat(before.json().at("/findings/0/id").asText()).isEqualTo("pull-forces-registry");

        applyDropPull(bake, repo, home.resolve("bake-pull-patches"));
        assertThat(Files.readString(bake)).isEqualTo(original.replace("  pull = true\n", ""));
        Result after = run("diagnose", bake.toString(), "--scenario", "laptop-docker-driver", "--format", "json");
        assertThat(after.exitCode()).as(after.out() + after.err()).isZero();

        Files.writeString(bake, "target \"common\" {\n  pull = true\n}\n\ntarget \"default\" {\n  inherits = [\"common\"]\n  context = \"app\"\n}\n");
        Result inherited = run("fix", bake.toString(), "--scenario", "laptop-docker-driver", "--format", "json");
        assertThat(inherited.out()).contains("drop-pull").contains("inherited");
    }

    /** {@code fix FILE --fix drop-pull --write-patch DIR} on the docker-driver lesson, then {@code git apply} in the repository: the patch. */
    private String applyDropPull(Path file, Path repo, Path patches) throws Exception {
        Result fix = run("fix", file.toString(), "--scenario", "laptop-docker-driver", "--fix", "drop-pull", "--write-patch", patches.toString());
        assertThat(fix.exitCode()).as(fix.out() + fix.err()).isZero();
        Path patch;
        try (var files = Files.list(patches)) {
            patch = files.filter(f -> f.toString().endsWith(".patch")).findFirst().orElseThrow();
        }
        Process apply = new ProcessBuilder("git", "apply", patch.toString()).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(apply.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(apply.waitFor()).as(output).isZero();
        return Files.readString(patch);
    }

    /** The first image of the build of that service or target. */
    private static JsonNode imageOf(Result result, String field, String name) throws Exception {
        for (JsonNode build : result.json().get("builds")) {
            if (build.path(field).asText().equals(name)) {
                return build.get("images").get(0);
            }
        }
        throw new AssertionError("no build of " + field + " " + name + " in " + result.out());
    }
}
