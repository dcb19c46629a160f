package dev.buildxlens.core.probe;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.buildxlens.core.model.DockerClient;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker buildx} when the plugin is installed, to learn what only a live builder can tell
 * (status, BuildKit version, platforms). Bounded by a timeout; any failure is one line and the store files
 * still give the picture.
 */
public final class BuildxCli {

    private final Environment env;
    private final Duration timeout;

    public BuildxCli(Environment env, Duration timeout) {
        this.env = env;
        this.timeout = timeout;
    }

    /**
     * The result: parsed builders when the CLI answered, else the reason it did not ({@code message}); and what was
     * learnt of the Docker CLI and its buildx plugin on the way.
     */
    public record Listing(Optional<List<BuildxLs.LsBuilder>> builders, DockerClient client, String message) {

        /** Nothing asked yet (the CLI is not consulted, or its answer is still coming). */
        public static Listing notAsked(String message) {
            return new Listing(Optional.empty(), DockerClient.unknown(message), message);
        }

        public String version() {
            return client.buildxVersion();
        }
    }

    public Listing list() {
        Optional<Path> docker = findDocker();
        if (docker.isEmpty()) {
            String message = "no docker CLI on PATH, so no buildx plugin: builders read from the store files";
            return new Listing(Optional.empty(), new DockerClient("", "", DockerClient.Plugin.MISSING, "", message, DockerClient.thisOs()), message);
        }
        String path = docker.get().toString();
        String clientVersion = clientVersion(docker.get());
        List<Path> pluginDirs = pluginDirs();
        if (pluginDirs.stream().noneMatch(this::holdsBuildx)) {
            // The CLI looks only here too; not finding the file saves starting the docker CLI for buildx (about 60 ms).
            String message = "docker buildx plugin not installed (no docker-buildx in "
                    + String.join(", ", pluginDirs.stream().map(Path::toString).toList()) + "): builders read from the store files";
            return new Listing(Optional.empty(), new DockerClient(path, clientVersion, DockerClient.Plugin.MISSING, "", message, DockerClient.thisOs()), message);
        }
        Run version = run(docker.get(), "buildx", "version");
        if (version.exitCode != 0) {
            String why = version.timedOut ? "did not answer within " + timeout.toSeconds() + " s"
                    : "failed (docker buildx version exited " + version.exitCode + ": "
                            + firstLine(version.stderr, "no message") + ")";
            String message = "docker buildx plugin " + why + ": builders read from the store files";
            return new Listing(Optional.empty(), new DockerClient(path, clientVersion, DockerClient.Plugin.FAILED, "", message, DockerClient.thisOs()), message);
        }
        DockerClient client = new DockerClient(path, clientVersion, DockerClient.Plugin.INSTALLED, version.stdout.trim(), "", DockerClient.thisOs());
        Run ls = run(docker.get(), "buildx", "ls", "--format", "json");
        if (ls.exitCode != 0) {
            String why = ls.timedOut ? "did not answer within " + timeout.toSeconds() + " s"
                    : "failed: " + firstLine(ls.stderr, "exit " + ls.exitCode);
            return new Listing(Optional.empty(), client, "docker buildx ls " + why + " (buildx < 0.13 has no JSON format): builders read from the store files");
        }
        try {
            return new Listing(Optional.of(BuildxLs.parse(ls.stdout)), client, "");
        } catch (IOException e) {
            return new Listing(Optional.empty(), client, "docker buildx ls: " + e.getMessage() + ": builders read from the store files");
        }
    }

    /**
     * The client's version from {@code docker --version} ("Docker version 20.10.24+dfsg1, build 297e128"), which does
     * not contact the daemon; empty when it does not answer like that.
     */
    private String clientVersion(Path docker) {
        Run run = run(docker, "--version");
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("version\\s+([0-9][^,\\s]*)").matcher(run.stdout);
        return run.exitCode == 0 && matcher.find() ? matcher.group(1) : "";
    }

    /**
     * Where the Docker CLI looks for plugins, in its order: {@code cliPluginsExtraDirs} from config.json, the
     * user's {@code <config>/cli-plugins}, then the system directories (docker/cli {@code cli-plugins/manager}).
     */
    List<Path> pluginDirs() {
        List<Path> dirs = new ArrayList<>();
        Path config = env.dockerConfigDir().resolve("config.json");
        if (Files.isRegularFile(config)) {
            try {
                com.fasterxml.jackson.databind.JsonNode extra = dev.buildxlens.core.json.JsonTrees.parseObjectSkipping(config, ContextStore.CREDENTIAL_KEYS).get("cliPluginsExtraDirs");
                if (extra != null && extra.isArray()) {
                    extra.forEach(dir -> dirs.add(Path.of(dir.asText())));
                }
            } catch (IOException | RuntimeException ignored) {
                // An unreadable config is reported by the context store; the default directories still apply.
            }
        }
        dirs.add(env.dockerConfigDir().resolve("cli-plugins"));
        if (env.windows()) {
            env.get("ProgramData").ifPresent(dir -> dirs.add(Path.of(dir, "Docker", "cli-plugins")));
            env.get("ProgramFiles").ifPresent(dir -> dirs.add(Path.of(dir, "Docker", "cli-plugins")));
        } else {
            for (String dir : List.of("/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins",
                    "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins")) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs;
    }

    private boolean holdsBuildx(Path dir) {
        return Files.exists(dir.resolve(env.windows() ? "docker-buildx.exe" : "docker-buildx"));
    }

    private Optional<Path> findDocker() {
        String path = env.get("PATH").orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : env.windows() ? List.of("docker.exe", "docker") : List.of("docker")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private record Run(int exitCode, boolean timedOut, String stdout, String stderr) {
    }

    private Run run(Path docker, String... args) {
        List<String> command = new ArrayList<>();
        command.add(docker.toString());
        command.addAll(List.of(args));
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("buildx-lens-out", ".txt");
            err = Files.createTempFile("buildx-lens-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().clear();
            builder.environment().putAll(env.variables());
            process = builder.start();
            process.getOutputStream().close();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Run(-1, true, "", "");
            }
            return new Run(process.exitValue(), false, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, false, "", Messages.firstLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            return new Run(-1, false, "", "interrupted");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String firstLine(String text, String fallback) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return line.trim();
            }
        }
        return fallback;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temp file is harmless.
            }
        }
    }
}
