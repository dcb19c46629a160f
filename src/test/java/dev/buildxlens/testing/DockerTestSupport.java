package dev.buildxlens.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.buildxlens.core.probe.ContextStore;
import dev.buildxlens.core.probe.DaemonDiscovery;
import dev.buildxlens.core.probe.DockerConnection;
import dev.buildxlens.core.probe.EngineConnector;
import dev.buildxlens.core.probe.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the real daemon for integration tests. Without a daemon the tests are skipped on a developer's
 * machine, but fail when {@code BUILDX_LENS_REQUIRE_DOCKER=1} (CI), so a missing engine is never a green run.
 */
public final class DockerTestSupport {

    public static final boolean REQUIRED = "1".equals(System.getenv("BUILDX_LENS_REQUIRE_DOCKER"));

    private DockerTestSupport() {
    }

    /**
     * A daemon found the way the app finds it, the host it answered on, and a docker-java client on the same host
     * for the tests' own set-up (creating containers, inspecting images).
     */
    public record Daemon(DockerConnection connection, DockerClient client, String host) implements AutoCloseable {
        @Override
        public void close() {
            connection.close();
            try {
                client.close();
            } catch (IOException ignored) {
                // Nothing left to clean up.
            }
        }
    }

    public static Daemon connect() {
        Environment env = Environment.system();
        DaemonDiscovery discovery = new DaemonDiscovery(env, new ContextStore(env), EngineConnector.withDefaultTimeouts(env));
        DaemonDiscovery.Outcome outcome = discovery.discover();
        if (outcome.connection().isEmpty()) {
            String attempts = discovery.attempts().stream().map(a -> "  " + a.line()).collect(Collectors.joining("\n"));
            unavailable("no Docker daemon answered:\n" + attempts);
        }
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder().withDockerHost(outcome.host()).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(60)).build();
        return new Daemon(outcome.connection().get(), DockerClientImpl.getInstance(config, http), outcome.host());
    }

    /** Skips the test, or fails it when Docker is required. */
    public static void unavailable(String why) {
        if (REQUIRED) {
            fail("BUILDX_LENS_REQUIRE_DOCKER=1 but " + why);
        }
        Assumptions.abort(why + " (set BUILDX_LENS_REQUIRE_DOCKER=1 to make this a failure)");
    }

    /**
     * Imports a one-file image with {@code docker import -}, so tests need no registry and no network.
     * Different {@code content} gives a different image id.
     */
    public static String importImage(Daemon daemon, String repository, String tag, String content) {
        byte[] tar = tarWithOneFile("hello.txt", content.getBytes(StandardCharsets.UTF_8));
        dockerImport(daemon, List.of(), tar, repository + ":" + tag);
        return daemon.client().inspectImageCmd(repository + ":" + tag).exec().getId();
    }

    /**
     * A runnable image: Debian's static busybox as {@code /bin/busybox} and {@code /bin/sh}, imported offline, so a
     * test can RUN commands in a build and run the result.
     */
    public static String importBusyboxImage(Daemon daemon, String repository, String tag) throws IOException {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            unavailable("no /bin/busybox (apt-get install busybox-static)");
        }
        byte[] binary = Files.readAllBytes(busybox);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String name : new String[] {"bin/busybox", "bin/sh"}) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(binary.length);
                entry.setMode(0755);
                tar.putArchiveEntry(entry);
                tar.write(binary);
                tar.closeArchiveEntry();
            }
            tar.putArchiveEntry(new TarArchiveEntry("tmp/"));
            tar.closeArchiveEntry();
        }
        dockerImport(daemon, List.of("-c", "CMD [\"/bin/sh\"]"), bytes.toByteArray(), repository + ":" + tag);
        return daemon.client().inspectImageCmd(repository + ":" + tag).exec().getId();
    }

    /**
     * {@code docker import} through the real CLI: docker-java's import over the zerodep transport truncates the
     * upload here ("unexpected EOF").
     */
    private static void dockerImport(Daemon daemon, List<String> changes, byte[] tar, String reference) {
        Path docker = DockerCli.find().orElseThrow(() -> new IllegalStateException("tests need the docker CLI to import images"));
        List<String> command = new java.util.ArrayList<>(List.of(docker.toString(), "--host", daemon.host(), "import"));
        command.addAll(changes);
        command.addAll(List.of("-", reference));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(tar);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("docker import failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] tarWithOneFile(String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void removeQuietly(Runnable removal) {
        try {
            removal.run();
        } catch (RuntimeException ignored) {
            // Already gone: clean-up has nothing left to do.
        }
    }
}
