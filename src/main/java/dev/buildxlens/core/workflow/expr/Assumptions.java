package dev.buildxlens.core.workflow.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one path through a workflow takes for true about values it cannot know: "inputs.use-cache is truthy",
 * "inputs.mode is 'a'", "inputs.mode is not 'b'". Conditions met later on the same path are decided by them, so a
 * path never both runs {@code if: inputs.x} and {@code if: !inputs.x}. Immutable: a fork makes a copy with one more fact.
 */
public final class Assumptions {

    /** What is assumed about one unknown: its truthiness, the value it equals, the values it does not equal. */
    private record Facts(Boolean truthy, Value equals, List<Value> notEquals, String text) {
    }

    private final Map<String, Facts> facts;
    private final List<String> said;

    private Assumptions(Map<String, Facts> facts, List<String> said) {
        this.facts = facts;
        this.said = said;
    }

    public static Assumptions none() {
        return new Assumptions(Map.of(), List.of());
    }

    public boolean isEmpty() {
        return said.isEmpty();
    }

    /** What this path assumed, for people: "inputs.use-cache is true", in the order it was assumed. */
    public List<String> described() {
        return said;
    }

    /** The path on which the question's answer is {@code answer}. */
    public Assumptions with(Evaluator.Question question, boolean answer) {
        Map<String, Facts> next = new LinkedHashMap<>(facts);
        Facts current = next.getOrDefault(question.symbol(), new Facts(null, null, List.of(), ""));
        List<String> words = new ArrayList<>(said);
        if (question instanceof Evaluator.Question.Truthy truthy) {
            next.put(question.symbol(), new Facts(answer, current.equals(), current.notEquals(), truthy.text()));
            words.add(truthy.text() + (answer ? " is true" : " is false or empty"));
        } else {
            Evaluator.Question.Equals equals = (Evaluator.Question.Equals) question;
            if (answer) {
                next.put(question.symbol(), new Facts(equals.value().truthy(), equals.value(), current.notEquals(), equals.text()));
                words.add(equals.text() + " is " + quoted(equals.value()));
            } else {
                List<Value> not = new ArrayList<>(current.notEquals());
                not.add(equals.value());
                next.put(question.symbol(), new Facts(current.truthy(), current.equals(), not, equals.text()));
                words.add(equals.text() + " is not " + quoted(equals.value()));
            }
        }
        return new Assumptions(next, List.copyOf(words));
    }

    private static String quoted(Value value) {
        return value instanceof Value.Str ? "'" + value.asText() + "'" : value.asText();
    }

    /** An unknown whose value this path assumed is that value; any other value is as it is. */
    Value apply(Value value, String symbol) {
        if (value instanceof Value.Unknown && symbol != null && !symbol.isEmpty()) {
            Facts known = facts.get(symbol);
            if (known != null && known.equals() != null) {
                return known.equals();
            }
        }
        return value;
    }

    Boolean truthy(String symbol) {
        Facts known = facts.get(symbol);
        return known == null ? null : known.truthy();
    }

    /** Whether the unknown equals {@code value} on this path: true, false, or null when nothing says. */
    Boolean equal(String symbol, Value value) {
        Facts known = facts.get(symbol);
        if (known == null) {
            return null;
        }
        if (known.equals() != null) {
            return Evaluator.looseEquals(known.equals(), value);
        }
        if (known.notEquals().stream().anyMatch(v -> Evaluator.looseEquals(v, value))) {
            return false;
        }
        if (Boolean.FALSE.equals(known.truthy()) && value.truthy()) {
            // A falsy unknown ('' or false or null) never equals a truthy value.
            return false;
        }
        return null;
    }
}
