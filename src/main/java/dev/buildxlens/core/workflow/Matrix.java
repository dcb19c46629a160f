package dev.buildxlens.core.workflow;

import dev.buildxlens.core.workflow.expr.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A job's {@code strategy.matrix} expanded as GitHub expands it: the product of the keys' values, then {@code exclude}
 * removes every combination that matches an entry, then each {@code include} entry extends the combinations it does
 * not contradict (it may overwrite a value an include added, never an original one) or, when it extends none, becomes
 * a combination of its own. Values written as {@code ${{ }}} are evaluated first (a {@code fromJSON} of a literal).
 */
final class Matrix {

    /** GitHub runs at most 256 jobs of one matrix. */
    static final int LIMIT = 256;

    /** One combination: its values, and how findings name it ({@code dockerfile: Dockerfile.arm}). */
    record Combination(Value.Obj values, String label) {
    }

    /** The combinations, and what could not be expanded (an unknown value), for the assumptions. */
    record Expansion(List<Combination> combinations, String unresolved) {
    }

    private Matrix() {
    }

    static Expansion expand(Value matrix, UnaryOperator<Value> evaluate) {
        if (matrix == null) {
            return new Expansion(List.of(new Combination(new Value.Obj(Map.of()), "")), "");
        }
        Value whole = evaluate.apply(matrix);
        if (!(whole instanceof Value.Obj object)) {
            // Known nowhere before the run (fromJSON of another job's output): one combination whose values are unknown.
            return new Expansion(List.of(new Combination(new Value.Obj(Map.of(), "matrix"), "")),
                    whole.known() ? "" : "strategy.matrix is " + whole.asText() + ", which is not known before the workflow runs");
        }
        List<Map<String, Value>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        List<String> originalKeys = new ArrayList<>();
        String unresolved = "";
        for (Map.Entry<String, Value> axis : object.fields().entrySet()) {
            if (axis.getKey().equals("include") || axis.getKey().equals("exclude")) {
                continue;
            }
            Value values = evaluate.apply(axis.getValue());
            if (!(values instanceof Value.Array array)) {
                if (!values.known()) {
                    unresolved = "matrix." + axis.getKey() + " is not known before the workflow runs";
                    for (Map<String, Value> combo : combos) {
                        combo.put(axis.getKey(), new Value.Unknown("matrix." + axis.getKey(), "matrix." + axis.getKey()));
                    }
                    originalKeys.add(axis.getKey());
                }
                continue;
            }
            originalKeys.add(axis.getKey());
            List<Map<String, Value>> next = new ArrayList<>();
            for (Map<String, Value> combo : combos) {
                for (Value value : array.items()) {
                    Map<String, Value> extended = new LinkedHashMap<>(combo);
                    extended.put(axis.getKey(), evaluate.apply(value));
                    next.add(extended);
                    if (next.size() > LIMIT) {
                        break;
                    }
                }
            }
            combos = next;
        }
        if (originalKeys.isEmpty()) {
            combos.clear();
        }
        Value exclude = object.fields().get("exclude");
        if (exclude != null && evaluate.apply(exclude) instanceof Value.Array excluded) {
            for (Value entry : excluded.items()) {
                if (evaluate.apply(entry) instanceof Value.Obj rule) {
                    combos.removeIf(combo -> matches(combo, rule.fields()));
                }
            }
        }
        Value include = object.fields().get("include");
        if (include != null && evaluate.apply(include) instanceof Value.Array included) {
            for (Value entry : included.items()) {
                if (!(evaluate.apply(entry) instanceof Value.Obj add)) {
                    continue;
                }
                boolean extended = false;
                for (Map<String, Value> combo : combos) {
                    boolean contradicts = add.fields().entrySet().stream().anyMatch(e -> originalKeys.contains(e.getKey())
                            && combo.containsKey(e.getKey()) && !same(combo.get(e.getKey()), e.getValue()));
                    if (!contradicts) {
                        add.fields().forEach(combo::put);
                        extended = true;
                    }
                }
                if (!extended) {
                    combos.add(new LinkedHashMap<>(add.fields()));
                }
            }
        }
        List<Combination> out = new ArrayList<>();
        for (Map<String, Value> combo : combos.subList(0, Math.min(combos.size(), LIMIT))) {
            List<String> parts = new ArrayList<>();
            combo.forEach((k, v) -> parts.add(k + ": " + (v instanceof Value.Obj || v instanceof Value.Array ? v.asText() : v.asText())));
            out.add(new Combination(new Value.Obj(combo), String.join(", ", parts)));
        }
        if (out.isEmpty()) {
            out.add(new Combination(new Value.Obj(Map.of()), ""));
        }
        return new Expansion(out, unresolved);
    }

    private static boolean matches(Map<String, Value> combo, Map<String, Value> rule) {
        return rule.entrySet().stream().allMatch(e -> combo.containsKey(e.getKey()) && same(combo.get(e.getKey()), e.getValue()));
    }

    private static boolean same(Value a, Value b) {
        if (a instanceof Value.Obj oa && b instanceof Value.Obj ob) {
            return oa.fields().equals(ob.fields());
        }
        return a.asText().equals(b.asText()) && a.getClass() == b.getClass();
    }
}
