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

    /**
     * Random small files from few distinct lines (many ties: the hard case for a diff): every diff applies back to
     * the modified text, and changes no more lines than the shortest edit needs.
     */
    @Test
    void random_edits_apply_back_and_are_shortest() throws Exception {
        java.util.Random random = new java.util.Random(19);
        for (int round = 0; round < 20_000; round++) {
            String original = randomText(random);
            String modified = randomText(random);
            String diff = UnifiedDiff.of("f", original, modified);
            assertThat(UnifiedDiff.apply(original, diff)).as(diff).isEqualTo(modified);
            long changed = diff.lines().filter(l -> (l.startsWith("+") || l.startsWith("-"))
                    && !l.startsWith("+++ ") && !l.startsWith("--- ")).count();
            assertThat(changed).as(original + "|" + modified + "\n" + diff).isEqualTo(shortestEdit(original, modified));
        }
    }

    private static String randomText(java.util.Random random) {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(9);
        for (int i = 0; i < lines; i++) {
            text.append((char) ('a' + random.nextInt(3)));
            if (i < lines - 1 || random.nextBoolean()) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** Lines removed plus lines added by a shortest edit: both lengths minus twice the longest common subsequence. */
    private static long shortestEdit(String original, String modified) {
        java.util.List<String> a = linesWithEnd(original);
        java.util.List<String> b = linesWithEnd(modified);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                lcs[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? lcs[i - 1][j - 1] + 1 : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
            }
        }
        return a.size() + b.size() - 2L * lcs[a.size()][b.size()];
    }

    private static java.util.List<String> linesWithEnd(String text) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            int newline = text.indexOf('\n', position);
            lines.add(newline < 0 ? text.substring(position) : text.substring(position, newline + 1));
            position = newline < 0 ? text.length() : newline + 1;
        }
        return lines;
    }
}
