package dev.buildxlens.ui;

import dev.buildxlens.core.probe.Messages;
import dev.buildxlens.ui.main.MainViewModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import javafx.application.Platform;

/**
 * Unexpected errors go to a log file in the user's config folder ({@code ~/.config/buildx-lens/buildx-lens.log});
 * the window shows one line in the banner that names the file.
 */
final class CrashLog {

    private CrashLog() {
    }

    static Path file() {
        return Path.of(System.getProperty("user.home"), ".config", "buildx-lens", "buildx-lens.log");
    }

    /** Becomes the handler of every thread's uncaught exceptions. */
    static void install(MainViewModel viewModel) {
        Path log = file();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            append(log, thread, error);
            String message = Messages.firstLine(error) + " (see " + log + ")";
            Platform.runLater(() -> viewModel.reportUnexpected(message));
        });
    }

    /** The time, the thread and the stack trace, added to the end of {@code log}. */
    static void append(Path log, Thread thread, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, Instant.now() + " " + thread.getName() + "\n" + trace + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // Nowhere left to report to; the banner still says something went wrong.
        }
    }
}
