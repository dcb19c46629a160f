package dev.buildxlens.core.probe;

/** A daemon endpoint that did not answer; the message is the one line shown to the user. */
public final class DaemonUnavailableException extends Exception {

    public DaemonUnavailableException(String message) {
        super(message);
    }

    public DaemonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
