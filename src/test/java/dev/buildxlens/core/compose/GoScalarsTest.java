package dev.buildxlens.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** go-yaml's typing of plain scalars and Go's printing of them, where a number lands in a string field. */
class GoScalarsTest {

    private static String text(String plain) {
        return GoScalars.resolvePlain(plain).text();
    }

    private static Tree.ScalarType type(String plain) {
        return GoScalars.resolvePlain(plain).type();
    }

    @Test
    void floats_lose_trailing_zeros_as_go_prints_them() {
        assertThat(text("3.10")).as("the PYTHON_VERSION: 3.10 trap").isEqualTo("3.1");
        assertThat(text("1.0")).isEqualTo("1");
        assertThat(text("1e3")).isEqualTo("1000");
        assertThat(text("1234567.0")).isEqualTo("1.234567e+06");
        assertThat(text("0.00001")).isEqualTo("1e-05");
        assertThat(text(".5")).isEqualTo("0.5");
        assertThat(text("-0")).isEqualTo("-0");
        assertThat(text(".inf")).isEqualTo("+Inf");
        assertThat(type("3.10")).isEqualTo(Tree.ScalarType.FLOAT);
    }

    @Test
    void integers_follow_go_base_prefixes() {
        assertThat(text("18")).isEqualTo("18");
        assertThat(text("0755")).as("a leading 0 is octal").isEqualTo("493");
        assertThat(text("0x1F")).isEqualTo("31");
        assertThat(text("1_000")).isEqualTo("1000");
        assertThat(text("08")).as("not octal, so a float").isEqualTo("8");
        assertThat(type("+7")).isEqualTo(Tree.ScalarType.INT);
    }

    @Test
    void booleans_nulls_dates_and_strings() {
        assertThat(GoScalars.resolvePlain("True")).isEqualTo(new GoScalars.Resolved(Tree.ScalarType.BOOL, "true"));
        assertThat(type("yes")).as("YAML 1.2: yes is a string").isEqualTo(Tree.ScalarType.STRING);
        assertThat(type("~")).isEqualTo(Tree.ScalarType.NULL);
        assertThat(text("2024-1-5")).isEqualTo("2024-01-05 00:00:00 +0000 UTC");
        assertThat(text("1.2.3")).isEqualTo("1.2.3");
        assertThat(text("node:18-alpine")).isEqualTo("node:18-alpine");
        assertThat(text("-v")).isEqualTo("-v");
    }
}
