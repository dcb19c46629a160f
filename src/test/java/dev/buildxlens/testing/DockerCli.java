package dev.buildxlens.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The real Docker CLI as an oracle: what Buildx Lens reports must match what {@code docker} itself lists. */
public final class DockerCli {

    private DockerCli() {
    }

    /** Debian's 20.10 client first: it talks to the local engine without plugins. */
    public static Optional<Path> find() {
        for (String candidate : List.of("/usr/bin/docker", "/usr/local/bin/docker")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Runs the CLI against {@code host} with extra environment; returns exit code and combined output. */
    public static Result run(Path docker, String host, java.util.Map<String, String> env, List<String> args, Path directory)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(docker.toString(), "--host", host));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish in 180 s");
        }
        return new Result(process.exitValue(), output);
    }

    public record Result(int exitCode, String output) {
    }

    /** Runs the CLI against {@code host} and returns its non-empty output lines. */
    public static List<String> lines(Path docker, String host, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(docker.toString());
        command.add("--host");
        command.add(host);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
