package dev.buildxlens.core.bake.hcl;

/**
 * A value that cannot be used as asked (wrong type, bad argument). Thrown by conversions and functions, which know
 * no source position; the evaluator turns it into an {@link HclException} at the expression that failed.
 */
public final class ValueException extends RuntimeException {

    public ValueException(String message) {
        super(message, null, false, false);
    }
}
