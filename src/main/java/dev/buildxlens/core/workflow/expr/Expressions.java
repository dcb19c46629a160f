package dev.buildxlens.core.workflow.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The two ways workflows use expressions: {@code ${{ }}} inside text, and {@code if:} conditions. */
public final class Expressions {

    private static final Pattern STATUS_FUNCTION = Pattern.compile("(?i)\\b(success|failure|always|cancelled)\\s*\\(");

    private Expressions() {
    }

    /**
     * Text with every {@code ${{ }}} replaced by its value. A part the simulation cannot know stays as written
     * ({@code ${{ secrets.TOKEN }}}), unless it has a placeholder; {@code unknown} names those parts.
     */
    public record Interpolated(String text, List<String> unknown, Value value) {
        public Interpolated {
            unknown = List.copyOf(unknown);
        }

        public boolean complete() {
            return unknown.isEmpty();
        }
    }

    public static boolean hasExpression(String text) {
        return text != null && text.contains("${{");
    }

    public static Interpolated interpolate(String text, Function<String, Value> contexts, Assumptions assumptions) {
        if (!hasExpression(text)) {
            return new Interpolated(text, List.of(), new Value.Str(text));
        }
        StringBuilder out = new StringBuilder();
        List<String> unknown = new ArrayList<>();
        Value single = null;
        int position = 0;
        while (position < text.length()) {
            int open = text.indexOf("${{", position);
            if (open < 0) {
                out.append(text, position, text.length());
                break;
            }
            int close = closing(text, open + 3);
            if (close < 0) {
                out.append(text, position, text.length());
                break;
            }
            out.append(text, position, open);
            String source = text.substring(open + 3, close).trim();
            Value value = evaluate(source, contexts, assumptions);
            if (open == 0 && close + 2 == text.length()) {
                single = value;
            }
            if (value instanceof Value.Unknown u && u.placeholder().isEmpty()) {
                unknown.add(source);
                out.append("${{ ").append(u.text()).append(" }}");
            } else {
                out.append(value.asText());
            }
            position = close + 2;
        }
        // A value that is exactly one expression keeps its type (fromJSON gives an array, a boolean stays one).
        if (single instanceof Value.Unknown u && !u.placeholder().isEmpty()) {
            single = new Value.Str(u.placeholder());
        }
        return new Interpolated(out.toString(), unknown, single != null ? single : unknown.isEmpty() ? new Value.Str(out.toString())
                : Value.Unknown.of(text));
    }

    /** Where the {@code }}} closing an expression is, skipping quoted strings. */
    private static int closing(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '}' && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /** One expression's value; one that cannot be parsed is unknown (GitHub would refuse the workflow at that line). */
    public static Value evaluate(String source, Function<String, Value> contexts, Assumptions assumptions) {
        try {
            return new Evaluator(contexts, assumptions).evaluate(Expression.parse(source));
        } catch (Expression.SyntaxException e) {
            return Value.Unknown.of(source);
        }
    }

    /** A condition's outcome on a path: true or false, or the question whose answer decides it. */
    public record Outcome(Boolean runs, Evaluator.Question question) {
    }

    /**
     * An {@code if:}, with or without {@code ${{ }}}. Without a status function, GitHub adds {@code success() &&};
     * only the path where every earlier step succeeded is simulated, so that is true. Text around an expression makes
     * a string, which is always true (a common slip: {@code if: ${{ a }} == 'b'}).
     */
    public static Outcome condition(String text, Function<String, Value> contexts, Assumptions assumptions) {
        if (text == null || text.isBlank()) {
            return new Outcome(true, null);
        }
        String trimmed = text.trim();
        String source = trimmed;
        if (trimmed.startsWith("${{") && trimmed.endsWith("}}") && closing(trimmed, 3) == trimmed.length() - 2) {
            source = trimmed.substring(3, trimmed.length() - 2).trim();
        } else if (trimmed.contains("${{")) {
            return new Outcome(true, null);
        }
        Evaluator evaluator = new Evaluator(contexts, assumptions);
        Value value;
        try {
            value = evaluator.evaluate(Expression.parse(source));
        } catch (Expression.SyntaxException e) {
            return new Outcome(null, new Evaluator.Question.Truthy("expr:" + source, source));
        }
        if (value.known()) {
            return new Outcome(value.truthy(), null);
        }
        Boolean assumed = assumptions.truthy(Evaluator.symbolOf((Value.Unknown) value));
        if (assumed != null) {
            return new Outcome(assumed, null);
        }
        Evaluator.Question question = evaluator.question();
        if (question == null) {
            // A bare unknown (if: inputs.tag) asks about the unknown itself, so !inputs.tag later on the path agrees.
            Value.Unknown unknown = (Value.Unknown) value;
            question = new Evaluator.Question.Truthy(Evaluator.symbolOf(unknown), unknown.text());
        }
        return new Outcome(null, question);
    }

    /** True when the condition names a status function, so GitHub does not add success(). */
    public static boolean usesStatusFunction(String text) {
        return text != null && STATUS_FUNCTION.matcher(text).find();
    }
}
