package dev.buildxlens.core.bake.hcl;

/**
 * Limits on evaluation, so a hostile or runaway file (functions that call each other twice per level, a
 * {@code range(1e9)}, a string doubled thirty times, a pathological regular expression) fails with an error instead of
 * exhausting the machine. Real bake files use a tiny fraction of each.
 */
public final class Budget {

    /** Expression evaluations per read of a bake definition. */
    public static final long MAX_STEPS = 250_000;
    /** Elements of one list or object. */
    public static final int MAX_ITEMS = 100_000;
    /** Characters of one string. */
    public static final int MAX_STRING = 1 << 20;
    /** Character reads of all regular expression matching. */
    public static final long MAX_REGEX_STEPS = 50_000_000;
    /** Nested user-function calls. */
    public static final int MAX_CALL_DEPTH = 64;

    private long steps;
    private long regexSteps;
    private int callDepth;

    void step(SourceRange at) throws HclException {
        if (++steps > MAX_STEPS) {
            throw new HclException(HclException.Kind.LIMIT, at, "Evaluation too long: more than " + MAX_STEPS
                    + " expression steps; the file's functions or loops grow without bound");
        }
    }

    /** Refuses a value larger than the limits (only its top level is measured; nested parts were checked when made). */
    void check(Value value, SourceRange at) throws HclException {
        if (value instanceof Value.Str s && s.value().length() > MAX_STRING) {
            throw new HclException(HclException.Kind.LIMIT, at, "Value too large: a string of more than " + MAX_STRING + " characters");
        }
        if (value instanceof Value.Seq seq && seq.items().size() > MAX_ITEMS) {
            throw new HclException(HclException.Kind.LIMIT, at, "Value too large: a list of more than " + MAX_ITEMS + " elements");
        }
        if (value instanceof Value.Obj obj && obj.fields().size() > MAX_ITEMS) {
            throw new HclException(HclException.Kind.LIMIT, at, "Value too large: an object of more than " + MAX_ITEMS + " attributes");
        }
    }

    /** Counts one character read by a regular expression; false once the budget is spent. */
    boolean regexStep() {
        return ++regexSteps <= MAX_REGEX_STEPS;
    }

    void enterCall(SourceRange at) throws HclException {
        if (++callDepth > MAX_CALL_DEPTH) {
            callDepth = 0;
            throw new HclException(HclException.Kind.LIMIT, at, "Function calls nested too deep: more than " + MAX_CALL_DEPTH);
        }
    }

    void leaveCall() {
        callDepth = Math.max(0, callDepth - 1);
    }
}
