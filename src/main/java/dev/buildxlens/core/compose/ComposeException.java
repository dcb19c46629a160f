package dev.buildxlens.core.compose;

import java.nio.file.Path;

/**
 * A Compose project that cannot be read the way {@code docker compose} would read it: invalid YAML, an interpolation
 * Compose refuses, a required variable that is unset, an {@code extends} or {@code include} loop, a missing file, a
 * model Compose rejects. The message starts with {@code file:line:} when the place is known; {@link #file()},
 * {@link #line()} and {@link #problem()} give the parts.
 */
public final class ComposeException extends Exception {

    private final transient Path file;
    private final int line;
    private final String problem;

    /** {@code file} may be null (a problem of the whole project), {@code line} 0 when unknown. */
    public ComposeException(Path file, int line, String problem) {
        super(format(file, line, problem));
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    private static String format(Path file, int line, String problem) {
        if (file == null) {
            return problem;
        }
        return line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem;
    }

    /** The file at fault; null for a problem of the project as a whole (an invalid project name, for one). */
    public Path file() {
        return file;
    }

    /** 1-based line, 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }

    /** The message without the place. */
    public String problem() {
        return problem;
    }
}
