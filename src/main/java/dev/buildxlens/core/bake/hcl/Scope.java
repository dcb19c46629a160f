package dev.buildxlens.core.bake.hcl;

import java.util.List;
import java.util.Map;

/**
 * The names an expression can use. The root scope is the application's (bake resolves variables, functions and block
 * references lazily, in the order expressions need them); child scopes add names for {@code for} expressions,
 * function parameters and matrix values.
 */
public interface Scope {

    /**
     * The value a traversal starts from. Most names take no steps ({@code used == 0}); a block type such as
     * {@code target} takes the steps that name the block and its attribute ({@code target.app.tags}).
     */
    Lookup lookup(String name, List<Expr.Step> steps, SourceRange at) throws HclException;

    HclFunction function(String name, SourceRange at) throws HclException;

    /** What a lookup found, and how many of the traversal's steps it used. */
    record Lookup(Value value, int used) {
    }

    /** A scope with {@code names} added over {@code parent}. */
    static Scope child(Scope parent, Map<String, Value> names) {
        Map<String, Value> own = Map.copyOf(names);
        return new Scope() {
            @Override
            public Lookup lookup(String name, List<Expr.Step> steps, SourceRange at) throws HclException {
                Value value = own.get(name);
                return value != null ? new Lookup(value, 0) : parent.lookup(name, steps, at);
            }

            @Override
            public HclFunction function(String name, SourceRange at) throws HclException {
                return parent.function(name, at);
            }
        };
    }
}
