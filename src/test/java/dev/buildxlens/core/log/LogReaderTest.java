package dev.buildxlens.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading: normalisation of CI and terminal bytes, original line numbers, and the size limit. */
class LogReaderTest {

    @TempDir
    Path temp;

    private static LogFacts read(String log) throws IOException {
        return new LogReader().read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "test.log");
    }

    @Test
    void a_github_raw_log_loses_timestamps_and_colours_and_keeps_line_numbers() throws IOException {
        String log = "2024-05-01T10:00:00.1234567Z ##[group]Run docker/build-push-action@v5\r\n"
                + "2024-05-01T10:00:00.2234567Z \r\n"
                + "2024-05-01T10:00:01.0000000Z \u001B[36;1m#0 building with \"builder-1\" instance using docker-container driver\u001B[0m\r\n"
                + "2024-05-01T10:00:02.0000000Z ##[error]buildx failed with: ERROR: failed to solve: base name (${BASE}) should not be blank\r\n";
        LogFacts facts = read(log);
        assertThat(facts.kind()).isEqualTo(LogKind.GITHUB_ACTIONS);
        assertThat(facts.builder().name()).isEqualTo("builder-1");
        assertThat(facts.builder().driver()).isEqualTo("docker-container");
        assertThat(facts.builder().evidence()).extracting(LogLine::number).containsExactly(3);
        assertThat(facts.builder().evidence().get(0).text()).isEqualTo("#0 building with \"builder-1\" instance using docker-container driver");
        assertThat(facts.mainErrorLine().number()).isEqualTo(4);
        assertThat(facts.mainErrorLine().text()).startsWith("##[error]buildx failed with: ERROR:").doesNotContain("\r");
        assertThat(facts.hits("FROM_ARG_BLANK")).extracting(SymptomHit::detail).containsExactly("BASE");
        assertThat(facts.outcome()).isEqualTo(LogOutcome.FAILURE);
    }

    @Test
    void gitlab_section_markers_and_erase_sequences_are_removed() throws IOException {
        String log = "section_start:1700000000:step_script\r\u001B[0KExecuting \"step_script\" stage of the job script\n"
                + "\u001B[32;1m$ docker buildx create --use --name ci --driver docker-container\u001B[0;m\n"
                + "ERROR: could not create a builder instance with TLS data loaded from environment. Please use `docker context create <context-name>` to create a context for current environment and then create a builder instance with context set to <context-name>\n"
                + "section_end:1700000001:step_script\r\u001B[0K\n";
        LogFacts facts = read(log);
        assertThat(facts.kind()).isEqualTo(LogKind.GITLAB);
        assertThat(facts.builder().name()).isEqualTo("ci");
        assertThat(facts.builder().driver()).isEqualTo("docker-container");
        assertThat(facts.hits("BUILDX_CREATE_TLS_ENV")).extracting(h -> h.line().number()).containsExactly(3);
        assertThat(facts.operation()).isEqualTo("builder-create");
    }

    @Test
    void a_terminal_redraw_keeps_what_stays_on_screen() {
        assertThat(LineNormaliser.normalise(" => [1/2] FROM x 0.1s\r => [1/2] FROM x 0.2s").text()).isEqualTo(" => [1/2] FROM x 0.2s");
        assertThat(LineNormaliser.normalise("[2024-05-08T13:05:07.699Z] ERROR: x").text()).isEqualTo("ERROR: x");
        assertThat(LineNormaliser.normalise("[INFO] DOCKER> #4 ERROR: y").text()).isEqualTo("#4 ERROR: y");
        assertThat(LineNormaliser.normalise("plain line").text()).isEqualTo("plain line");
    }

    @Test
    void versions_are_read_where_they_are_printed() throws IOException {
        LogFacts facts = read("""
                github.com/docker/buildx v0.12.1 abc
                Client: Docker Engine - Community
                 Version:           24.0.7
                Server: Docker Engine - Community
                 Engine:
                  Version:          24.0.8
                BuildKit version:      v0.20.0
                """);
        assertThat(facts.versions()).containsEntry("buildx", "v0.12.1").containsEntry("docker", "24.0.7")
                .containsEntry("docker-server", "24.0.8").containsEntry("buildkit", "v0.20.0");
    }

    @Test
    void a_long_line_is_cut_and_the_next_line_keeps_its_number() throws IOException {
        String log = "x".repeat(LogReader.MAX_LINE * 3) + "\nERROR: failed to solve: boom\n";
        LogFacts facts = read(log);
        assertThat(facts.lineCount()).isEqualTo(2);
        assertThat(facts.mainErrorLine().number()).isEqualTo(2);
    }

    @Test
    void a_stream_over_the_limit_stops_with_the_limit_named() {
        byte[] log = "#1 [internal] load build definition from Dockerfile\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new LogReader(1024).read(new ByteArrayInputStream(log), "-"))
                .isInstanceOf(LogTooLargeException.class).hasMessageContaining("-: the log is larger than the limit of 1024 bytes");
    }

    @Test
    void a_stream_at_the_limit_is_read() throws IOException {
        byte[] log = "ERROR: failed to solve: x\n".repeat(40).getBytes(StandardCharsets.UTF_8);
        LogFacts facts = new LogReader(log.length).read(new ByteArrayInputStream(log), "-");
        assertThat(facts.lineCount()).isEqualTo(40);
        assertThat(facts.errorLines()).hasSize(40);
    }

    /** The real 200 MB limit, on a generated stream: nothing is written to disk and nothing is held in memory. */
    @Test
    void the_default_limit_is_200_mb_on_a_generated_stream() {
        assertThatThrownBy(() -> new LogReader().read(new GeneratedLog(LogReader.DEFAULT_LIMIT + 1), "-"))
                .isInstanceOf(LogTooLargeException.class).hasMessageContaining("200 MB");
    }

    /** A file over the limit is refused from its size before any byte is read (a sparse file: no 200 MB written). */
    @Test
    void a_file_over_the_limit_is_refused_before_reading() throws IOException {
        Path big = temp.resolve("big.log");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(LogReader.DEFAULT_LIMIT + 1);
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> new LogReader().read(big)).isInstanceOf(LogTooLargeException.class)
                .hasMessageContaining(big.toString()).hasMessageContaining("200 MB");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void only_bounded_lines_are_kept_from_a_long_failing_log() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            log.append("#").append(i).append(" ERROR: process \"/bin/sh -c false\" did not complete successfully: exit code: 1\n");
        }
        LogFacts facts = read(log.toString());
        assertThat(facts.lineCount()).isEqualTo(5000);
        assertThat(facts.errorLines()).hasSize(LogScanner.MAX_ERROR_LINES);
        assertThat(facts.mainErrorLine().number()).isEqualTo(5000);
    }

    /** Build-log lines, generated on demand up to {@code size} bytes. */
    private static final class GeneratedLog extends InputStream {
        private static final byte[] LINE = ("#12 1.234 " + "x".repeat(1000) + "\n").getBytes(StandardCharsets.US_ASCII);
        private final long size;
        private long position;

        GeneratedLog(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return LINE[(int) (position++ % LINE.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = LINE[(int) ((position + i) % LINE.length)];
            }
            position += n;
            return n;
        }
    }
}
