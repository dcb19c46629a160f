package dev.buildxlens.core.bake.hcl;

import java.util.List;

/** A function callable from expressions: bake's standard library or a user {@code function} block. */
@FunctionalInterface
public interface HclFunction {

    /**
     * Calls the function with evaluated arguments. Argument problems are {@link ValueException}s (the evaluator adds
     * the place); a user function's body may fail with an {@link HclException} of its own.
     */
    Value call(List<Value> args) throws HclException;
}
