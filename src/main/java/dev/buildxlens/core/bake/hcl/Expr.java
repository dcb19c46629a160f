package dev.buildxlens.core.bake.hcl;

import java.util.List;

/**
 * An HCL expression as written, not yet evaluated: bake evaluates the same expression once per matrix combination and
 * resolves variables and block references lazily, so the tree is kept. Each node knows its source range.
 */
public sealed interface Expr {

    SourceRange range();

    /** A number, bool, null or a string without interpolation. */
    record Literal(Value value, SourceRange range) implements Expr {
    }

    /**
     * A string template ({@code "a-${b}"}, a heredoc). A template that is one interpolation and nothing else yields the
     * interpolated value unchanged, whatever its type, as in HCL.
     */
    record Template(List<TemplatePart> parts, SourceRange range) implements Expr {
        public Template {
            parts = List.copyOf(parts);
        }
    }

    /** A name and the attribute and literal index steps after it: {@code TAG}, {@code target.app.tags}, {@code a[0]}. */
    record Traversal(String root, List<Step> steps, SourceRange range) implements Expr {
        public Traversal {
            steps = List.copyOf(steps);
        }
    }

    /** {@code name(args)}; {@code expandFinal} for {@code name(a, list...)}. */
    record Call(String name, List<Expr> args, boolean expandFinal, SourceRange range) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, SourceRange range) implements Expr {
    }

    /** {@code op} is one of {@code || && == != < <= > >= + - * / %}. */
    record Binary(String op, Expr left, Expr right, SourceRange range) implements Expr {
    }

    /** {@code op} is {@code !} or {@code -}. */
    record Unary(String op, Expr operand, SourceRange range) implements Expr {
    }

    record TupleCons(List<Expr> items, SourceRange range) implements Expr {
        public TupleCons {
            items = List.copyOf(items);
        }
    }

    /** An object constructor; a key written as a bare name is that name as a string ({@code literalKey}). */
    record ObjectCons(List<ObjectItem> items, SourceRange range) implements Expr {
        public ObjectCons {
            items = List.copyOf(items);
        }
    }

    record ObjectItem(Expr key, Expr value) {
    }

    /** {@code collection[key]} where the key is computed. */
    record Index(Expr collection, Expr key, SourceRange range) implements Expr {
    }

    /** {@code expr.name} after something that is not a plain traversal (a call, parentheses). */
    record GetAttr(Expr object, String name, SourceRange range) implements Expr {
    }

    /** {@code source[*].a.b} (and the legacy {@code source.*.a}): the steps applied to each element. */
    record Splat(Expr source, List<Step> each, SourceRange range) implements Expr {
        public Splat {
            each = List.copyOf(each);
        }
    }

    /**
     * {@code [for k, v in coll : value if cond]} ({@code keyExpr} null) or {@code {for k, v in coll : key => value...}}.
     * {@code keyVar} is null when only one variable is named.
     */
    record For(String keyVar, String valueVar, Expr collection, Expr keyExpr, Expr valueExpr, boolean grouping,
               Expr condition, SourceRange range) implements Expr {
    }

    record Parens(Expr inner, SourceRange range) implements Expr {
    }

    /** One step of a traversal. */
    sealed interface Step {
        SourceRange range();
    }

    record AttrStep(String name, SourceRange range) implements Step {
    }

    record IndexStep(Value key, SourceRange range) implements Step {
    }
}
