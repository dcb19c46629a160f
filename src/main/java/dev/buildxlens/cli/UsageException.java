package dev.buildxlens.cli;

/** Bad usage or input: the message says what is wrong and where. Exit code 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
