package dev.buildxlens.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every diff must apply with git apply and reproduce the modified file byte for byte. */
class UnifiedDiffTest {

    @TempDir
    Path dir;

    private void assertApplies(String original, String modified) throws Exception {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, original);
        String diff = UnifiedDiff.of("Dockerfile", original, modified);
        Path patch = dir.resolve("fix.patch");
        Files.writeString(patch, diff);
        Process git = new ProcessBuilder("git", "apply", "--verbose", patch.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(diff + "\n" + output).isZero();
        assertThat(Files.readString(file)).isEqualTo(modified);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FROM dmca-base:latest\\nRUN true\\n|ARG BASE_IMAGE=dmca-base:latest\\nFROM ${BASE_IMAGE}\\nRUN true\\n",
            "# syntax=docker/dockerfile:1\\nFROM a\\nFROM b\\nCOPY . .\\n|# syntax=docker/dockerfile:1\\nARG X=b\\nFROM a\\nFROM ${X}\\nCOPY . .\\n",
            "FROM a|FROM b",
            "FROM a\\r\\nRUN x\\r\\n|ARG B=a\\r\\nFROM ${B}\\r\\nRUN x\\r\\n",
    })
    void applies_with_git_apply(String original, String modified) throws Exception {
        assertApplies(unescape(original), unescape(modified));
    }

    @Test
    void distant_changes_make_separate_hunks_and_the_rest_is_kept() throws Exception {
        StringBuilder original = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            original.append("LABEL n").append(i).append("=x\n");
        }
        String text = "FROM a\n" + original + "FROM b\n";
        String modified = "ARG A=a\nFROM ${A}\n" + original + "FROM c\n";
        String diff = UnifiedDiff.of("Dockerfile", text, modified);
        assertThat(diff.lines().filter(l -> l.startsWith("@@"))).hasSize(2);
        assertApplies(text, modified);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FROM dmca-base:latest\\nRUN true\\n|ARG BASE_IMAGE=dmca-base:latest\\nFROM ${BASE_IMAGE}\\nRUN true\\n",
            "FROM a|FROM b",
            "a\\nb\\nc\\nd\\ne\\nf\\ng\\nh\\ni\\nj\\nk\\n|a\\nB\\nc\\nd\\ne\\nf\\ng\\nh\\ni\\nj\\nK\\nl\\n",
    })
    void apply_reproduces_the_modified_text(String original, String modified) throws Exception {
        String a = unescape(original);
        String b = unescape(modified);
        assertThat(UnifiedDiff.apply(a, UnifiedDiff.of("f", a, b))).isEqualTo(b);
    }

    @Test
    void apply_refuses_a_file_that_changed() {
        String diff = UnifiedDiff.of("f", "FROM a\nRUN x\n", "FROM b\nRUN x\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnifiedDiff.apply("FROM c\nRUN x\n", diff))
                .isInstanceOf(UnifiedDiff.PatchException.class).hasMessageContaining("changed since the patch was made");
    }

    @Test
    void equal_texts_have_no_diff() {
        assertThat(UnifiedDiff.of("x", "a\n", "a\n")).isEmpty();
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
