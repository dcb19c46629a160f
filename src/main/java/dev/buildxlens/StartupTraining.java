package dev.buildxlens;

import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.probe.Environment;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run of the packaged command's start-up cache: {@code packaging/package.sh} runs this once, recording
 * with {@code -XX:AOTCacheOutput} (JDK 25), and ships the cache; every later start of a command maps the classes it
 * loaded, already linked, with their profiles (JEP 483, 515). One JVM runs the commands people use, the way the
 * command line runs them, so that one cache serves them all: against this machine's engine (or none: the
 * failure path is trained then) and against built-in lessons for each kind of build file. What they print is thrown
 * away.
 */
public final class StartupTraining {

    /** Each entry is the arguments of one {@code buildx-lens} command. */
    static final List<List<String>> COMMANDS = List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("inspect", "--format", "json"),
            List.of("inspect"),
            List.of("doctor"),
            List.of("diagnose", "--scenario", "classic-ci", "--format", "json"),
            List.of("diagnose", "--scenario", "classic-ci"),
            List.of("fix", "--scenario", "classic-ci"),
            List.of("diagnose", "--scenario", "laptop-loaded-base", "--format", "json"),
            List.of("diagnose", "--scenario", "compose-depends-on-is-not-a-build-order"),
            List.of("diagnose", "--scenario", "bake-target-link"),
            List.of("diagnose", "--scenario", "gitlab-job-to-job"),
            List.of("scenarios"));

    private StartupTraining() {
    }

    public static void main(String[] args) {
        Launcher.prepareCommandLine();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, java.nio.charset.StandardCharsets.UTF_8);
        for (List<String> command : COMMANDS) {
            Cli.live(Environment.system(), discard, discard).run(command.toArray(String[]::new));
        }
    }
}
