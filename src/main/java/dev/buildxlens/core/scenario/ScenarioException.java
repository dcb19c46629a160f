package dev.buildxlens.core.scenario;

/** A scenario file that cannot be used; the message starts with {@code file:line:}. */
public final class ScenarioException extends Exception {

    ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String file, int line, String message) {
        super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
    }
}
