package dev.buildxlens.core.pipeline;

/**
 * Input the user must fix before anything can be diagnosed: a file that cannot be read or parsed, an unknown builder
 * or job, a choice that cannot work. The message names the file and, where there is one, the line.
 */
public final class InputException extends Exception {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
