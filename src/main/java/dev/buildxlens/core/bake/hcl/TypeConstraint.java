package dev.buildxlens.core.bake.hcl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A type constraint as HCL's {@code typeexpr} reads it ({@code string}, {@code number}, {@code bool}, {@code any},
 * {@code list(T)}, {@code set(T)}, {@code map(T)}, {@code tuple([T...])}, {@code object({name = T})}), used by bake's
 * typed {@code variable} blocks and by {@code convert()}; {@link #convert} follows cty's conversion rules.
 */
public sealed interface TypeConstraint {

    TypeConstraint STRING = new Primitive("string");
    TypeConstraint NUMBER = new Primitive("number");
    TypeConstraint BOOL = new Primitive("bool");
    TypeConstraint ANY = new Any();

    /** cty's friendly name, for messages. */
    String friendlyName();

    Value convert(Value value);

    record Primitive(String name) implements TypeConstraint {
        @Override
        public String friendlyName() {
            return name;
        }

        @Override
        public Value convert(Value value) {
            if (value instanceof Value.Null) {
                return value;
            }
            return switch (name) {
                case "string" -> Value.of(Values.asString(value));
                case "number" -> new Value.Num(Values.asNumber(value));
                default -> Value.of(Values.asBool(value));
            };
        }
    }

    record Any() implements TypeConstraint {
        @Override
        public String friendlyName() {
            return "any";
        }

        @Override
        public Value convert(Value value) {
            return value;
        }
    }

    /** {@code list(T)} or, when {@code set}, {@code set(T)}. */
    record Sequence(TypeConstraint element, boolean set) implements TypeConstraint {
        @Override
        public String friendlyName() {
            return (set ? "set of " : "list of ") + element.friendlyName();
        }

        @Override
        public Value convert(Value value) {
            if (value instanceof Value.Null) {
                return value;
            }
            if (!(value instanceof Value.Seq seq)) {
                throw new ValueException(friendlyName() + " required, not " + value.typeName());
            }
            List<Value> items = new ArrayList<>();
            for (Value item : seq.items()) {
                items.add(element.convert(item));
            }
            return set ? Values.set(items) : Value.tuple(items);
        }
    }

    record MapOf(TypeConstraint element) implements TypeConstraint {
        @Override
        public String friendlyName() {
            return "map of " + element.friendlyName();
        }

        @Override
        public Value convert(Value value) {
            if (value instanceof Value.Null) {
                return value;
            }
            Map<String, Value> out = new TreeMap<>();
            for (Map.Entry<String, Value> e : Values.asObject(value).entrySet()) {
                out.put(e.getKey(), element.convert(e.getValue()));
            }
            return new Value.Obj(new TreeMap<>(out));
        }
    }

    record TupleOf(List<TypeConstraint> elements) implements TypeConstraint {
        public TupleOf {
            elements = List.copyOf(elements);
        }

        @Override
        public String friendlyName() {
            return "tuple";
        }

        @Override
        public Value convert(Value value) {
            if (value instanceof Value.Null) {
                return value;
            }
            List<Value> items = Values.asList(value);
            if (items.size() != elements.size()) {
                throw new ValueException("tuple required with " + elements.size() + " elements, not " + items.size());
            }
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                out.add(elements.get(i).convert(items.get(i)));
            }
            return Value.tuple(out);
        }
    }

    record ObjectOf(Map<String, TypeConstraint> attributes) implements TypeConstraint {
        public ObjectOf {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        @Override
        public String friendlyName() {
            return "object";
        }

        @Override
        public Value convert(Value value) {
            if (value instanceof Value.Null) {
                return value;
            }
            Map<String, Value> fields = Values.asObject(value);
            Map<String, Value> out = new TreeMap<>();
            for (Map.Entry<String, TypeConstraint> a : attributes.entrySet()) {
                Value field = fields.get(a.getKey());
                if (field == null) {
                    throw new ValueException("attribute \"" + a.getKey() + "\" is required");
                }
                out.put(a.getKey(), a.getValue().convert(field));
            }
            return new Value.Obj(new TreeMap<>(out));
        }
    }

    /**
     * Reads a type expression. In a JSON file the type is a string holding the expression ({@code "list(string)"}),
     * which is parsed first.
     */
    static TypeConstraint parse(Expr expr) throws HclException {
        if (expr instanceof Expr.Literal lit && lit.value() instanceof Value.Str s) {
            return parse(HclParser.parseExpression(lit.range().file(), s.value(), lit.range()));
        }
        if (expr instanceof Expr.Traversal t && t.steps().isEmpty()) {
            return switch (t.root()) {
                case "string" -> STRING;
                case "number" -> NUMBER;
                case "bool" -> BOOL;
                case "any" -> ANY;
                default -> throw invalid(expr, "the keyword \"" + t.root() + "\" is not a type; use string, number, bool, any, list(...), set(...), map(...), tuple([...]) or object({...})");
            };
        }
        if (expr instanceof Expr.Call call) {
            if (call.args().size() != 1) {
                throw invalid(expr, "the type constructor " + call.name() + "(...) takes exactly one argument");
            }
            Expr arg = call.args().get(0);
            switch (call.name()) {
                case "list":
                    return new Sequence(parse(arg), false);
                case "set":
                    return new Sequence(parse(arg), true);
                case "map":
                    return new MapOf(parse(arg));
                case "tuple": {
                    if (!(arg instanceof Expr.TupleCons tuple)) {
                        throw invalid(arg, "tuple(...) takes a list of types, as in tuple([string, number])");
                    }
                    List<TypeConstraint> elements = new ArrayList<>();
                    for (Expr item : tuple.items()) {
                        elements.add(parse(item));
                    }
                    return new TupleOf(elements);
                }
                case "object": {
                    if (!(arg instanceof Expr.ObjectCons object)) {
                        throw invalid(arg, "object(...) takes an object of types, as in object({name = string})");
                    }
                    Map<String, TypeConstraint> attributes = new LinkedHashMap<>();
                    for (Expr.ObjectItem item : object.items()) {
                        String name = keyword(item.key());
                        if (name == null) {
                            throw invalid(item.key(), "an object type's attribute names must be plain names");
                        }
                        attributes.put(name, parse(item.value()));
                    }
                    return new ObjectOf(attributes);
                }
                default:
                    throw invalid(expr, "\"" + call.name() + "\" is not a type constructor");
            }
        }
        throw invalid(expr, "a type keyword or type constructor is required");
    }

    /** A bare name, as HCL's {@code ExprAsKeyword} reads it (a JSON string holding a name counts too). */
    static String keyword(Expr expr) {
        if (expr instanceof Expr.Traversal t && t.steps().isEmpty()) {
            return t.root();
        }
        if (expr instanceof Expr.Literal lit && lit.value() instanceof Value.Str s && s.value().matches("[\\p{L}_][\\p{L}\\p{N}_-]*")) {
            return s.value();
        }
        return null;
    }

    private static HclException invalid(Expr expr, String message) {
        return new HclException(HclException.Kind.EVALUATION, expr.range(), "Invalid type specification: " + message);
    }
}
