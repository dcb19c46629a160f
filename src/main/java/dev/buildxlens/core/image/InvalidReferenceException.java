package dev.buildxlens.core.image;

/** An image reference the Docker CLI would reject; the message is the CLI's own wording where it has one. */
public final class InvalidReferenceException extends Exception {

    public InvalidReferenceException(String message) {
        super(message);
    }
}
