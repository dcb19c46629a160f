package dev.buildxlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.files.AtomicFiles;
import dev.buildxlens.testing.DockerTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails leaves the user's file as it was and nothing behind: tried on a real full disk (a 256 KB
 * tmpfs, mounted by the test; needs root, which CI has) and on a directory that does not exist.
 */
class FailedWritesTest {

    @TempDir
    Path dir;

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    @Test
    void a_full_disk_keeps_the_original_and_leaves_no_temporary_file() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tiny"));
        if (!run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString())) {
            DockerTestSupport.unavailable("cannot mount a tmpfs here (needs root)");
        }
        try {
            Path workflow = mount.resolve("ci.yml");
            String original = "name: ci\n" + "# padding\n".repeat(400);
            Files.writeString(workflow, original);
            // Fill the rest of the disk.
            try (var out = Files.newOutputStream(mount.resolve("filler"))) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                }
            } catch (IOException full) {
                // No space left: exactly the state wanted.
            }
            String patched = original + "# more\n".repeat(4000);

            assertThatThrownBy(() -> AtomicFiles.write(workflow, patched)).isInstanceOf(IOException.class);
            assertThat(Files.readString(workflow)).isEqualTo(original);
            assertThatThrownBy(() -> AtomicFiles.writeWithBackup(workflow, patched)).isInstanceOf(IOException.class);
            assertThat(Files.readString(workflow)).isEqualTo(original);
            try (var files = Files.list(mount)) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertThat(names).as("no temporary file left behind").allSatisfy(n -> assertThat(n).doesNotEndWith(".tmp"));
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void a_missing_directory_is_an_error_and_creates_nothing() {
        Path target = dir.resolve("gone/ci.yml");
        assertThatThrownBy(() -> AtomicFiles.write(target, "x")).isInstanceOf(IOException.class);
        assertThat(dir.resolve("gone")).doesNotExist();
    }

    @Test
    void a_successful_write_with_backup_keeps_the_old_text_beside_the_new() throws IOException {
        Path file = Files.writeString(dir.resolve("Dockerfile"), "FROM old\n");
        Path backup = AtomicFiles.writeWithBackup(file, "FROM new\n");
        assertThat(Files.readString(file)).isEqualTo("FROM new\n");
        assertThat(backup).hasFileName("Dockerfile.bak").hasContent("FROM old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("Dockerfile", "Dockerfile.bak");
        }
    }
}
