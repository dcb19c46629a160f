package dev.buildxlens.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A real registry image made offline: Debian's {@code docker-registry} binary and the libraries {@code ldd} names,
 * imported as {@code buildx-lens-test/registry:2}. There is no Docker Hub here, and this is the same program
 * {@code registry:2} runs.
 */
public final class RegistryImage {

    public static final String NAME = "buildx-lens-test/registry:2";
    private static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final String CONFIG = """
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: /var/lib/registry
            http:
              addr: :5000
            """;

    private RegistryImage() {
    }

    /** Imports the image unless the daemon already has it; returns its name. */
    public static String ensure(DockerTestSupport.Daemon daemon) throws IOException, InterruptedException {
        try {
            daemon.client().inspectImageCmd(NAME).exec();
            return NAME;
        } catch (com.github.dockerjava.api.exception.NotFoundException absent) {
            // import it below
        }
        if (!Files.isExecutable(BINARY)) {
            DockerTestSupport.unavailable("no " + BINARY + " (apt-get install docker-registry)");
        }
        Path docker = DockerCli.find().orElseThrow(() -> new IllegalStateException("tests need the docker CLI"));
        Process process = new ProcessBuilder(docker.toString(), "--host", daemon.host(), "import",
                "-c", "ENTRYPOINT [\"/usr/bin/docker-registry\",\"serve\",\"/etc/docker/registry/config.yml\"]",
                "-c", "EXPOSE 5000", "-", NAME).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(rootFilesystem());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("docker import of the registry image failed: " + output);
        }
        return NAME;
    }

    private static byte[] rootFilesystem() throws IOException, InterruptedException {
        Set<Path> files = new LinkedHashSet<>();
        files.add(BINARY);
        files.addAll(sharedLibraries());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file.toRealPath());
                add(tar, file.toString().substring(1), content, 0755);
            }
            add(tar, "etc/docker/registry/config.yml", CONFIG.getBytes(StandardCharsets.UTF_8), 0644);
            TarArchiveEntry data = new TarArchiveEntry("var/lib/registry/");
            tar.putArchiveEntry(data);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static List<Path> sharedLibraries() throws IOException, InterruptedException {
        Process ldd = new ProcessBuilder("ldd", BINARY.toString()).redirectErrorStream(true).start();
        String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ldd.waitFor(30, TimeUnit.SECONDS);
        List<Path> libraries = new ArrayList<>();
        Matcher matcher = Pattern.compile("(/\\S+)").matcher(output);
        while (matcher.find()) {
            libraries.add(Path.of(matcher.group(1)));
        }
        return libraries;
    }
}
