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

    public static void main(String[] args) {
        // docker-java and its transport log at INFO; a terminal user wants our lines only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (Cli.isCommandLine(args)) {
            System.exit(Cli.live(Environment.system(), System.out, System.err).run(args));
        }
        dev.buildxlens.ui.DesktopApp.launchApp(args);
    }
}
