package dev.buildxlens.core.workflow.expr;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A value of the GitHub Actions expression language (null, boolean, number, string, array, object), or
 * {@link Unknown}: a value the simulation cannot know ({@code secrets.TOKEN}, an input without a default, the commit
 * SHA). Unknown values stay symbolic: they name what they stand for, and the evaluation around them goes on.
 */
public sealed interface Value {

    record Null() implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    record Number(double value) implements Value {
    }

    record Str(String value) implements Value {
    }

    record Array(List<Value> items) implements Value {
        public Array {
            items = List.copyOf(items);
        }
    }

    /**
     * An object. {@code unknownPrefix} makes it open: a property it does not hold is unknown ({@code steps.build.outputs}
     * of an action whose outputs are not followed), not null; "" for a closed object.
     */
    record Obj(Map<String, Value> fields, String unknownPrefix) implements Value {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            unknownPrefix = unknownPrefix == null ? "" : unknownPrefix;
        }

        public Obj(Map<String, Value> fields) {
            this(fields, "");
        }

        /** GitHub looks object properties up ignoring case. */
        public Value get(String name) {
            Value exact = fields.get(name);
            if (exact != null) {
                return exact;
            }
            for (Map.Entry<String, Value> field : fields.entrySet()) {
                if (field.getKey().equalsIgnoreCase(name)) {
                    return field.getValue();
                }
            }
            return unknownPrefix.isEmpty() ? NULL : new Unknown(unknownPrefix + "." + name, unknownPrefix + "." + name);
        }
    }

    /**
     * A value not known to the simulation. {@code text} is how a person reads it ({@code inputs.use-cache},
     * {@code format('{0}', github.sha)}); {@code symbol} is the context property it comes from when it is one (the
     * unit the simulation can assume things about), else empty.
     */
    record Unknown(String text, String symbol, String placeholder) implements Value {
        public Unknown(String text, String symbol) {
            this(text, symbol, "");
        }

        public static Unknown of(String text) {
            return new Unknown(text, "", "");
        }

        /**
         * A value unknown to conditions (they follow both ways) that text may still use in a consistent stand-in:
         * {@code github.sha} is the same 40 hex digits wherever a tag is built from it.
         */
        public static Unknown placeholder(String symbol, String placeholder) {
            return new Unknown(symbol, symbol, placeholder);
        }
    }

    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    static Value of(boolean value) {
        return value ? TRUE : FALSE;
    }

    static Value of(String value) {
        return new Str(value);
    }

    default boolean known() {
        return !(this instanceof Unknown);
    }

    /** GitHub's truthiness: false, 0, -0, NaN, "" and null are falsy; everything else, arrays and objects too, is truthy. */
    default boolean truthy() {
        if (this instanceof Null) {
            return false;
        }
        if (this instanceof Bool b) {
            return b.value();
        }
        if (this instanceof Number n) {
            return n.value() != 0 && !Double.isNaN(n.value());
        }
        if (this instanceof Str s) {
            return !s.value().isEmpty();
        }
        return true;
    }

    /** The number GitHub coerces to: null 0, booleans 1/0, strings parsed (empty 0, else NaN when not a number). */
    default double toNumber() {
        if (this instanceof Null) {
            return 0;
        }
        if (this instanceof Bool b) {
            return b.value() ? 1 : 0;
        }
        if (this instanceof Number n) {
            return n.value();
        }
        if (this instanceof Str s) {
            String text = s.value().trim();
            if (text.isEmpty()) {
                return 0;
            }
            try {
                if (text.startsWith("0x") || text.startsWith("0X")) {
                    return Long.parseLong(text.substring(2), 16);
                }
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The text GitHub gives a value in a string: numbers without a needless ".0", objects and arrays as "Object"/"Array". */
    default String asText() {
        if (this instanceof Null) {
            return "";
        }
        if (this instanceof Bool b) {
            return String.valueOf(b.value());
        }
        if (this instanceof Number n) {
            double d = n.value();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
        }
        if (this instanceof Str s) {
            return s.value();
        }
        if (this instanceof Array) {
            return "Array";
        }
        if (this instanceof Obj) {
            return "Object";
        }
        Unknown unknown = (Unknown) this;
        return unknown.placeholder().isEmpty() ? "${{ " + unknown.text() + " }}" : unknown.placeholder();
    }

    /** A lower-cased string for GitHub's case-insensitive comparisons. */
    static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
