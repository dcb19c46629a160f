package dev.buildxlens.core.bake.hcl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A function defined in the configuration (HCL's {@code userfunc} extension, bake's {@code function} blocks): named
 * parameters, an optional variadic parameter that receives the remaining arguments as a list, and a result expression
 * evaluated in the file's global scope plus the parameters (never the caller's scope: a matrix value is not visible
 * inside a function unless passed in).
 */
public final class UserFunction implements HclFunction {

    private final String name;
    private final List<String> params;
    private final String variadic;
    private final Expr result;
    private final Supplier<Scope> globalScope;
    private final Evaluator evaluator;

    public UserFunction(String name, List<String> params, String variadic, Expr result, Supplier<Scope> globalScope,
                        Evaluator evaluator) {
        this.name = name;
        this.params = List.copyOf(params);
        this.variadic = variadic;
        this.result = result;
        this.globalScope = globalScope;
        this.evaluator = evaluator;
    }

    public String name() {
        return name;
    }

    public Expr result() {
        return result;
    }

    @Override
    public Value call(List<Value> args) throws HclException {
        if (args.size() < params.size()) {
            throw new ValueException("not enough arguments: " + name + " takes " + params.size()
                    + (variadic != null ? " or more" : "") + ", given " + args.size());
        }
        if (variadic == null && args.size() > params.size()) {
            throw new ValueException("too many arguments: " + name + " takes " + params.size() + ", given " + args.size());
        }
        Map<String, Value> names = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            names.put(params.get(i), args.get(i));
        }
        if (variadic != null) {
            names.put(variadic, Value.tuple(new ArrayList<>(args.subList(params.size(), args.size()))));
        }
        return evaluator.eval(result, Scope.child(globalScope.get(), names));
    }
}
