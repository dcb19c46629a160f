package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.testing.DockerTestSupport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line run as a user who may not open the daemon's socket ("nobody", through setpriv, against the real
 * root-owned socket): one precise line and exit code 3, within a second or two, no stack trace.
 */
class PermissionDeniedDockerTest {

    @TempDir
    Path dir;

    @Test
    void a_socket_the_user_may_not_open_says_so_and_how_to_fix_it() throws IOException, InterruptedException {
        Path socket = Path.of("/var/run/docker.sock");
        Path setpriv = Path.of("/usr/bin/setpriv");
        if (!Files.exists(socket) || !Files.isExecutable(setpriv) || !"root".equals(System.getProperty("user.name"))) {
            DockerTestSupport.unavailable("needs root, setpriv and /var/run/docker.sock to run a command as another user");
        }
        // The class path of this JVM, copied where "nobody" can read it (the Maven repository is under /root).
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> classpath = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (Files.isRegularFile(source) && entry.endsWith(".jar")) {
                Path copy = dir.resolve((index++) + "-" + source.getFileName());
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                classpath.add(copy.toString());
            } else if (Files.isDirectory(source) && source.endsWith("classes")) {
                Path copy = dir.resolve("classes" + index++);
                try (var files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Path target = copy.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                classpath.add(copy.toString());
            }
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                java.toString(), "-cp", String.join(File.pathSeparator, classpath), "dev.buildxlens.Launcher", "inspect");
        builder.environment().clear();
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("DOCKER_HOST", "unix://" + socket);
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("[failed] DOCKER_HOST (unix:///var/run/docker.sock): permission denied on /var/run/docker.sock "
                + "(add your user to the 'docker' group, or use a rootless daemon)");
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000);
    }
}
