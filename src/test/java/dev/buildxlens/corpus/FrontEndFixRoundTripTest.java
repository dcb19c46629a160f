package dev.buildxlens.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.probe.Environment;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The patches for the broken Compose, Bake and GitLab files of the corpus, applied as a user would: the case's files
 * in a git repository, {@code fix --fix ID --write-patch DIR}, {@code git apply} from the root the plan names,
 * {@code diagnose} again (the file still reads, the findings the fix solves are gone) and {@code fix} again
 * (nothing proposed twice).
 */
class FrontEndFixRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixes planned as patches of the project's own files, by the finding they solve. */
    private static final Map<String, String> PATCHED = Map.of("compose-service-not-linked", "link-service-context",
            "bake-target-not-linked", "link-target-context", "buildx-create-tls-env", "use-docker-context",
            "image-from-other-job", "transfer-between-jobs");

    @TempDir
    Path temp;

    static Stream<String> cases() throws IOException {
        List<String> cases = new ArrayList<>();
        for (String kind : List.of("compose", "bake", "gitlab")) {
            try (Stream<Path> dirs = Files.list(FrontEndCorpusTest.CORPUS.resolve(kind))) {
                for (Path dir : dirs.filter(d -> Files.exists(d.resolve("expect.yml"))).sorted().toList()) {
                    FrontEndCorpusTest.Expectation expected = FrontEndCorpusTest.expectation(dir);
                    if (!expected.kind().equals("workflow") && expected.errors().stream().anyMatch(PATCHED::containsKey)) {
                        cases.add(kind + "/" + dir.getFileName());
                    }
                }
            }
        }
        return cases.stream();
    }

    private record Result(int code, String out, String err) {
    }

    private Result cli(List<String> args) {
        Map<String, String> vars = new HashMap<>();
        vars.put("DOCKER_CONFIG", temp.resolve("docker-config").toString());
        vars.put("PATH", "/nonexistent");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.live(new Environment(vars, temp, "Linux"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void git(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=lens", "-c", "user.email=lens@example.invalid"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as("git " + String.join(" ", args) + "\n" + output).isZero();
    }

    private static List<String> keys(String json, List<String> ids) throws IOException {
        List<String> keys = new ArrayList<>();
        for (JsonNode finding : JSON.readTree(json).get("findings")) {
            if (ids.contains(finding.get("id").asText())) {
                keys.add(finding.get("key").asText());
            }
        }
        return keys;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_patch_applies_keeps_the_file_readable_and_clears_what_it_solves(String name) throws Exception {
        Path dir = FrontEndCorpusTest.CORPUS.resolve(name);
        FrontEndCorpusTest.Expectation expected = FrontEndCorpusTest.expectation(dir);
        Path repo = temp.resolve("repo");
        copy(dir.resolve("repo"), repo);
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "as published");
        Path world = FrontEndCorpusTest.world(expected.world(), temp);
        List<String> diagnose = FrontEndCorpusTest.command(expected, repo, world);
        List<String> solvable = expected.errors().stream().filter(PATCHED::containsKey).toList();
        List<String> before = keys(cli(diagnose).out(), solvable);
        assertThat(before).isNotEmpty();

        for (String fix : solvable.stream().map(PATCHED::get).distinct().toList()) {
            List<String> command = new ArrayList<>(diagnose);
            command.set(0, "fix");
            command.addAll(List.of("--fix", fix, "--write-patch", temp.resolve("patches-" + fix).toString()));
            Result planned = cli(command);
            assertThat(planned.code()).as(planned.err()).isZero();
            Path patches = temp.resolve("patches-" + fix);
            List<Path> all = List.of();
            if (Files.isDirectory(patches)) {
                try (Stream<Path> listed = Files.list(patches)) {
                    all = listed.sorted().toList();
                }
            }
            if (all.isEmpty()) {
                // A change the planner must not make blindly (a computed key): the plan says so, with the fragment.
                List<String> text = new ArrayList<>(command.subList(0, command.indexOf("--write-patch")));
                text.set(text.indexOf("json"), "text");
                assertThat(cli(text).out()).as("a plan without a patch says why").contains("No patch");
                return;
            }
            for (Path patch : all) {
                git(repo, "apply", "--verbose", patch.toString());
            }
        }

        Result after = cli(diagnose);
        assertThat(after.code()).as("the patched files still read\n" + after.err()).isNotEqualTo(2);
        assertThat(keys(after.out(), solvable)).as("what the fixes solve is gone\n" + after.out()).isEmpty();

        for (String fix : solvable.stream().map(PATCHED::get).distinct().toList()) {
            List<String> command = new ArrayList<>(diagnose);
            command.set(0, "fix");
            command.addAll(List.of("--fix", fix));
            Result again = cli(command);
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(again.out()).as("nothing proposed twice").doesNotContain("+++ b/");
        }
    }
}
