package dev.buildxlens.core.bake.hcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Conversions between HCL values as go-cty's {@code convert} package makes them, equality, and JSON. */
public final class Values {

    private Values() {
    }

    /** A number as cty writes it: the shortest plain decimal ({@code 1}, {@code 1.5}, never {@code 1E+1}). */
    public static String formatNumber(BigDecimal number) {
        if (number.signum() == 0) {
            return "0";
        }
        return number.stripTrailingZeros().toPlainString();
    }

    /** Converts to a string (numbers and bools convert; null stays null, so callers check first). */
    public static String asString(Value value) {
        if (value instanceof Value.Str s) {
            return s.value();
        }
        if (value instanceof Value.Num n) {
            return formatNumber(n.value());
        }
        if (value instanceof Value.Bool b) {
            return b.value() ? "true" : "false";
        }
        throw new ValueException(value instanceof Value.Null ? "a string is required, but the value is null"
                : "a string is required, not " + value.typeName());
    }

    public static BigDecimal asNumber(Value value) {
        if (value instanceof Value.Num n) {
            return n.value();
        }
        if (value instanceof Value.Str s) {
            return parseNumber(s.value());
        }
        throw new ValueException(value instanceof Value.Null ? "a number is required, but the value is null"
                : "a number is required, not " + value.typeName());
    }

    /** cty's string-to-number conversion; anything but a plain decimal is refused. */
    public static BigDecimal parseNumber(String text) {
        try {
            if (text.isEmpty() || text.chars().anyMatch(c -> !(Character.isDigit(c) || c == '.' || c == '-' || c == '+'
                    || c == 'e' || c == 'E'))) {
                throw new NumberFormatException(text);
            }
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ValueException("a number is required, not the string \"" + text + "\"");
        }
    }

    /** An integer value, as cty functions that take whole numbers want it. */
    public static int asInt(Value value) {
        BigDecimal number = asNumber(value);
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw new ValueException("a whole number is required, not " + formatNumber(number));
        }
    }

    /** cty's conversion to bool: a bool, or the strings {@code true}/{@code 1} and {@code false}/{@code 0}. */
    public static boolean asBool(Value value) {
        if (value instanceof Value.Bool b) {
            return b.value();
        }
        if (value instanceof Value.Str s) {
            return switch (s.value()) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw new ValueException(s.value().equalsIgnoreCase("true") || s.value().equalsIgnoreCase("false")
                        ? "a bool is required; to convert from string, use lowercase \"" + s.value().toLowerCase(java.util.Locale.ROOT) + "\""
                        : "a bool is required, not the string \"" + s.value() + "\"");
            };
        }
        throw new ValueException(value instanceof Value.Null ? "a bool is required, but the value is null"
                : "a bool is required, not " + value.typeName());
    }

    public static List<Value> asList(Value value) {
        if (value instanceof Value.Seq seq) {
            return seq.items();
        }
        throw new ValueException(value instanceof Value.Null ? "a list is required, but the value is null"
                : "a list is required, not " + value.typeName());
    }

    public static Map<String, Value> asObject(Value value) {
        if (value instanceof Value.Obj obj) {
            return obj.fields();
        }
        throw new ValueException(value instanceof Value.Null ? "an object is required, but the value is null"
                : "an object or map is required, not " + value.typeName());
    }

    /** A list of strings, nulls refused (as gocty refuses them for a Go {@code []string}). */
    public static List<String> asStringList(Value value) {
        List<String> out = new ArrayList<>();
        for (Value item : asList(value)) {
            if (item instanceof Value.Null) {
                throw new ValueException("a list of strings must not contain null");
            }
            out.add(asString(item));
        }
        return out;
    }

    /** cty equality: same type and value; numbers compare by value, sequences and objects element-wise. */
    public static boolean equal(Value a, Value b) {
        if (a instanceof Value.Num x && b instanceof Value.Num y) {
            return x.value().compareTo(y.value()) == 0;
        }
        if (a instanceof Value.Seq x && b instanceof Value.Seq y) {
            if (x.items().size() != y.items().size()) {
                return false;
            }
            if (x.set() || y.set()) {
                return x.items().stream().allMatch(i -> contains(y.items(), i));
            }
            for (int i = 0; i < x.items().size(); i++) {
                if (!equal(x.items().get(i), y.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Value.Obj x && b instanceof Value.Obj y) {
            if (!x.fields().keySet().equals(y.fields().keySet())) {
                return false;
            }
            for (Map.Entry<String, Value> e : x.fields().entrySet()) {
                if (!equal(e.getValue(), y.fields().get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    public static boolean contains(List<Value> items, Value value) {
        return items.stream().anyMatch(i -> equal(i, value));
    }

    /** The elements without repeats, first occurrence kept. */
    public static List<Value> distinct(List<Value> items) {
        List<Value> out = new ArrayList<>();
        for (Value item : items) {
            if (!contains(out, item)) {
                out.add(item);
            }
        }
        return out;
    }

    public static Value.Seq set(List<Value> items) {
        return new Value.Seq(distinct(items), true);
    }

    /** The value as JSON, as cty's {@code jsonencode} writes it. */
    public static JsonNode toJson(Value value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof Value.Str s) {
            return f.textNode(s.value());
        }
        if (value instanceof Value.Num n) {
            BigDecimal number = n.value().stripTrailingZeros();
            return number.scale() <= 0 ? f.numberNode(number.toBigIntegerExact()) : f.numberNode(number);
        }
        if (value instanceof Value.Bool b) {
            return f.booleanNode(b.value());
        }
        if (value instanceof Value.Seq seq) {
            ArrayNode array = f.arrayNode();
            seq.items().forEach(i -> array.add(toJson(i)));
            return array;
        }
        if (value instanceof Value.Obj obj) {
            ObjectNode object = f.objectNode();
            obj.fields().forEach((k, v) -> object.set(k, toJson(v)));
            return object;
        }
        return f.nullNode();
    }

    /** JSON read into values: arrays are tuples, objects are objects. */
    public static Value fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Value.NULL;
        }
        if (node.isTextual()) {
            return Value.of(node.textValue());
        }
        if (node.isNumber()) {
            return new Value.Num(node.decimalValue());
        }
        if (node.isBoolean()) {
            return Value.of(node.booleanValue());
        }
        if (node.isArray()) {
            List<Value> items = new ArrayList<>();
            node.forEach(n -> items.add(fromJson(n)));
            return Value.tuple(items);
        }
        Map<String, Value> fields = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), fromJson(e.getValue()));
        }
        return new Value.Obj(new TreeMap<>(fields));
    }

    /** Objects and maps as a Java map in key order. */
    public static Map<String, Value> orderedFields(Value.Obj obj) {
        return new LinkedHashMap<>(obj.fields());
    }
}
