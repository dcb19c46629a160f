package dev.buildxlens.core.actions;

import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.Messages;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command that changes the machine (switch builders, start a registry), shown to the user word for word before it
 * runs, and run only after they confirm. Bounded by a timeout; the result is one line of output. {@code cannotRun}
 * says why it cannot run here (no buildx plugin, no docker CLI), empty when it can: such a command is still shown and
 * copied, never offered to run.
 */
public record MachineCommand(String title, List<String> words, String cannotRun) {

    public MachineCommand {
        words = List.copyOf(words);
        cannotRun = cannotRun == null ? "" : cannotRun;
    }

    public MachineCommand(String title, List<String> words) {
        this(title, words, "");
    }

    /** The same command, with why it cannot run on a machine whose Docker CLI is {@code client} (empty when it can). */
    public MachineCommand on(dev.buildxlens.core.model.DockerClient client) {
        String why = "";
        if (client.buildx() == dev.buildxlens.core.model.DockerClient.Plugin.MISSING && client.path().isEmpty()) {
            why = "there is no docker CLI on PATH";
        } else if (words.size() > 1 && words.get(1).equals("buildx") && (client.buildx() == dev.buildxlens.core.model.DockerClient.Plugin.MISSING
                || client.buildx() == dev.buildxlens.core.model.DockerClient.Plugin.FAILED)) {
            why = "it needs the docker buildx plugin, which is " + (client.buildx() == dev.buildxlens.core.model.DockerClient.Plugin.MISSING
                    ? "not installed here" : "failing here") + (client.detail().isEmpty() ? "" : " (" + client.detail() + ")");
        }
        return new MachineCommand(title, words, why);
    }

    public boolean runnable() {
        return cannotRun.isEmpty();
    }

    /** The command as the user would type it. */
    public String text() {
        return dev.buildxlens.core.fix.ShellQuote.command(words);
    }

    public record Result(boolean ok, String output) {
    }

    public Result run(Environment env, Duration timeout) {
        Path executable = find(env, words.get(0));
        if (executable == null) {
            return new Result(false, words.get(0) + " is not on PATH");
        }
        try {
            List<String> command = new java.util.ArrayList<>(words);
            command.set(0, executable.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env.variables());
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(false, "no answer within " + timeout.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Result(process.exitValue() == 0, output.isEmpty() ? "exit " + process.exitValue() : output.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return new Result(false, Messages.firstLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    private static Path find(Environment env, String name) {
        for (String dir : env.get("PATH").orElse("").split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, name);
            if (candidate != null && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
