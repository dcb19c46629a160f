package dev.buildxlens.core.bake.hcl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A value of HCL's type system (go-cty) as bake uses it: strings, numbers, bools, null, sequences (lists, tuples and
 * sets; sets keep their elements distinct) and objects (objects and maps). Object keys iterate in lexical order, as
 * cty's do, which fixes the order of {@code keys()}, {@code values()} and {@code for} over an object.
 */
public sealed interface Value permits Value.Str, Value.Num, Value.Bool, Value.Null, Value.Seq, Value.Obj {

    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    /** cty's friendly name of this value's type, for messages. */
    String typeName();

    static Str of(String value) {
        return new Str(value);
    }

    static Num of(long value) {
        return new Num(BigDecimal.valueOf(value));
    }

    static Bool of(boolean value) {
        return value ? TRUE : FALSE;
    }

    static Seq tuple(List<? extends Value> items) {
        return new Seq(new ArrayList<>(items), false);
    }

    static Obj object(Map<String, ? extends Value> fields) {
        return new Obj(new TreeMap<>(fields));
    }

    record Str(String value) implements Value {
        @Override
        public String typeName() {
            return "string";
        }
    }

    record Num(BigDecimal value) implements Value {
        @Override
        public String typeName() {
            return "number";
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String typeName() {
            return "bool";
        }
    }

    record Null() implements Value {
        @Override
        public String typeName() {
            return "null";
        }
    }

    /** A list, tuple or (when {@code set}) a set; a set never holds two equal elements. */
    record Seq(List<Value> items, boolean set) implements Value {
        public Seq {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        @Override
        public String typeName() {
            return set ? "set" : "tuple";
        }
    }

    /** An object or map; keys in lexical order. */
    record Obj(SortedMap<String, Value> fields) implements Value {
        public Obj {
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }

        @Override
        public String typeName() {
            return "object";
        }
    }
}
