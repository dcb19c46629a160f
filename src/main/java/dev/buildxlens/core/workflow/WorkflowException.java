package dev.buildxlens.core.workflow;

/** A workflow file that cannot be read as a GitHub Actions workflow; the message starts with {@code file:line:}. */
public final class WorkflowException extends Exception {

    public WorkflowException(String file, int line, String message) {
        super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
    }
}
