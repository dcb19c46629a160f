package dev.buildxlens.core.diagnose;

/** The build names a builder the snapshot does not have. */
public final class UnknownBuilderException extends Exception {

    public UnknownBuilderException(String message) {
        super(message);
    }
}
