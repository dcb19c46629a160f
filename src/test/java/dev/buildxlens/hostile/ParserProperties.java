package dev.buildxlens.hostile;

import static dev.buildxlens.hostile.RandomInput.anyStrings;
import static dev.buildxlens.hostile.RandomInput.either;
import static dev.buildxlens.hostile.RandomInput.forAll;
import static dev.buildxlens.hostile.RandomInput.oneOf;
import static dev.buildxlens.hostile.RandomInput.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.fix.ShellQuote;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.image.InvalidReferenceException;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.WorkflowParser;
import dev.buildxlens.hostile.RandomInput.Check;
import dev.buildxlens.hostile.RandomInput.Counterexample;
import dev.buildxlens.hostile.RandomInput.Gen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random input for the parsers and the reference normaliser. The only exception a parser may throw is its
 * documented input error; normalising is idempotent; and a command a fix generates, run through the real /bin/sh,
 * gives back exactly the words that went in, whatever quotes, $(…), backticks or newlines they hold — a property
 * that is shown to catch broken quoting. Input comes from a fixed seed, printed by each test
 * ({@code -Dbuildx.lens.seed=N} replays another).
 */
class ParserProperties {

    // ---- image references ----

    static Gen<String> referenceLike() {
        Gen<String> part = strings("abcXYZ019._-/:@", 0, 12);
        Gen<String> host = oneOf("", "docker.io/", "localhost:5000/", "ghcr.io/", "index.docker.io/", "127.0.0.1:5000/", "Reg.io/");
        Gen<String> tail = oneOf("", ":latest", ":v1.2", "@sha256:" + "a".repeat(64), ":", "@sha256:zz");
        return random -> {
            String h = host.next(random);
            String a = part.next(random);
            String b = part.next(random);
            String t = tail.next(random);
            return h + a + (b.isEmpty() ? "" : "/" + b) + t;
        };
    }

    private static void parsesOrIsTheDocumentedError(String raw) {
        try {
            ImageReference.parse(raw);
        } catch (InvalidReferenceException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void parsing_a_reference_throws_only_the_documented_error() {
        forAll("parsing_a_reference_throws_only_the_documented_error", 2000, referenceLike(),
                ParserProperties::parsesOrIsTheDocumentedError);
    }

    @Test
    void parsing_arbitrary_text_throws_only_the_documented_error() {
        forAll("parsing_arbitrary_text_throws_only_the_documented_error", 1000, anyStrings(0, 255),
                ParserProperties::parsesOrIsTheDocumentedError);
    }

    @Test
    void normalising_is_idempotent() {
        forAll("normalising_is_idempotent", 2000, referenceLike(), raw -> {
            ImageReference once = ImageReference.parseOrNull(raw);
            if (once == null) {
                return;
            }
            ImageReference twice = ImageReference.parse(once.normalized());
            assertThat(twice.normalized()).isEqualTo(once.normalized());
            assertThat(ImageReference.parse(twice.normalized()).normalized()).isEqualTo(once.normalized());
        });
    }

    // ---- Dockerfiles and workflows ----

    static Gen<String> dockerfileLike() {
        Gen<String> line = either(
                oneOf("FROM alpine", "FROM $BASE AS b", "FROM ${X:-a}:${Y:+t}", "ARG BASE=x", "ARG A=$B", "ARG B=${A}",
                        "COPY --from=b /a /b", "RUN <<EOF", "EOF", "RUN a \\", "# escape=`", "# syntax=x", "RUN --mount=from=b,target=/x true",
                        "ONBUILD RUN x", "FROM scratch", "", "\\", "`", "${", "}", "COPY <<A <<B /x"),
                anyStrings(0, 30));
        return line.list(0, 25).map(lines -> String.join("\n", lines));
    }

    @Test
    void a_dockerfile_parses_or_is_an_input_error() {
        forAll("a_dockerfile_parses_or_is_an_input_error", 1500, dockerfileLike(), text -> {
            try {
                DockerfileAnalyzer.analyze(DockerfileParser.parse(text, "Dockerfile"), DockerfileInputs.none());
            } catch (DockerfileException expected) {
                assertThat(expected.getMessage()).startsWith("Dockerfile");
            }
        });
    }

    static Gen<String> yamlLike() {
        Gen<String> line = either(
                oneOf("jobs:", "  build:", "    runs-on: ubuntu-latest", "    steps:", "      - uses: docker/setup-buildx-action@v3",
                        "      - run: docker load -i x.tar", "        with:", "          driver: docker", "a: &x [1]", "b: *x", "- [", "{",
                        "  ? k", "    services:", "      registry:", "        image: registry:2", "on: push", "\t", "'", "\"", "&a", "*a"),
                anyStrings(0, 20));
        return line.list(0, 20).map(lines -> String.join("\n", lines));
    }

    @Test
    void a_workflow_parses_or_is_an_input_error() {
        forAll("a_workflow_parses_or_is_an_input_error", 1500, yamlLike(), text -> {
            try {
                WorkflowParser.parse(text, "ci.yml");
            } catch (WorkflowException expected) {
                assertThat(expected.getMessage()).startsWith("ci.yml");
            }
        });
    }

    // ---- generated shell ----

    /** The number of commands the shell property runs: each is a real /bin/sh process. */
    static final int SHELL_TRIES = 150;

    @TempDir
    Path sandbox;

    static Gen<String> hostileWord() {
        return either(
                // "$(touch pwned)" is relative on purpose: the shell runs in a scratch directory, where a word that
                // ran as a command would leave the file.
                oneOf("my-base:latest", "it's", "$(touch pwned)", "`id`", "a b", "line\nbreak", "\"q\"", "*", "~", "-n",
                        "--help", "a;b", "x|y", "$HOME", "${IFS}", "'", "''", "\\", "!", "#comment", ""),
                anyStrings(0, 15).filter(s -> s.indexOf('\0') < 0 && isEncodable(s)));
    }

    static Gen<List<String>> hostileWords() {
        return hostileWord().list(1, 4);
    }

    private static boolean isEncodable(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }

    /**
     * The property: the command line {@code quoting} makes of the words, after {@code printf '%s\0'}, prints exactly
     * those words. printf prints each argument it gets, ended by NUL: the shell's own word splitting is the oracle.
     */
    static Check<List<String>> givesTheShellExactlyItsWords(Function<List<String>, String> quoting, Path workingDirectory) {
        return words -> {
            String script = "printf '%s\\0' " + quoting.apply(words);
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script).directory(workingDirectory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("HOME", workingDirectory.toString());
            Process sh = builder.start();
            sh.getOutputStream().close(); // a word that became a command reading stdin must not wait for it
            byte[] out;
            try {
                out = sh.getInputStream().readAllBytes();
                assertThat(sh.waitFor(10, TimeUnit.SECONDS)).as("the shell ended: " + script).isTrue();
            } finally {
                sh.destroyForcibly();
            }
            assertThat(sh.exitValue()).as("exit status of: " + script).isZero();
            assertThat(nulTerminated(out)).as("the words the shell got from: " + script).isEqualTo(words);
        };
    }

    private static List<String> nulTerminated(byte[] out) {
        List<String> got = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                got.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return got;
    }

    @Test
    void a_quoted_command_gives_the_shell_exactly_its_words() throws IOException {
        forAll("a_quoted_command_gives_the_shell_exactly_its_words", SHELL_TRIES, hostileWords(),
                givesTheShellExactlyItsWords(ShellQuote::command, sandbox));
        try (var left = Files.list(sandbox)) {
            assertThat(left.toList()).as("no word ran as a command").isEmpty();
        }
    }

    /** Quoting that looks plausible and is wrong: the property must catch each within the inputs it tries. */
    private static final List<Map.Entry<String, Function<List<String>, String>>> BROKEN_QUOTING = List.of(
            Map.entry("words wrapped in double quotes", words -> String.join(" ", words.stream().map(w -> "\"" + w + "\"").toList())),
            Map.entry("single quotes not escaped", words -> String.join(" ", words.stream().map(w -> "'" + w + "'").toList())),
            Map.entry("only words with spaces quoted", words -> String.join(" ", words.stream()
                    .map(w -> w.contains(" ") ? "'" + w.replace("'", "'\"'\"'") + "'" : w).toList())),
            // ShellQuote with one mistake: '$' and '~' among the characters left unquoted.
            Map.entry("ShellQuote with $ and ~ taken as safe", words -> String.join(" ", words.stream()
                    .map(w -> !w.isEmpty() && w.matches("[A-Za-z0-9_./:@=,+%$~-]+") ? w : "'" + w.replace("'", "'\"'\"'") + "'")
                    .toList())));

    @Test
    void the_shell_property_catches_broken_quoting() throws IOException {
        long seed = RandomInput.seed();
        System.out.println("the_shell_property_catches_broken_quoting: seed " + seed + " (set -D" + RandomInput.SEED_PROPERTY
                + "=N to replay), up to " + SHELL_TRIES + " inputs per quoting");
        for (Map.Entry<String, Function<List<String>, String>> broken : BROKEN_QUOTING) {
            Path scratch = Files.createDirectory(sandbox.resolve(broken.getKey().replaceAll("[^A-Za-z0-9]+", "-")));
            Optional<Counterexample<List<String>>> found = RandomInput.firstCounterexample(seed, SHELL_TRIES, hostileWords(),
                    givesTheShellExactlyItsWords(broken.getValue(), scratch));
            assertThat(found).as("the property catches quoting with %s within %d inputs (seed %d)", broken.getKey(), SHELL_TRIES, seed)
                    .isPresent();
            System.out.println("  " + broken.getKey() + ": " + found.get().describe().replace('\n', ' '));
        }
    }
}
