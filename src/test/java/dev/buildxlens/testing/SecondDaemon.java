package dev.buildxlens.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second dockerd that a test starts and stops itself (own data root, exec root, pid file, socket and network
 * namespace, no bridge, no iptables), so faults can be tried without touching the shared daemon. Needs root.
 */
public final class SecondDaemon implements AutoCloseable {

    private final Path dir;
    private Process process;

    public SecondDaemon(Path dir) {
        this.dir = dir;
    }

    public Path socket() {
        return dir.resolve("docker.sock");
    }

    public String host() {
        return "unix://" + socket();
    }

    /** Starts it and waits until it answers; skips (or fails under BUILDX_LENS_REQUIRE_DOCKER=1) when it cannot. */
    public SecondDaemon start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /** Starts it with extra dockerd options (e.g. {@code --insecure-registry HOST:PORT}). */
    public SecondDaemon start(List<String> extraOptions) throws IOException, InterruptedException {
        return start(extraOptions, java.util.Map.of());
    }

    /** Starts it with extra dockerd options and environment (e.g. {@code HTTPS_PROXY}, which dockerd pulls through). */
    public SecondDaemon start(List<String> extraOptions, java.util.Map<String, String> environment) throws IOException, InterruptedException {
        Path dockerd = java.util.stream.Stream.of("/usr/sbin/dockerd", "/usr/bin/dockerd", "/usr/local/bin/dockerd")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (dockerd == null) {
            DockerTestSupport.unavailable("no dockerd (Debian: docker.io) to start a second daemon with");
        }
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("exec"));
        Path unshare = Path.of("/usr/bin/unshare");
        if (!Files.isExecutable(unshare)) {
            DockerTestSupport.unavailable("no /usr/bin/unshare (util-linux) to give the second dockerd its own network");
        }
        // Its own network namespace: with --bridge=none, dockerd 20.10 deletes the host's docker0 at start
        // (libnetwork removes the default bridge interface it believes it owns), which breaks the shared daemon.
        List<String> command = new java.util.ArrayList<>(List.of(unshare.toString(), "--net", dockerd.toString(), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(),
                "-H", host(), "--bridge=none", "--iptables=false", "--ip-masq=false"));
        command.addAll(extraOptions);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                DockerTestSupport.unavailable("the second dockerd exited: " + tail());
            }
            if (answers()) {
                return this;
            }
            Thread.sleep(100);
        }
        DockerTestSupport.unavailable("the second dockerd did not answer within 30 s: " + tail());
        return this;
    }

    /** Stops it the way a crash or `systemctl stop` would end it for a client: the socket stops answering. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private boolean answers() {
        try {
            Process version = new ProcessBuilder("/usr/bin/docker", "-H", host(), "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
