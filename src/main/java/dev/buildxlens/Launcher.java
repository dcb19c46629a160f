package dev.buildxlens;

import dev.buildxlens.cli.Cli;
import dev.buildxlens.core.probe.Environment;

/**
 * The entry point. Deliberately not a JavaFX {@code Application}: with a subcommand it runs the command line
 * and never loads JavaFX; without one it hands over to the desktop app.
 */
public final class Launcher {

    private Launcher() {
    }

    /**
     * Starts, on a second core, the two slow first uses every probing command meets at once: the JSON library (its
     * first parse loads and initialises some hundred classes; the Docker config is read with it) and the JDK's
     * Unix-domain channels (the first request to dockerd). In parallel with parsing the command line and reading the
     * contexts, they are ready by the time the main thread needs them: about 50 ms of a 400 ms {@code inspect} on
     * this 2-core machine. What the thread does is thrown away; it never delays the exit (a daemon thread).
     */
    private static void warmUp() {
        Thread thread = new Thread(() -> {
            try {
                dev.buildxlens.core.json.JsonTrees.parse("{\"warm\":[1,\"up\",{\"x\":true,\"y\":null,\"z\":1.5}]}");
                java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
                java.nio.channels.Selector.open().close();
            } catch (java.io.IOException | UnsupportedOperationException e) {
                // Only a head start: the real use reports its own failures.
            }
        }, "buildx-lens-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    public static void main(String[] args) {
        logToStandardError();
        if (Cli.isCommandLine(args)) {
            warmUp();
            System.exit(Cli.live(Environment.system(), System.out, System.err).run(args));
        }
        dev.buildxlens.ui.DesktopApp.launchApp(args);
    }

    /** What a command-line run sets up before its command: also the start of {@link StartupTraining}. */
    static void prepareCommandLine() {
        logToStandardError();
        warmUp();
    }

    private static void logToStandardError() {
        // docker-java and its transport log at INFO; a terminal user wants our lines only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }
}
