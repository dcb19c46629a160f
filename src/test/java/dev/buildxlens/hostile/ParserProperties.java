package dev.buildxlens.hostile;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random input for the parsers and the reference normaliser. The only exception a parser may throw is its
 * documented input error; normalising is idempotent; and a command a fix generates, run through the real /bin/sh,
 * gives back exactly the words that went in, whatever quotes, $(…), backticks or newlines they hold.
 */
class ParserProperties {

    // ---- image references ----

    @Provide
    Arbitrary<String> referenceLike() {
        Arbitrary<String> part = Arbitraries.strings().withChars("abcXYZ019._-/:@").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> host = Arbitraries.of("", "docker.io/", "localhost:5000/", "ghcr.io/", "index.docker.io/", "127.0.0.1:5000/", "Reg.io/");
        Arbitrary<String> tail = Arbitraries.of("", ":latest", ":v1.2", "@sha256:" + "a".repeat(64), ":", "@sha256:zz");
        return Combinators.combine(host, part, part, tail).as((h, a, b, t) -> h + a + (b.isEmpty() ? "" : "/" + b) + t);
    }

    @Property(tries = 2000)
    void parsing_a_reference_throws_only_the_documented_error(@ForAll("referenceLike") String raw) {
        try {
            ImageReference.parse(raw);
        } catch (InvalidReferenceException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void parsing_arbitrary_text_throws_only_the_documented_error(@ForAll String raw) {
        try {
            ImageReference.parse(raw);
        } catch (InvalidReferenceException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void normalising_is_idempotent(@ForAll("referenceLike") String raw) throws InvalidReferenceException {
        ImageReference once = ImageReference.parseOrNull(raw);
        if (once == null) {
            return;
        }
        ImageReference twice = ImageReference.parse(once.normalized());
        assertThat(twice.normalized()).isEqualTo(once.normalized());
        assertThat(ImageReference.parse(twice.normalized()).normalized()).isEqualTo(once.normalized());
    }

    // ---- Dockerfiles and workflows ----

    @Provide
    Arbitrary<String> dockerfileLike() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("FROM alpine", "FROM $BASE AS b", "FROM ${X:-a}:${Y:+t}", "ARG BASE=x", "ARG A=$B", "ARG B=${A}",
                        "COPY --from=b /a /b", "RUN <<EOF", "EOF", "RUN a \\", "# escape=`", "# syntax=x", "RUN --mount=from=b,target=/x true",
                        "ONBUILD RUN x", "FROM scratch", "", "\\", "`", "${", "}", "COPY <<A <<B /x"),
                Arbitraries.strings().ofMaxLength(30));
        return line.list().ofMaxSize(25).map(lines -> String.join("\n", lines));
    }

    @Property(tries = 1500)
    void a_dockerfile_parses_or_is_an_input_error(@ForAll("dockerfileLike") String text) {
        try {
            DockerfileAnalyzer.analyze(DockerfileParser.parse(text, "Dockerfile"), DockerfileInputs.none());
        } catch (DockerfileException expected) {
            assertThat(expected.getMessage()).startsWith("Dockerfile");
        }
    }

    @Provide
    Arbitrary<String> yamlLike() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("jobs:", "  build:", "    runs-on: ubuntu-latest", "    steps:", "      - uses: docker/setup-buildx-action@v3",
                        "      - run: docker load -i x.tar", "        with:", "          driver: docker", "a: &x [1]", "b: *x", "- [", "{",
                        "  ? k", "    services:", "      registry:", "        image: registry:2", "on: push", "\t", "'", "\"", "&a", "*a"),
                Arbitraries.strings().ofMaxLength(20));
        return line.list().ofMaxSize(20).map(lines -> String.join("\n", lines));
    }

    @Property(tries = 1500)
    void a_workflow_parses_or_is_an_input_error(@ForAll("yamlLike") String text) {
        try {
            WorkflowParser.parse(text, "ci.yml");
        } catch (WorkflowException expected) {
            assertThat(expected.getMessage()).startsWith("ci.yml");
        }
    }

    // ---- generated shell ----

    @Provide
    Arbitrary<String> hostileWord() {
        return Arbitraries.oneOf(
                Arbitraries.of("my-base:latest", "it's", "$(touch /tmp/pwned)", "`id`", "a b", "line\nbreak", "\"q\"", "*", "~", "-n",
                        "--help", "a;b", "x|y", "$HOME", "${IFS}", "'", "''", "\\", "!", "#comment", ""),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(15).filter(s -> s.indexOf('\0') < 0 && isEncodable(s)));
    }

    @Provide
    Arbitrary<List<String>> hostileWords() {
        return hostileWord().list().ofMinSize(1).ofMaxSize(4);
    }

    private static boolean isEncodable(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }

    @Property(tries = 150)
    void a_quoted_command_gives_the_shell_exactly_its_words(@ForAll("hostileWords") List<String> words)
            throws IOException, InterruptedException {
        // printf prints each argument it gets, terminated by NUL: the shell's own word splitting is the oracle.
        String script = "printf '%s\\0' " + ShellQuote.command(words);
        Process sh = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(false).start();
        byte[] out = sh.getInputStream().readAllBytes();
        assertThat(sh.waitFor()).isZero();
        List<String> got = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                got.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        assertThat(got).isEqualTo(words);
    }
}
