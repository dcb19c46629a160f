package dev.buildxlens.core.bake.hcl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates expressions the way hclsyntax does: templates convert what they interpolate to strings (null and
 * collections are refused), a template that is a single interpolation keeps the value's type, {@code ==} compares
 * without conversion, arithmetic and comparison convert strings to numbers, {@code &&}/{@code ||} short-circuit (as
 * HCL does since v2.21), {@code try}/{@code can} catch errors of their arguments, and {@code convert} takes a type.
 * Every step is counted against the {@link Budget}.
 */
public final class Evaluator {

    private final Budget budget;

    public Evaluator(Budget budget) {
        this.budget = budget;
    }

    public Budget budget() {
        return budget;
    }

    public Value eval(Expr expr, Scope scope) throws HclException {
        budget.step(expr.range());
        Value value = evalUnchecked(expr, scope);
        budget.check(value, expr.range());
        return value;
    }

    private Value evalUnchecked(Expr expr, Scope scope) throws HclException {
        if (expr instanceof Expr.Literal lit) {
            return lit.value();
        }
        if (expr instanceof Expr.Template template) {
            return template(template, scope);
        }
        if (expr instanceof Expr.Traversal traversal) {
            Scope.Lookup found = scope.lookup(traversal.root(), traversal.steps(), traversal.range());
            Value value = found.value();
            for (int i = found.used(); i < traversal.steps().size(); i++) {
                value = step(value, traversal.steps().get(i));
            }
            return value;
        }
        if (expr instanceof Expr.Call call) {
            return call(call, scope);
        }
        if (expr instanceof Expr.Conditional conditional) {
            Value condition = eval(conditional.condition(), scope);
            boolean chosen;
            try {
                chosen = Values.asBool(condition);
            } catch (ValueException e) {
                throw new HclException(HclException.Kind.EVALUATION, conditional.condition().range(),
                        "Incorrect condition type: the condition of a conditional must be a bool; " + e.getMessage());
            }
            return eval(chosen ? conditional.whenTrue() : conditional.whenFalse(), scope);
        }
        if (expr instanceof Expr.Binary binary) {
            return binary(binary, scope);
        }
        if (expr instanceof Expr.Unary unary) {
            Value operand = eval(unary.operand(), scope);
            try {
                return unary.op().equals("!") ? Value.of(!Values.asBool(operand))
                        : new Value.Num(Values.asNumber(operand).negate());
            } catch (ValueException e) {
                throw new HclException(HclException.Kind.EVALUATION, unary.range(), "Invalid operand: unsuitable value for the \""
                        + unary.op() + "\" operator: " + e.getMessage());
            }
        }
        if (expr instanceof Expr.TupleCons tuple) {
            List<Value> items = new ArrayList<>();
            for (Expr item : tuple.items()) {
                items.add(eval(item, scope));
            }
            return Value.tuple(items);
        }
        if (expr instanceof Expr.ObjectCons object) {
            Map<String, Value> fields = new TreeMap<>();
            for (Expr.ObjectItem item : object.items()) {
                Value key = eval(item.key(), scope);
                if (key instanceof Value.Null) {
                    throw new HclException(HclException.Kind.EVALUATION, item.key().range(), "Invalid object key: a key must not be null");
                }
                String name;
                try {
                    name = Values.asString(key);
                } catch (ValueException e) {
                    throw new HclException(HclException.Kind.EVALUATION, item.key().range(), "Incorrect key type: " + e.getMessage());
                }
                fields.put(name, eval(item.value(), scope));
            }
            return new Value.Obj(new TreeMap<>(fields));
        }
        if (expr instanceof Expr.Index index) {
            Value collection = eval(index.collection(), scope);
            Value key = eval(index.key(), scope);
            return at(() -> index(collection, key), index.range());
        }
        if (expr instanceof Expr.GetAttr get) {
            Value object = eval(get.object(), scope);
            return at(() -> attribute(object, get.name()), get.range());
        }
        if (expr instanceof Expr.Splat splat) {
            Value source = eval(splat.source(), scope);
            if (source instanceof Value.Null) {
                return Value.tuple(List.of());
            }
            List<Value> elements = source instanceof Value.Seq seq ? seq.items() : List.of(source);
            List<Value> out = new ArrayList<>();
            for (Value element : elements) {
                Value value = element;
                for (Expr.Step step : splat.each()) {
                    value = step(value, step);
                }
                out.add(value);
            }
            return Value.tuple(out);
        }
        if (expr instanceof Expr.For forExpr) {
            return forExpr(forExpr, scope);
        }
        if (expr instanceof Expr.Parens parens) {
            return eval(parens.inner(), scope);
        }
        throw new IllegalStateException("unknown expression " + expr);
    }

    private Value template(Expr.Template template, Scope scope) throws HclException {
        if (template.parts().size() == 1 && template.parts().get(0) instanceof TemplatePart.Interpolation only) {
            return eval(only.expr(), scope);
        }
        StringBuilder out = new StringBuilder();
        appendParts(template.parts(), scope, out, template.range());
        return Value.of(out.toString());
    }

    private void appendParts(List<TemplatePart> parts, Scope scope, StringBuilder out, SourceRange at) throws HclException {
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Text text) {
                out.append(text.text());
            } else if (part instanceof TemplatePart.Interpolation interpolation) {
                Value value = eval(interpolation.expr(), scope);
                out.append(interpolated(value, interpolation.expr().range()));
            } else if (part instanceof TemplatePart.If ifPart) {
                Value condition = eval(ifPart.condition(), scope);
                boolean chosen;
                try {
                    chosen = Values.asBool(condition);
                } catch (ValueException e) {
                    throw new HclException(HclException.Kind.EVALUATION, ifPart.condition().range(),
                            "Invalid template if condition: " + e.getMessage());
                }
                appendParts(chosen ? ifPart.then() : ifPart.otherwise(), scope, out, at);
            } else if (part instanceof TemplatePart.For forPart) {
                Value collection = eval(forPart.collection(), scope);
                for (Map.Entry<Value, Value> entry : iterate(collection, forPart.collection().range())) {
                    Map<String, Value> names = new LinkedHashMap<>();
                    if (forPart.keyVar() != null) {
                        names.put(forPart.keyVar(), entry.getKey());
                    }
                    names.put(forPart.valueVar(), entry.getValue());
                    appendParts(forPart.body(), Scope.child(scope, names), out, at);
                }
            }
            if (out.length() > Budget.MAX_STRING) {
                throw new HclException(HclException.Kind.LIMIT, at, "Value too large: a string of more than " + Budget.MAX_STRING + " characters");
            }
        }
    }

    private static String interpolated(Value value, SourceRange at) throws HclException {
        if (value instanceof Value.Null) {
            throw new HclException(HclException.Kind.EVALUATION, at,
                    "Invalid template interpolation value: the expression result is null; a null value cannot be used in a string template");
        }
        if (value instanceof Value.Seq || value instanceof Value.Obj) {
            throw new HclException(HclException.Kind.EVALUATION, at,
                    "Invalid template interpolation value: cannot include a " + value.typeName() + " in a string template; a string is required");
        }
        return Values.asString(value);
    }

    private Value call(Expr.Call call, Scope scope) throws HclException {
        switch (call.name()) {
            case "try" -> {
                if (call.args().isEmpty()) {
                    throw new HclException(HclException.Kind.EVALUATION, call.range(), "Not enough function arguments: try needs at least one");
                }
                HclException last = null;
                for (Expr arg : call.args()) {
                    try {
                        return eval(arg, scope);
                    } catch (HclException e) {
                        if (e.kind() == HclException.Kind.LIMIT) {
                            throw e;
                        }
                        last = e;
                    }
                }
                throw new HclException(HclException.Kind.EVALUATION, call.range(),
                        "No expression succeeded: every argument of try failed; the last: " + last.summary());
            }
            case "can" -> {
                if (call.args().size() != 1) {
                    throw new HclException(HclException.Kind.EVALUATION, call.range(), "Function \"can\" takes exactly one argument");
                }
                try {
                    eval(call.args().get(0), scope);
                    return Value.TRUE;
                } catch (HclException e) {
                    if (e.kind() == HclException.Kind.LIMIT) {
                        throw e;
                    }
                    return Value.FALSE;
                }
            }
            case "convert" -> {
                if (call.args().size() != 2) {
                    throw new HclException(HclException.Kind.EVALUATION, call.range(), "Function \"convert\" takes a value and a type");
                }
                Value value = eval(call.args().get(0), scope);
                TypeConstraint type = TypeConstraint.parse(call.args().get(1));
                return at(() -> type.convert(value), call.range());
            }
            default -> {
            }
        }
        HclFunction function = scope.function(call.name(), call.range());
        List<Value> args = new ArrayList<>();
        for (int i = 0; i < call.args().size(); i++) {
            Value arg = eval(call.args().get(i), scope);
            if (call.expandFinal() && i == call.args().size() - 1) {
                if (!(arg instanceof Value.Seq seq)) {
                    throw new HclException(HclException.Kind.EVALUATION, call.args().get(i).range(),
                            "Invalid expanding argument value: the expanding argument (indicated by ...) must be a list or tuple");
                }
                args.addAll(seq.items());
            } else {
                args.add(arg);
            }
        }
        budget.enterCall(call.range());
        try {
            return function.call(args);
        } catch (ValueException e) {
            throw new HclException(HclException.Kind.EVALUATION, call.range(),
                    "Error in function call: call to function \"" + call.name() + "\" failed: " + e.getMessage());
        } catch (RegexBudgetException e) {
            throw new HclException(HclException.Kind.LIMIT, call.range(), "Regular expression too costly: matching gave up after "
                    + Budget.MAX_REGEX_STEPS + " steps");
        } finally {
            budget.leaveCall();
        }
    }

    private Value binary(Expr.Binary binary, Scope scope) throws HclException {
        String op = binary.op();
        Value left = eval(binary.left(), scope);
        if (op.equals("&&") || op.equals("||")) {
            boolean l = operandBool(left, binary);
            if (op.equals("&&") && !l) {
                return Value.FALSE;
            }
            if (op.equals("||") && l) {
                return Value.TRUE;
            }
            return Value.of(operandBool(eval(binary.right(), scope), binary));
        }
        Value right = eval(binary.right(), scope);
        if (op.equals("==")) {
            return Value.of(Values.equal(left, right));
        }
        if (op.equals("!=")) {
            return Value.of(!Values.equal(left, right));
        }
        BigDecimal a = operandNumber(left, binary);
        BigDecimal b = operandNumber(right, binary);
        switch (op) {
            case "<":
                return Value.of(a.compareTo(b) < 0);
            case "<=":
                return Value.of(a.compareTo(b) <= 0);
            case ">":
                return Value.of(a.compareTo(b) > 0);
            case ">=":
                return Value.of(a.compareTo(b) >= 0);
            case "+":
                return new Value.Num(a.add(b, MathContext.DECIMAL128));
            case "-":
                return new Value.Num(a.subtract(b, MathContext.DECIMAL128));
            case "*":
                return new Value.Num(a.multiply(b, MathContext.DECIMAL128));
            case "/":
                if (b.signum() == 0) {
                    throw new HclException(HclException.Kind.EVALUATION, binary.range(), "Operation failed: can't divide by zero");
                }
                return new Value.Num(a.divide(b, MathContext.DECIMAL128));
            case "%":
                if (b.signum() == 0) {
                    throw new HclException(HclException.Kind.EVALUATION, binary.range(), "Operation failed: can't use modulo by zero");
                }
                return new Value.Num(a.remainder(b, MathContext.DECIMAL128));
            default:
                throw new IllegalStateException(op);
        }
    }

    private static boolean operandBool(Value value, Expr.Binary binary) throws HclException {
        try {
            return Values.asBool(value);
        } catch (ValueException e) {
            throw new HclException(HclException.Kind.EVALUATION, binary.range(), "Invalid operand: unsuitable value for the \""
                    + binary.op() + "\" operator: " + e.getMessage());
        }
    }

    private static BigDecimal operandNumber(Value value, Expr.Binary binary) throws HclException {
        try {
            return Values.asNumber(value);
        } catch (ValueException e) {
            throw new HclException(HclException.Kind.EVALUATION, binary.range(), "Invalid operand: unsuitable value for the \""
                    + binary.op() + "\" operator: " + e.getMessage());
        }
    }

    private Value forExpr(Expr.For forExpr, Scope scope) throws HclException {
        Value collection = eval(forExpr.collection(), scope);
        List<Value> tuple = new ArrayList<>();
        Map<String, Value> object = new TreeMap<>();
        Map<String, List<Value>> groups = new TreeMap<>();
        for (Map.Entry<Value, Value> entry : iterate(collection, forExpr.collection().range())) {
            Map<String, Value> names = new LinkedHashMap<>();
            if (forExpr.keyVar() != null) {
                names.put(forExpr.keyVar(), entry.getKey());
            }
            names.put(forExpr.valueVar(), entry.getValue());
            Scope inner = Scope.child(scope, names);
            if (forExpr.condition() != null) {
                Value keep = eval(forExpr.condition(), inner);
                try {
                    if (!Values.asBool(keep)) {
                        continue;
                    }
                } catch (ValueException e) {
                    throw new HclException(HclException.Kind.EVALUATION, forExpr.condition().range(),
                            "Invalid for expression condition: " + e.getMessage());
                }
            }
            if (forExpr.keyExpr() == null) {
                tuple.add(eval(forExpr.valueExpr(), inner));
                if (tuple.size() > Budget.MAX_ITEMS) {
                    throw new HclException(HclException.Kind.LIMIT, forExpr.range(), "Value too large: a list of more than " + Budget.MAX_ITEMS + " elements");
                }
                continue;
            }
            Value key = eval(forExpr.keyExpr(), inner);
            String name;
            try {
                name = Values.asString(key);
            } catch (ValueException e) {
                throw new HclException(HclException.Kind.EVALUATION, forExpr.keyExpr().range(), "Invalid object key: " + e.getMessage());
            }
            Value value = eval(forExpr.valueExpr(), inner);
            if (forExpr.grouping()) {
                groups.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                if (object.containsKey(name)) {
                    throw new HclException(HclException.Kind.EVALUATION, forExpr.keyExpr().range(), "Duplicate object key: two elements produce the key \""
                            + name + "\"; add \"...\" after the value to group them");
                }
                object.put(name, value);
            }
            if (object.size() + groups.size() > Budget.MAX_ITEMS) {
                throw new HclException(HclException.Kind.LIMIT, forExpr.range(), "Value too large: an object of more than " + Budget.MAX_ITEMS + " attributes");
            }
        }
        if (forExpr.keyExpr() == null) {
            return Value.tuple(tuple);
        }
        if (forExpr.grouping()) {
            groups.forEach((k, v) -> object.put(k, Value.tuple(v)));
        }
        return new Value.Obj(new TreeMap<>(object));
    }

    private static List<Map.Entry<Value, Value>> iterate(Value collection, SourceRange at) throws HclException {
        List<Map.Entry<Value, Value>> entries = new ArrayList<>();
        if (collection instanceof Value.Seq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                entries.add(Map.entry(Value.of(i), seq.items().get(i)));
            }
            return entries;
        }
        if (collection instanceof Value.Obj obj) {
            obj.fields().forEach((k, v) -> entries.add(Map.entry(Value.of(k), v)));
            return entries;
        }
        throw new HclException(HclException.Kind.EVALUATION, at, collection instanceof Value.Null
                ? "Iteration over null value: a null value cannot be used as the collection in a for expression"
                : "Iteration over non-iterable value: a value of type " + collection.typeName() + " cannot be used as the collection in a for expression");
    }

    private static Value step(Value value, Expr.Step step) throws HclException {
        if (step instanceof Expr.AttrStep attr) {
            return at(() -> attribute(value, attr.name()), step.range());
        }
        Value key = ((Expr.IndexStep) step).key();
        return at(() -> index(value, key), step.range());
    }

    static Value attribute(Value value, String name) {
        if (value instanceof Value.Obj obj) {
            Value field = obj.fields().get(name);
            if (field == null) {
                throw new ValueException("Unsupported attribute: this object does not have an attribute named \"" + name + "\"");
            }
            return field;
        }
        if (value instanceof Value.Null) {
            throw new ValueException("Attempt to get attribute from null value: this value is null, so it does not have any attributes");
        }
        if (value instanceof Value.Seq) {
            throw new ValueException("Unsupported attribute: can't access attribute \"" + name + "\" on a list; use [*] or a for expression");
        }
        throw new ValueException("Unsupported attribute: can't access attribute \"" + name + "\" on a " + value.typeName());
    }

    static Value index(Value collection, Value key) {
        if (key instanceof Value.Null) {
            throw new ValueException("Invalid index: the index must not be null");
        }
        if (collection instanceof Value.Seq seq) {
            if (seq.set()) {
                throw new ValueException("Invalid index: elements of a set are identified only by their value and don't have any separate index");
            }
            BigDecimal number;
            try {
                number = Values.asNumber(key);
            } catch (ValueException e) {
                throw new ValueException("Invalid index: a list is indexed by a number, not " + key.typeName());
            }
            int i;
            try {
                i = number.intValueExact();
            } catch (ArithmeticException e) {
                throw new ValueException("Invalid index: the index must be a whole number");
            }
            if (i < 0 || i >= seq.items().size()) {
                throw new ValueException("Invalid index: the given key does not identify an element in this collection value (index "
                        + i + ", length " + seq.items().size() + ")");
            }
            return seq.items().get(i);
        }
        if (collection instanceof Value.Obj obj) {
            String name = Values.asString(key);
            Value field = obj.fields().get(name);
            if (field == null) {
                throw new ValueException("Invalid index: the given key \"" + name + "\" does not identify an element in this collection value");
            }
            return field;
        }
        if (collection instanceof Value.Null) {
            throw new ValueException("Attempt to index null value: this value is null, so it does not have any indices");
        }
        throw new ValueException("Invalid index: this value does not have any indices (it is a " + collection.typeName() + ")");
    }

    private interface ValueSupplier {
        Value get();
    }

    private static Value at(ValueSupplier supplier, SourceRange range) throws HclException {
        try {
            return supplier.get();
        } catch (ValueException e) {
            throw new HclException(HclException.Kind.EVALUATION, range, e.getMessage());
        }
    }
}
