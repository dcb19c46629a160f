package dev.buildxlens.core.workflow.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.json.JsonTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates expressions as GitHub does (loose equality with case-insensitive strings, {@code &&}/{@code ||} that
 * return an operand, truthiness, the functions workflows use), over contexts that may hold {@link Value.Unknown}s.
 * An unknown value does not stop anything: the result is unknown, and {@link #question()} says what single fact about
 * one unknown would decide it, so a caller can follow both answers as separate, consistent paths
 * ({@link Assumptions} records what each path took for true).
 */
public final class Evaluator {

    /** A fact about one unknown that would decide an expression. */
    public sealed interface Question {
        String symbol();

        /** Whether the unknown is truthy. */
        record Truthy(String symbol, String text) implements Question {
        }

        /** Whether the unknown equals a value (GitHub's loose, case-insensitive equality). */
        record Equals(String symbol, String text, Value value) implements Question {
        }
    }

    private final Function<String, Value> contexts;
    private final Assumptions assumptions;
    private Question question;

    /** {@code contexts} gives each top-level context ({@code env}, {@code matrix}, …) or {@link Value#NULL}. */
    public Evaluator(Function<String, Value> contexts, Assumptions assumptions) {
        this.contexts = contexts;
        this.assumptions = assumptions;
    }

    /** The first undecided fact the last unknown result depends on, or null. */
    public Question question() {
        return question;
    }

    public Value evaluate(Expression expression) {
        question = null;
        return eval(expression);
    }

    private Value eval(Expression expression) {
        Value value = evalNode(expression);
        if (value instanceof Value.Unknown unknown && unknown.symbol().isEmpty()) {
            // A computed unknown this path already assumed true or false (contains(…), a comparison of two unknowns).
            Boolean assumed = assumptions.truthy("expr:" + unknown.text());
            if (assumed != null) {
                return Value.of(assumed);
            }
        }
        return value;
    }

    private Value evalNode(Expression expression) {
        if (expression instanceof Expression.Literal literal) {
            return literal.value();
        }
        if (expression instanceof Expression.Context context) {
            return assumptions.apply(contexts.apply(context.name().toLowerCase(java.util.Locale.ROOT)), context.name());
        }
        if (expression instanceof Expression.Property property) {
            return member(eval(property.base()), property.name(), property.text());
        }
        if (expression instanceof Expression.Index index) {
            Value base = eval(index.base());
            Value key = eval(index.index());
            if (!key.known()) {
                return unknownResult(index.text(), key);
            }
            if (base instanceof Value.Array array && key instanceof Value.Number number) {
                int at = (int) number.value();
                return at >= 0 && at < array.items().size() ? array.items().get(at) : Value.NULL;
            }
            return member(base, key.asText(), index.text());
        }
        if (expression instanceof Expression.Star star) {
            Value base = eval(star.base());
            if (base instanceof Value.Array array) {
                return array;
            }
            if (base instanceof Value.Obj object) {
                return new Value.Array(new ArrayList<>(object.fields().values()));
            }
            return base.known() ? new Value.Array(List.of()) : Value.Unknown.of(star.text());
        }
        if (expression instanceof Expression.Not not) {
            Value operand = eval(not.operand());
            Boolean truthy = truthiness(operand);
            return truthy == null ? unknownResult(not.text(), operand) : Value.of(!truthy);
        }
        if (expression instanceof Expression.Binary binary) {
            return binary(binary);
        }
        return call((Expression.Call) expression);
    }

    private Value member(Value base, String name, String text) {
        if (base instanceof Value.Obj object) {
            Value value = object.get(name);
            return value instanceof Value.Unknown unknown ? assumptions.apply(unknown, unknown.symbol()) : value;
        }
        if (base instanceof Value.Array array) {
            // a.*.b: the property of every item
            List<Value> values = new ArrayList<>();
            for (Value item : array.items()) {
                values.add(member(item, name, text));
            }
            return new Value.Array(values);
        }
        if (base instanceof Value.Unknown unknown) {
            String symbol = unknown.symbol().isEmpty() ? "" : unknown.symbol() + "." + name;
            return assumptions.apply(new Value.Unknown(text, symbol), symbol);
        }
        return Value.NULL;
    }

    /** True/false when the value's truthiness is known (or assumed on this path), null when not. */
    private Boolean truthiness(Value value) {
        if (value.known()) {
            return value.truthy();
        }
        Value.Unknown unknown = (Value.Unknown) value;
        Boolean assumed = assumptions.truthy(symbolOf(unknown));
        if (assumed == null && question == null) {
            question = new Question.Truthy(symbolOf(unknown), unknown.text());
        }
        return assumed;
    }

    /** The symbol an unknown is assumed about: its context property, or its own text for a computed value. */
    static String symbolOf(Value.Unknown unknown) {
        return unknown.symbol().isEmpty() ? "expr:" + unknown.text() : unknown.symbol();
    }

    /** An unknown computed from unknowns: a path decides it by assuming its own truthiness. */
    private Value opaque(String text) {
        if (question == null) {
            question = new Question.Truthy("expr:" + text, text);
        }
        return Value.Unknown.of(text);
    }

    private Value unknownResult(String text, Value cause) {
        if (question == null && cause instanceof Value.Unknown unknown) {
            question = new Question.Truthy(symbolOf(unknown), unknown.text());
        }
        return Value.Unknown.of(text);
    }

    private Value binary(Expression.Binary binary) {
        switch (binary.operator()) {
            case "&&" -> {
                Value left = eval(binary.left());
                Boolean truthy = truthiness(left);
                if (truthy == null) {
                    Value right = eval(binary.right());
                    Boolean rightTruthy = truthiness(right);
                    // Falsy whatever the left is: the result is falsy (its exact value is one of the two falsy ones).
                    return Boolean.FALSE.equals(rightTruthy) ? right : Value.Unknown.of(binary.text());
                }
                return truthy ? eval(binary.right()) : left;
            }
            case "||" -> {
                Value left = eval(binary.left());
                Boolean truthy = truthiness(left);
                if (truthy == null) {
                    return Value.Unknown.of(binary.text());
                }
                return truthy ? left : eval(binary.right());
            }
            default -> {
                Value left = eval(binary.left());
                Value right = eval(binary.right());
                if (!left.known() || !right.known()) {
                    return unknownComparison(binary, left, right);
                }
                return Value.of(compare(binary.operator(), left, right));
            }
        }
    }

    private Value unknownComparison(Expression.Binary binary, Value left, Value right) {
        boolean equality = binary.operator().equals("==") || binary.operator().equals("!=");
        Value.Unknown unknown = (Value.Unknown) (left.known() ? right : left);
        Value other = left.known() ? left : right;
        if (equality && other.known() && !(other instanceof Value.Array) && !(other instanceof Value.Obj)) {
            String symbol = symbolOf(unknown);
            Boolean equal = assumptions.equal(symbol, other);
            if (equal != null) {
                return Value.of(binary.operator().equals("==") == equal);
            }
            if (question == null) {
                question = new Question.Equals(symbol, unknown.text(), other);
            }
            return Value.Unknown.of(binary.text());
        }
        return opaque(binary.text());
    }

    /** GitHub's comparison: strings case-insensitively, otherwise both sides as numbers; NaN compares false. */
    static boolean compare(String operator, Value left, Value right) {
        if (operator.equals("==") || operator.equals("!=")) {
            boolean equal = looseEquals(left, right);
            return operator.equals("==") == equal;
        }
        if (left instanceof Value.Str l && right instanceof Value.Str r) {
            int order = Value.fold(l.value()).compareTo(Value.fold(r.value()));
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
        double l = left.toNumber();
        double r = right.toNumber();
        return switch (operator) {
            case "<" -> l < r;
            case "<=" -> l <= r;
            case ">" -> l > r;
            default -> l >= r;
        };
    }

    static boolean looseEquals(Value left, Value right) {
        if (left instanceof Value.Str l && right instanceof Value.Str r) {
            return Value.fold(l.value()).equals(Value.fold(r.value()));
        }
        if (left.getClass() == right.getClass() && (left instanceof Value.Array || left instanceof Value.Obj)) {
            return left == right;
        }
        if (left instanceof Value.Null && right instanceof Value.Null) {
            return true;
        }
        if (left instanceof Value.Array || left instanceof Value.Obj || right instanceof Value.Array || right instanceof Value.Obj) {
            return false;
        }
        return left.toNumber() == right.toNumber();
    }

    private Value call(Expression.Call call) {
        switch (call.function()) {
            case "success", "always" -> {
                return Value.TRUE;
            }
            case "failure", "cancelled" -> {
                // Only the path where every earlier step succeeded is simulated.
                return Value.FALSE;
            }
            case "hashfiles" -> {
                return Value.Unknown.of(call.text());
            }
            default -> {
                // evaluated below
            }
        }
        List<Value> arguments = new ArrayList<>();
        for (Expression argument : call.arguments()) {
            arguments.add(eval(argument));
        }
        // An unknown with a placeholder may still go into text (format, join, toJSON); a test on it stays unknown.
        boolean textOnly = !call.function().equals("contains") && !call.function().equals("startswith")
                && !call.function().equals("endswith") && !call.function().equals("fromjson");
        for (Value argument : arguments) {
            if (argument instanceof Value.Unknown unknown && (unknown.placeholder().isEmpty() || !textOnly)) {
                // What would decide the call is the call itself, not its argument's truthiness.
                return opaque(call.text());
            }
        }
        return switch (call.function()) {
            case "contains" -> Value.of(contains(argument(arguments, 0), argument(arguments, 1)));
            case "startswith" -> Value.of(Value.fold(argument(arguments, 0).asText()).startsWith(Value.fold(argument(arguments, 1).asText())));
            case "endswith" -> Value.of(Value.fold(argument(arguments, 0).asText()).endsWith(Value.fold(argument(arguments, 1).asText())));
            case "format" -> new Value.Str(format(arguments));
            case "join" -> join(arguments);
            case "tojson" -> new Value.Str(toJson(argument(arguments, 0)));
            case "fromjson" -> fromJson(argument(arguments, 0).asText(), call.text());
            default -> Value.Unknown.of(call.text());
        };
    }

    private static Value argument(List<Value> arguments, int index) {
        return index < arguments.size() ? arguments.get(index) : Value.NULL;
    }

    private static boolean contains(Value search, Value item) {
        if (search instanceof Value.Array array) {
            return array.items().stream().anyMatch(i -> looseEquals(i, item));
        }
        return Value.fold(search.asText()).contains(Value.fold(item.asText()));
    }

    /** {@code format('{0} and {1}', a, b)}; {@code {{} and {@code }}} stand for braces. */
    private static String format(List<Value> arguments) {
        String pattern = argument(arguments, 0).asText();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                out.append('{');
                i++;
            } else if (c == '}' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                out.append('}');
                i++;
            } else if (c == '{') {
                int close = pattern.indexOf('}', i);
                if (close < 0) {
                    out.append(c);
                    continue;
                }
                try {
                    int index = Integer.parseInt(pattern.substring(i + 1, close));
                    out.append(argument(arguments, index + 1).asText());
                    i = close;
                } catch (NumberFormatException e) {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Value join(List<Value> arguments) {
        Value items = argument(arguments, 0);
        String separator = arguments.size() > 1 ? argument(arguments, 1).asText() : ",";
        if (items instanceof Value.Array array) {
            return new Value.Str(String.join(separator, array.items().stream().map(Value::asText).toList()));
        }
        return new Value.Str(items.asText());
    }

    static String toJson(Value value) {
        if (value instanceof Value.Str s) {
            return JsonTrees.object().textNode(s.value()).toString();
        }
        if (value instanceof Value.Array array) {
            return "[" + String.join(", ", array.items().stream().map(Evaluator::toJson).toList()) + "]";
        }
        if (value instanceof Value.Obj object) {
            List<String> fields = new ArrayList<>();
            object.fields().forEach((k, v) -> fields.add(toJson(new Value.Str(k)) + ": " + toJson(v)));
            return "{" + String.join(", ", fields) + "}";
        }
        return value instanceof Value.Null ? "null" : value.asText();
    }

    static Value fromJson(String text, String expression) {
        try {
            return fromNode(JsonTrees.parse(text));
        } catch (java.io.IOException | RuntimeException e) {
            return Value.Unknown.of(expression);
        }
    }

    static Value fromNode(JsonNode node) {
        if (node == null || node.isNull()) {
            return Value.NULL;
        }
        if (node.isBoolean()) {
            return Value.of(node.booleanValue());
        }
        if (node.isNumber()) {
            return new Value.Number(node.doubleValue());
        }
        if (node.isTextual()) {
            return new Value.Str(node.textValue());
        }
        if (node.isArray()) {
            List<Value> items = new ArrayList<>();
            node.forEach(item -> items.add(fromNode(item)));
            return new Value.Array(items);
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(), fromNode(e.getValue())));
        return new Value.Obj(fields);
    }
}
