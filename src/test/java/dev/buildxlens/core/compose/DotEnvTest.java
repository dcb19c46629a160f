package dev.buildxlens.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The .env syntax of compose-go's dotenv parser. */
class DotEnvTest {

    private static final Path FILE = Path.of("/project/.env");

    private static Map<String, String> parse(String text, Map<String, String> env) throws ComposeException {
        return DotEnv.parse(text, FILE, env::get);
    }

    @Test
    void reads_assignments_comments_export_quotes_and_yaml_style() throws Exception {
        Map<String, String> values = parse("""
                # a comment
                TAG=1.2.3
                export REGISTRY=ghcr.io/acme
                SPACED = padded   # trailing comment
                HASH=a#b
                SINGLE='literal $TAG \\n'
                DOUBLE="tab\\there ${TAG}"
                MULTI="line one
                line two"
                COLON: yaml-style
                EMPTY=
                """, Map.of());
        assertThat(values).containsExactly(Map.entry("TAG", "1.2.3"), Map.entry("REGISTRY", "ghcr.io/acme"),
                Map.entry("SPACED", "padded"), Map.entry("HASH", "a#b"), Map.entry("SINGLE", "literal $TAG \\n"),
                Map.entry("DOUBLE", "tab\there 1.2.3"), Map.entry("MULTI", "line one\nline two"),
                Map.entry("COLON", "yaml-style"), Map.entry("EMPTY", ""));
    }

    @Test
    void interpolation_sees_the_environment_first_then_earlier_lines() throws Exception {
        Map<String, String> values = parse("""
                BASE=from-file
                IMAGE=${BASE}:${VERSION:-latest}
                ESCAPED="\\$BASE"
                INHERITED
                NOT_THERE
                """, Map.of("BASE", "from-shell", "INHERITED", "yes"));
        assertThat(values).containsEntry("IMAGE", "from-shell:latest")
                .containsEntry("ESCAPED", "$BASE")
                .containsEntry("INHERITED", "yes")
                .doesNotContainKey("NOT_THERE");
    }

    @Test
    void bad_lines_name_the_line() {
        assertThatThrownBy(() -> parse("A=1\nB C=2\n", Map.of())).isInstanceOf(ComposeException.class)
                .hasMessage("/project/.env:2: key cannot contain a space");
        assertThatThrownBy(() -> parse("A=1\n\nB=\"open\n", Map.of())).hasMessageStartingWith("/project/.env:3: unterminated quoted value");
        assertThatThrownBy(() -> parse("A$=1\n", Map.of())).hasMessageContaining("unexpected character \"$\" in variable name");
        assertThatThrownBy(() -> parse("A=${B:?need B}\n", Map.of())).hasMessage("/project/.env:1: required variable B is missing a value: need B");
    }
}
