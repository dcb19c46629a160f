package dev.buildxlens.core.bake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.buildxlens.core.bake.hcl.Body;
import dev.buildxlens.core.bake.hcl.Budget;
import dev.buildxlens.core.bake.hcl.Evaluator;
import dev.buildxlens.core.bake.hcl.Expr;
import dev.buildxlens.core.bake.hcl.ExprWalk;
import dev.buildxlens.core.bake.hcl.HclException;
import dev.buildxlens.core.bake.hcl.HclFunction;
import dev.buildxlens.core.bake.hcl.HclJsonParser;
import dev.buildxlens.core.bake.hcl.Scope;
import dev.buildxlens.core.bake.hcl.SourceRange;
import dev.buildxlens.core.bake.hcl.Stdlib;
import dev.buildxlens.core.bake.hcl.TypeConstraint;
import dev.buildxlens.core.bake.hcl.UserFunction;
import dev.buildxlens.core.bake.hcl.Value;
import dev.buildxlens.core.bake.hcl.ValueException;
import dev.buildxlens.core.bake.hcl.Values;
import dev.buildxlens.core.build.CsvFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the HCL and JSON files of one bake invocation into targets and groups, following buildx's
 * {@code bake/hclparser} (Parse): the files are one merged body; top-level attributes and {@code variable} blocks are
 * variables (a later file's definition of a name replaces an earlier one, an attribute wins over a block of the same
 * name, only blocks take overrides from {@code --var} and the environment); {@code function} blocks are user
 * functions; {@code target} blocks expand over their {@code matrix} and take their {@code name}; expressions may read
 * variables, call functions and refer to other blocks ({@code target.app.tags}), all resolved lazily with cycle
 * detection. Blocks of other types are ignored, as buildx ignores them.
 */
final class HclConfigReader {

    /** Targets one block's matrix may produce. */
    static final int MAX_MATRIX = 1_000;

    static final Map<String, HclJsonParser.BlockShape> JSON_SHAPES = Map.of(
            "target", new HclJsonParser.BlockShape(1, Map.of()),
            "group", new HclJsonParser.BlockShape(1, Map.of()),
            "variable", new HclJsonParser.BlockShape(1, Map.of("validation", new HclJsonParser.BlockShape(0, Map.of()))),
            "function", new HclJsonParser.BlockShape(1, Map.of()));

    private static final Pattern TARGET_NAME = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Attributes of a target block and how bake decodes them. */
    private enum Kind { STRING, BOOL, STRINGS, MAP, ENTRIES, OBJECT }

    private static final Map<String, Kind> TARGET_ATTRIBUTES = Map.ofEntries(
            Map.entry("description", Kind.STRING), Map.entry("inherits", Kind.STRINGS), Map.entry("annotations", Kind.STRINGS),
            Map.entry("attest", Kind.ENTRIES), Map.entry("context", Kind.STRING), Map.entry("contexts", Kind.MAP),
            Map.entry("dockerfile", Kind.STRING), Map.entry("dockerfile-inline", Kind.STRING), Map.entry("args", Kind.MAP),
            Map.entry("labels", Kind.MAP), Map.entry("tags", Kind.STRINGS), Map.entry("cache-from", Kind.ENTRIES),
            Map.entry("cache-to", Kind.ENTRIES), Map.entry("target", Kind.STRING), Map.entry("secret", Kind.ENTRIES),
            Map.entry("ssh", Kind.ENTRIES), Map.entry("platforms", Kind.STRINGS), Map.entry("output", Kind.ENTRIES),
            Map.entry("pull", Kind.BOOL), Map.entry("no-cache", Kind.BOOL), Map.entry("network", Kind.STRING),
            Map.entry("no-cache-filter", Kind.STRINGS), Map.entry("shm-size", Kind.STRING), Map.entry("ulimits", Kind.STRINGS),
            Map.entry("resources", Kind.OBJECT), Map.entry("call", Kind.STRING), Map.entry("entitlements", Kind.STRINGS),
            Map.entry("extra-hosts", Kind.MAP), Map.entry("policy", Kind.ENTRIES));

    private static final Map<String, Kind> GROUP_ATTRIBUTES = Map.of("description", Kind.STRING, "targets", Kind.STRINGS);

    /** A parsed file. */
    record ParsedFile(BakeSource source, BakeSource.Format format, Body body) {
    }

    /** One target or group a block produces (one per matrix combination). */
    private final class Instance {
        final Body.Block block;
        final ParsedFile file;
        final String type;
        final String name;
        final Scope scope;
        final Map<String, Value> values = new HashMap<>();
        final Set<String> evaluating = new HashSet<>();

        Instance(Body.Block block, ParsedFile file, String type, String name, Scope scope) {
            this.block = block;
            this.file = file;
            this.type = type;
            this.name = name;
            this.scope = scope;
        }

        Value attribute(String attribute, SourceRange at) throws HclException {
            Value known = values.get(attribute);
            if (known != null) {
                return known;
            }
            Body.Attribute attr = block.body().attributes().get(attribute);
            if (attr == null) {
                return Value.NULL;
            }
            if (!evaluating.add(attribute)) {
                throw new HclException(HclException.Kind.CYCLE, at, "reference cycle not allowed for " + type + "." + name + "." + attribute);
            }
            try {
                Value value = evaluator.eval(attr.expr(), scope);
                values.put(attribute, value);
                return value;
            } finally {
                evaluating.remove(attribute);
            }
        }
    }

    private final List<ParsedFile> files;
    private final BakeOptions options;
    private final Budget budget = new Budget();
    private final Evaluator evaluator = new Evaluator(budget);
    private final Stdlib stdlib;
    private final Map<String, String> builtins = new LinkedHashMap<>();
    private final Map<String, Body.Block> variables = new LinkedHashMap<>();
    private final Map<String, ParsedFile> variableFiles = new HashMap<>();
    private final Map<String, Body.Block> functionBlocks = new LinkedHashMap<>();
    private final Map<String, Body.Attribute> attributes = new LinkedHashMap<>();
    private final List<Map.Entry<Body.Block, ParsedFile>> blocks = new ArrayList<>();
    private final Map<String, Value> resolved = new HashMap<>();
    private final Set<String> resolving = new LinkedHashSet<>();
    private final Map<String, UserFunction> functions = new HashMap<>();
    private final Map<Body.Block, List<Instance>> instances = new LinkedHashMap<>();
    private final Map<String, List<Instance>> byName = new HashMap<>();
    private final List<BakeWarning> warnings = new ArrayList<>();
    private boolean namesKnown;

    private final Scope global = new Scope() {
        @Override
        public Lookup lookup(String name, List<Expr.Step> steps, SourceRange at) throws HclException {
            if (name.equals("target") || name.equals("group")) {
                return blockReference(name, steps, at);
            }
            return new Lookup(variable(name, at), 0);
        }

        @Override
        public HclFunction function(String name, SourceRange at) throws HclException {
            return HclConfigReader.this.function(name, at);
        }
    };

    HclConfigReader(List<ParsedFile> files, BakeOptions options) {
        this.files = List.copyOf(files);
        this.options = options;
        this.stdlib = new Stdlib(options.clock(), options.homeDir(), budget);
        builtins.put("BAKE_CMD_CONTEXT", options.cmdContext());
        builtins.put("BAKE_LOCAL_PLATFORM", options.localPlatform());
    }

    List<BakeWarning> warnings() {
        return warnings;
    }

    /** The variables as resolved, for display (null variables are left out). */
    Map<String, String> variableValues() {
        Map<String, String> out = new TreeMap<>();
        for (String name : variables.keySet()) {
            Value value = resolved.get(name);
            if (value != null && !(value instanceof Value.Null)) {
                out.put(name, value instanceof Value.Str || value instanceof Value.Num || value instanceof Value.Bool
                        ? Values.asString(value) : Values.toJson(value).toString());
            }
        }
        return out;
    }

    /** Reads the files over the compose configuration (compose files are always merged first). */
    BakeConfig read(BakeConfig compose) throws BakeException {
        try {
            collect();
            for (String name : new TreeSet<>(variables.keySet())) {
                variable(name, variables.get(name).labelRanges().get(0));
            }
            validateVariables();
            defineFunctions();
            for (Map.Entry<Body.Block, ParsedFile> entry : blocks) {
                instances.put(entry.getKey(), expand(entry.getKey(), entry.getValue()));
            }
            namesKnown = true;
            for (List<Instance> list : instances.values()) {
                for (Instance instance : list) {
                    byName.computeIfAbsent(instance.type + "\0" + instance.name, k -> new ArrayList<>()).add(instance);
                }
            }
            return assemble(compose);
        } catch (HclException e) {
            throw BakeException.of(e);
        }
    }

    // ---- collecting the merged body ------------------------------------------------------------------------------

    private void collect() throws HclException {
        for (ParsedFile file : files) {
            for (Body.Attribute attribute : file.body().attributes().values()) {
                if (attribute.name().equals("target") || attribute.name().equals("group")) {
                    throw new HclException(HclException.Kind.EVALUATION, attribute.nameRange(), "Unsupported argument: \""
                            + attribute.name() + "\" is a block type; write " + attribute.name() + " \"name\" { ... }");
                }
                if (builtins.containsKey(attribute.name()) || attribute.name().equals("function")) {
                    continue;
                }
                attributes.put(attribute.name(), attribute);
            }
            for (Body.Block block : file.body().blocks()) {
                switch (block.type()) {
                    case "variable", "function" -> {
                        if (block.labels().size() != 1) {
                            throw new HclException(HclException.Kind.EVALUATION, block.typeRange(), "Invalid block: a "
                                    + block.type() + " block takes exactly one label, its name");
                        }
                        String name = block.labels().get(0);
                        if (name.equals("target") || name.equals("group") || builtins.containsKey(name)) {
                            continue;
                        }
                        if (block.type().equals("variable")) {
                            variables.put(name, block);
                            variableFiles.put(name, file);
                        } else {
                            functionBlocks.put(name, block);
                        }
                    }
                    case "target", "group" -> {
                        if (block.labels().size() != 1) {
                            throw new HclException(HclException.Kind.EVALUATION, block.labelRanges().isEmpty() ? block.typeRange()
                                    : block.labelRanges().get(0), "Invalid block: invalid block label " + block.labels()
                                    + "; a " + block.type() + " block takes exactly one label, its name");
                        }
                        blocks.add(Map.entry(block, file));
                    }
                    default -> warnings.add(new BakeWarning(block.typeRange(), "block type \"" + block.type()
                            + "\" is ignored: bake reads only target, group, variable and function blocks"));
                }
            }
        }
    }

    // ---- variables ----------------------------------------------------------------------------------------------

    private Value variable(String name, SourceRange at) throws HclException {
        Value known = resolved.get(name);
        if (known != null) {
            return known;
        }
        if (!builtins.containsKey(name) && !attributes.containsKey(name) && !variables.containsKey(name)) {
            throw new HclException(HclException.Kind.UNKNOWN_VARIABLE, at, "Unknown variable: there is no variable named \""
                    + name + "\"" + suggestion(name, allNames()));
        }
        if (!resolving.add(name)) {
            throw new HclException(HclException.Kind.CYCLE, at, "variable cycle not allowed for " + name
                    + " (" + String.join(" -> ", resolving) + " -> " + name + ")");
        }
        try {
            Value value = resolveVariable(name);
            resolved.put(name, value);
            return value;
        } finally {
            resolving.remove(name);
        }
    }

    private Set<String> allNames() {
        Set<String> names = new TreeSet<>(builtins.keySet());
        names.addAll(attributes.keySet());
        names.addAll(variables.keySet());
        return names;
    }

    /** buildx {@code resolveValue}: built-ins, then top-level attributes, then variable blocks with their overrides. */
    private Value resolveVariable(String name) throws HclException {
        if (builtins.containsKey(name)) {
            return Value.of(builtins.get(name));
        }
        Body.Attribute attribute = attributes.get(name);
        if (attribute != null) {
            return evaluator.eval(attribute.expr(), global);
        }
        Body.Block block = variables.get(name);
        Body.Attribute typeAttribute = block.body().attributes().get("type");
        TypeConstraint type = null;
        if (typeAttribute != null && !(typeAttribute.expr() instanceof Expr.Literal lit && lit.value() instanceof Value.Null)) {
            type = TypeConstraint.parse(typeAttribute.expr());
        }
        Body.Attribute defaultAttribute = block.body().attributes().get("default");
        VariableOverride override = override(name, type != null);
        if (defaultAttribute == null && override == null) {
            // An untyped variable without a value is an empty string; a typed one is null (buildx resolveValue).
            return type != null ? Value.NULL : Value.of("");
        }
        Value value = Value.NULL;
        if (defaultAttribute != null) {
            value = evaluator.eval(defaultAttribute.expr(), global);
            if (type != null) {
                try {
                    value = type.convert(value);
                } catch (ValueException e) {
                    throw new HclException(HclException.Kind.EVALUATION, defaultAttribute.expr().range(), "invalid type "
                            + type.friendlyName() + " for variable " + name + " default value: " + e.getMessage());
                }
            }
        }
        if (override == null) {
            return value;
        }
        SourceRange at = block.labelRanges().get(0);
        try {
            if (type != null && override.json) {
                return type.convert(Values.fromJson(JSON.readTree(override.value)));
            }
            if (type instanceof TypeConstraint.Sequence || type instanceof TypeConstraint.TupleOf || type instanceof TypeConstraint.MapOf) {
                return fromCsv(name, override.value, type);
            }
            if (type instanceof TypeConstraint.Primitive primitive) {
                return primitive(name, override.value, primitive.name());
            }
            if (type != null) {
                // buildx: a declared type that is neither primitive nor CSV-shaped (object, any) takes only JSON.
                throw new ValueException("unsupported type " + (type instanceof TypeConstraint.Any ? "dynamic" : type.friendlyName())
                        + " for variable " + name + " from the environment; give it as JSON in " + name + "_JSON");
            }
            if (defaultAttribute == null || value instanceof Value.Null) {
                return Value.of(override.value);
            }
            if (value instanceof Value.Str) {
                return Value.of(override.value);
            }
            if (value instanceof Value.Bool) {
                return primitive(name, override.value, "bool");
            }
            if (value instanceof Value.Num) {
                return primitive(name, override.value, "number");
            }
            throw new ValueException("unsupported type " + value.typeName() + " for variable " + name
                    + " from the environment; declare its type and give it as JSON in " + name + "_JSON");
        } catch (ValueException e) {
            throw new HclException(HclException.Kind.EVALUATION, at, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new HclException(HclException.Kind.EVALUATION, at, "failed to convert variable " + name + " from JSON: "
                    + e.getOriginalMessage());
        }
    }

    private record VariableOverride(String value, boolean json) {
    }

    /** buildx {@code valueHasOverride}: {@code NAME}, else (or for typed variables first) {@code NAME_JSON}. */
    private VariableOverride override(String name, boolean favorJson) {
        String value = options.lookup(name);
        if (value == null || favorJson) {
            String jsonName = name + "_JSON";
            if (!variables.containsKey(jsonName) && !builtins.containsKey(jsonName)) {
                String json = options.lookup(jsonName);
                if (json != null) {
                    return new VariableOverride(json, true);
                }
            }
        }
        return value == null ? null : new VariableOverride(value, false);
    }

    /** buildx {@code convertPrimitive}: Go's {@code ParseBool} and {@code ParseFloat}. */
    private static Value primitive(String name, String text, String type) {
        switch (type) {
            case "bool":
                return switch (text) {
                    case "1", "t", "T", "TRUE", "true", "True" -> Value.TRUE;
                    case "0", "f", "F", "FALSE", "false", "False" -> Value.FALSE;
                    default -> throw new ValueException("failed to parse " + name + " as bool: \"" + text + "\" is not a bool");
                };
            case "number":
                try {
                    double parsed = Double.parseDouble(text.strip().equals(text) ? text : "x");
                    if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                        throw new NumberFormatException();
                    }
                    return new Value.Num(new BigDecimal(text));
                } catch (NumberFormatException e) {
                    throw new ValueException("failed to parse " + name + " as number: \"" + text + "\" is not a number");
                }
            default:
                return Value.of(text);
        }
    }

    /** buildx {@code valueFromCSV}: lists, sets and tuples of primitives; maps as {@code key:value} fields. */
    private static Value fromCsv(String name, String text, TypeConstraint type) {
        List<String> fields = CsvFields.split(text, ',');
        if (type instanceof TypeConstraint.Sequence sequence) {
            if (!(sequence.element() instanceof TypeConstraint.Primitive element)) {
                throw new ValueException("unsupported type " + type.friendlyName() + " for CSV specification");
            }
            List<Value> items = new ArrayList<>();
            for (String field : fields) {
                items.add(primitive(name, field, element.name()));
            }
            return sequence.set() ? Values.set(items) : Value.tuple(items);
        }
        if (type instanceof TypeConstraint.TupleOf tuple) {
            if (tuple.elements().size() != fields.size()) {
                throw new ValueException(type.friendlyName() + " expects " + tuple.elements().size() + " elements but only "
                        + fields.size() + " provided");
            }
            List<Value> items = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                if (!(tuple.elements().get(i) instanceof TypeConstraint.Primitive element)) {
                    throw new ValueException("unsupported type " + type.friendlyName() + " for CSV specification");
                }
                items.add(primitive(name, fields.get(i), element.name()));
            }
            return Value.tuple(items);
        }
        TypeConstraint.MapOf map = (TypeConstraint.MapOf) type;
        if (!(map.element() instanceof TypeConstraint.Primitive element)) {
            throw new ValueException("unsupported type " + type.friendlyName() + " for CSV specification");
        }
        Map<String, Value> out = new TreeMap<>();
        for (String field : fields) {
            List<String> pair = CsvFields.split(field, ':');
            if (pair.size() != 2) {
                throw new ValueException("expected one k/v pair but got " + pair.size() + " pieces from " + field);
            }
            out.put(pair.get(0), primitive(name, pair.get(1), element.name()));
        }
        return new Value.Obj(new TreeMap<>(out));
    }

    private void validateVariables() throws HclException {
        for (Map.Entry<String, Body.Block> entry : variables.entrySet()) {
            for (Body.Block validation : entry.getValue().body().blocks()) {
                if (!validation.type().equals("validation")) {
                    continue;
                }
                Body.Attribute condition = validation.body().attributes().get("condition");
                Body.Attribute message = validation.body().attributes().get("error_message");
                if (condition == null || message == null) {
                    throw new HclException(HclException.Kind.EVALUATION, validation.typeRange(),
                            "Missing required argument: a validation block needs condition and error_message");
                }
                Value result = evaluator.eval(condition.expr(), global);
                if (result instanceof Value.Null) {
                    throw new HclException(HclException.Kind.EVALUATION, condition.expr().range(),
                            "Invalid condition result: condition expression must return either true or false, not null");
                }
                boolean ok;
                try {
                    ok = Values.asBool(result);
                } catch (ValueException e) {
                    throw new HclException(HclException.Kind.EVALUATION, condition.expr().range(), "Invalid condition result: " + e.getMessage());
                }
                if (!ok) {
                    Value text = evaluator.eval(message.expr(), global);
                    throw new HclException(HclException.Kind.EVALUATION, condition.expr().range(), "Validation failed: "
                            + (text instanceof Value.Null ? "This check failed, but has an invalid error message." : Values.asString(text)));
                }
            }
        }
    }

    // ---- functions ----------------------------------------------------------------------------------------------

    private HclFunction function(String name, SourceRange at) throws HclException {
        HclFunction library = stdlib.function(name);
        if (library != null) {
            return library;
        }
        UserFunction user = functions.get(name);
        if (user != null) {
            return user;
        }
        if (Stdlib.NOT_SUPPORTED.contains(name)) {
            throw new HclException(HclException.Kind.UNKNOWN_FUNCTION, at, "function \"" + name
                    + "\" of bake's standard library is not supported by this reader");
        }
        Set<String> known = new TreeSet<>(stdlib.names());
        known.addAll(functionBlocks.keySet());
        throw new HclException(HclException.Kind.UNKNOWN_FUNCTION, at, "Call to unknown function: there is no function named \""
                + name + "\"" + suggestion(name, known));
    }

    /** buildx {@code resolveFunction}: checks each definition, its calls (no cycles) and its free variables. */
    private void defineFunctions() throws HclException {
        Map<String, List<String>> parameters = new HashMap<>();
        for (Map.Entry<String, Body.Block> entry : functionBlocks.entrySet()) {
            String name = entry.getKey();
            Body body = entry.getValue().body();
            for (String attribute : body.attributes().keySet()) {
                if (!Set.of("params", "variadic_params", "result").contains(attribute)) {
                    throw new HclException(HclException.Kind.EVALUATION, body.attributes().get(attribute).nameRange(),
                            "Unsupported argument: an argument named \"" + attribute + "\" is not expected in a function block");
                }
            }
            Body.Attribute params = body.attributes().get("params");
            Body.Attribute result = body.attributes().get("result");
            SourceRange at = entry.getValue().labelRanges().get(0);
            if (result == null) {
                throw new HclException(HclException.Kind.EVALUATION, at, "Invalid function: empty result not allowed for " + name);
            }
            if (params == null) {
                throw new HclException(HclException.Kind.EVALUATION, at, "Invalid function: empty params not allowed for " + name);
            }
            if (!(params.expr() instanceof Expr.TupleCons tuple)) {
                throw new HclException(HclException.Kind.EVALUATION, params.expr().range(), "Invalid function: params must be a list of names");
            }
            List<String> names = new ArrayList<>();
            for (Expr item : tuple.items()) {
                String param = TypeConstraint.keyword(item);
                if (param == null) {
                    throw new HclException(HclException.Kind.EVALUATION, item.range(),
                            "Invalid param element: each parameter name must be an identifier");
                }
                names.add(param);
            }
            String variadic = null;
            Body.Attribute variadicAttribute = body.attributes().get("variadic_params");
            if (variadicAttribute != null) {
                variadic = TypeConstraint.keyword(variadicAttribute.expr());
                if (variadic == null) {
                    throw new HclException(HclException.Kind.EVALUATION, variadicAttribute.range(),
                            "Invalid param element: each parameter name must be an identifier");
                }
            }
            parameters.put(name, variadic == null ? names : concat(names, variadic));
            functions.put(name, new UserFunction(name, names, variadic, result.expr(), () -> global, evaluator));
        }
        for (String name : new TreeSet<>(functionBlocks.keySet())) {
            checkCalls(name, new ArrayList<>());
            Expr result = functions.get(name).result();
            ExprWalk walk = ExprWalk.of(result);
            for (String call : walk.calls()) {
                if (!List.of("try", "can", "convert").contains(call)) {
                    function(call, result.range());
                }
            }
            for (String root : walk.roots()) {
                if (!parameters.get(name).contains(root) && !root.equals("target") && !root.equals("group")) {
                    variable(root, result.range());
                }
            }
        }
    }

    private static List<String> concat(List<String> names, String more) {
        List<String> out = new ArrayList<>(names);
        out.add(more);
        return out;
    }

    private void checkCalls(String name, List<String> path) throws HclException {
        if (path.contains(name)) {
            path.add(name);
            throw new HclException(HclException.Kind.CYCLE, functionBlocks.get(path.get(0)).labelRanges().get(0),
                    "function cycle not allowed for " + path.get(0) + " (" + String.join(" -> ", path) + ")");
        }
        UserFunction function = functions.get(name);
        if (function == null || stdlib.function(name) != null) {
            return;
        }
        path.add(name);
        for (String call : ExprWalk.of(function.result()).calls()) {
            if (functions.containsKey(call)) {
                checkCalls(call, path);
            }
        }
        path.remove(path.size() - 1);
    }

    // ---- blocks -------------------------------------------------------------------------------------------------

    private List<Instance> expand(Body.Block block, ParsedFile file) throws HclException {
        String label = block.labels().get(0);
        SourceRange labelRange = block.labelRanges().get(0);
        if (!TARGET_NAME.matcher(label).matches()) {
            throw new HclException(HclException.Kind.EVALUATION, labelRange, "Invalid name: \"" + label
                    + "\": only \"[a-zA-Z0-9_-]+\" are allowed");
        }
        Body.Attribute matrix = block.body().attributes().get("matrix");
        Body.Attribute name = block.body().attributes().get("name");
        if (block.type().equals("group")) {
            if (name != null) {
                throw new HclException(HclException.Kind.EVALUATION, name.nameRange(), "Invalid name: name is not supported for groups");
            }
            if (matrix != null) {
                throw new HclException(HclException.Kind.EVALUATION, matrix.nameRange(), "Invalid name: matrix is not supported for groups");
            }
            return List.of(new Instance(block, file, "group", label, global));
        }
        if (name != null && matrix == null) {
            throw new HclException(HclException.Kind.EVALUATION, name.nameRange(), "Invalid name: name requires matrix");
        }
        List<Map<String, Value>> combinations = new ArrayList<>();
        combinations.add(Map.of());
        if (matrix != null) {
            Value value = evaluator.eval(matrix.expr(), global);
            if (!(value instanceof Value.Obj obj)) {
                throw new HclException(HclException.Kind.EVALUATION, matrix.expr().range(), "matrix must be a map");
            }
            combinations = new ArrayList<>();
            combinations.add(null);
            // buildx GetEvalContexts: for each key, for each of its values, for each combination so far.
            for (Map.Entry<String, Value> axis : obj.fields().entrySet()) {
                if (!(axis.getValue() instanceof Value.Seq seq)) {
                    throw new HclException(HclException.Kind.EVALUATION, matrix.expr().range(), "matrix values must be a list (\""
                            + axis.getKey() + "\" is a " + axis.getValue().typeName() + ")");
                }
                List<Map<String, Value>> next = new ArrayList<>();
                for (Value item : seq.items()) {
                    for (Map<String, Value> combination : combinations) {
                        Map<String, Value> more = combination == null ? new LinkedHashMap<>() : new LinkedHashMap<>(combination);
                        more.put(axis.getKey(), item);
                        next.add(more);
                        if (next.size() > MAX_MATRIX) {
                            throw new HclException(HclException.Kind.LIMIT, matrix.expr().range(), "matrix too large: more than "
                                    + MAX_MATRIX + " combinations");
                        }
                    }
                }
                combinations = next;
            }
            combinations.removeIf(java.util.Objects::isNull);
        }
        List<Instance> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, Value> combination : combinations) {
            Scope scope = combination.isEmpty() ? global : Scope.child(global, combination);
            String instanceName = label;
            if (name != null) {
                Value value = evaluator.eval(name.expr(), scope);
                try {
                    instanceName = Values.asString(value);
                } catch (ValueException e) {
                    throw new HclException(HclException.Kind.EVALUATION, name.expr().range(), "Invalid name: " + e.getMessage());
                }
                if (!TARGET_NAME.matcher(instanceName).matches()) {
                    throw new HclException(HclException.Kind.EVALUATION, name.expr().range(), "Invalid name: \"" + instanceName
                            + "\": only \"[a-zA-Z0-9_-]+\" are allowed (sanitize() makes a value fit)");
                }
            }
            if (!seen.add(instanceName)) {
                throw new HclException(HclException.Kind.EVALUATION, name != null ? name.expr().range() : labelRange,
                        "Invalid name: duplicate name \"" + instanceName + "\"" + (name == null ? "; a matrix target needs a name attribute" : ""));
            }
            out.add(new Instance(block, file, "target", instanceName, scope));
        }
        return out;
    }

    /** {@code target.NAME.ATTR} (or {@code group.NAME.targets}): the attribute as that block sets it, null if unset. */
    private Scope.Lookup blockReference(String type, List<Expr.Step> steps, SourceRange at) throws HclException {
        if (steps.isEmpty()) {
            throw new HclException(HclException.Kind.EVALUATION, at, "Invalid expression: cannot access " + type + " as a variable");
        }
        String name;
        if (steps.get(0) instanceof Expr.AttrStep attr) {
            name = attr.name();
        } else if (((Expr.IndexStep) steps.get(0)).key() instanceof Value.Str key) {
            name = key.value();
        } else {
            throw new HclException(HclException.Kind.EVALUATION, at, "Invalid expression: cannot traverse " + type + " without attribute");
        }
        if (!namesKnown) {
            throw new HclException(HclException.Kind.EVALUATION, at, "Invalid expression: " + type + "." + name
                    + " cannot be used in a variable, a matrix or a name, which are read before blocks");
        }
        List<Instance> found = byName.get(type + "\0" + name);
        if (found == null) {
            throw new HclException(HclException.Kind.EVALUATION, at, "Unsupported attribute: there is no " + type + " named \"" + name + "\"");
        }
        Instance instance = found.get(found.size() - 1);
        Map<String, Kind> known = type.equals("target") ? TARGET_ATTRIBUTES : GROUP_ATTRIBUTES;
        if (steps.size() >= 2 && steps.get(1) instanceof Expr.AttrStep attr) {
            if (!known.containsKey(attr.name()) && !attr.name().equals("name")) {
                throw new HclException(HclException.Kind.EVALUATION, attr.range(), "Unsupported attribute: a " + type
                        + " has no attribute named \"" + attr.name() + "\"");
            }
            if (attr.name().equals("name")) {
                return new Scope.Lookup(Value.of(instance.name), 2);
            }
            return new Scope.Lookup(normalized(instance.attribute(attr.name(), at), known.get(attr.name())), 2);
        }
        Map<String, Value> fields = new TreeMap<>();
        for (Map.Entry<String, Kind> attribute : known.entrySet()) {
            fields.put(attribute.getKey(), normalized(instance.attribute(attribute.getKey(), at), attribute.getValue()));
        }
        fields.put("name", Value.of(instance.name));
        return new Scope.Lookup(new Value.Obj(new TreeMap<>(fields)), 1);
    }

    /** A block attribute as bake's decoding leaves it (numbers in args become strings, and so on). */
    private static Value normalized(Value value, Kind kind) {
        if (value instanceof Value.Null) {
            return value;
        }
        try {
            return switch (kind) {
                case STRING -> Value.of(Values.asString(value));
                case BOOL -> Value.of(Values.asBool(value));
                case STRINGS -> Value.tuple(Values.asStringList(value).stream().map(s -> (Value) Value.of(s)).toList());
                case MAP -> {
                    Map<String, Value> out = new TreeMap<>();
                    Values.asObject(value).forEach((k, v) -> out.put(k, v instanceof Value.Null ? v : Value.of(Values.asString(v))));
                    yield new Value.Obj(new TreeMap<>(out));
                }
                default -> value;
            };
        } catch (ValueException e) {
            return value;
        }
    }

    // ---- decoding and assembling --------------------------------------------------------------------------------

    private BakeConfig assemble(BakeConfig compose) throws HclException {
        Map<String, TargetDefinition> targets = new LinkedHashMap<>();
        for (TargetDefinition target : compose.targets()) {
            targets.merge(target.name(), target, TargetDefinition::merge);
        }
        List<GroupDefinition> groups = new ArrayList<>(compose.groups());
        Map<String, List<String>> renamed = new LinkedHashMap<>();
        for (Map.Entry<Body.Block, List<Instance>> entry : instances.entrySet()) {
            Body.Block block = entry.getKey();
            for (Instance instance : entry.getValue()) {
                if (instance.type.equals("group")) {
                    GroupDefinition group = decodeGroup(instance);
                    int existing = indexOf(groups, group.name());
                    if (existing >= 0) {
                        groups.set(existing, group);
                    } else {
                        groups.add(group);
                    }
                } else {
                    targets.merge(instance.name, decodeTarget(instance), TargetDefinition::merge);
                    renamed.computeIfAbsent(block.labels().get(0), k -> new ArrayList<>()).add(instance.name);
                }
            }
        }
        for (Map.Entry<String, List<String>> entry : renamed.entrySet()) {
            List<String> names = new ArrayList<>(new LinkedHashSet<>(entry.getValue()));
            if (names.size() == 1 && names.get(0).equals(entry.getKey())) {
                continue;
            }
            groups.add(new GroupDefinition(entry.getKey(), "", names, null));
        }
        List<GroupDefinition> deduplicated = new ArrayList<>();
        for (GroupDefinition group : groups) {
            deduplicated.add(new GroupDefinition(group.name(), group.description(),
                    new ArrayList<>(new LinkedHashSet<>(group.targets())), group.source()));
        }
        return new BakeConfig(new ArrayList<>(targets.values()), deduplicated);
    }

    private static int indexOf(List<GroupDefinition> groups, String name) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private GroupDefinition decodeGroup(Instance instance) throws HclException {
        Body body = instance.block.body();
        rejectBlocks(body);
        for (Body.Attribute attribute : body.attributes().values()) {
            if (!GROUP_ATTRIBUTES.containsKey(attribute.name())) {
                throw unsupported(attribute, "group");
            }
        }
        Body.Attribute targets = body.attributes().get("targets");
        if (targets == null) {
            throw new HclException(HclException.Kind.EVALUATION, instance.block.labelRanges().get(0),
                    "Missing required argument: the argument \"targets\" is required in group \"" + instance.name + "\"");
        }
        List<String> names = strings(targets, instance.attribute("targets", targets.range()));
        String description = "";
        Body.Attribute descriptionAttribute = body.attributes().get("description");
        if (descriptionAttribute != null) {
            Value value = instance.attribute("description", descriptionAttribute.range());
            description = value instanceof Value.Null ? "" : string(descriptionAttribute, value);
        }
        return new GroupDefinition(instance.name, description, names, blockSource(instance));
    }

    private TargetDefinition decodeTarget(Instance instance) throws HclException {
        Body body = instance.block.body();
        rejectBlocks(body);
        TargetDefinition.Builder b = TargetDefinition.builder(instance.name);
        b.source(blockSource(instance));
        for (Body.Attribute attribute : body.attributes().values()) {
            String name = attribute.name();
            if (name.equals("matrix") || name.equals("name")) {
                continue;
            }
            if (!TARGET_ATTRIBUTES.containsKey(name)) {
                throw unsupported(attribute, "target");
            }
            Value value = instance.attribute(name, attribute.range());
            if (value instanceof Value.Null) {
                continue;
            }
            AttributeSource origin = attributeSource(attribute);
            b.origin(name, origin);
            switch (name) {
                case "description" -> b.description(string(attribute, value));
                case "inherits" -> b.inherits(strings(attribute, value));
                case "annotations" -> b.annotations(strings(attribute, value));
                case "attest" -> b.attest(entries(attribute, value));
                case "context" -> b.context(string(attribute, value));
                case "contexts" -> {
                    Map<String, String> contexts = map(attribute, value);
                    b.contexts(contexts);
                    contexts.keySet().forEach(key -> b.contextOrigin(key, origin));
                }
                case "dockerfile" -> b.dockerfile(string(attribute, value));
                case "dockerfile-inline" -> b.dockerfileInline(string(attribute, value));
                case "args" -> b.args(map(attribute, value));
                case "labels" -> b.labels(map(attribute, value));
                case "tags" -> b.tags(strings(attribute, value));
                case "cache-from" -> b.cacheFrom(entries(attribute, value));
                case "cache-to" -> b.cacheTo(entries(attribute, value));
                case "target" -> b.target(string(attribute, value));
                case "secret" -> b.secrets(entries(attribute, value));
                case "ssh" -> b.ssh(entries(attribute, value));
                case "platforms" -> b.platforms(strings(attribute, value));
                case "output" -> b.outputs(entries(attribute, value));
                case "pull" -> b.pull(bool(attribute, value));
                case "no-cache" -> b.noCache(bool(attribute, value));
                case "network" -> b.network(string(attribute, value));
                case "no-cache-filter" -> b.noCacheFilter(strings(attribute, value));
                case "shm-size" -> b.shmSize(string(attribute, value));
                case "ulimits" -> b.ulimits(strings(attribute, value));
                case "call" -> b.call(string(attribute, value));
                case "entitlements" -> b.entitlements(strings(attribute, value));
                case "extra-hosts" -> b.extraHosts(map(attribute, value));
                default -> {
                    // resources and policy: accepted as buildx accepts them; they do not change where images come from.
                }
            }
        }
        return b.build();
    }

    private static void rejectBlocks(Body body) throws HclException {
        if (!body.blocks().isEmpty()) {
            Body.Block nested = body.blocks().get(0);
            throw new HclException(HclException.Kind.EVALUATION, nested.typeRange(), "Unsupported block type: blocks of type \""
                    + nested.type() + "\" are not expected here");
        }
    }

    private static HclException unsupported(Body.Attribute attribute, String type) {
        return new HclException(HclException.Kind.EVALUATION, attribute.nameRange(), "Unsupported argument: an argument named \""
                + attribute.name() + "\" is not expected in a " + type + " block");
    }

    private static HclException inappropriate(Body.Attribute attribute, String required, ValueException e) {
        return new HclException(HclException.Kind.EVALUATION, attribute.expr().range(), "Incorrect attribute value type: "
                + "inappropriate value for attribute \"" + attribute.name() + "\": " + required + " required (" + e.getMessage() + ")");
    }

    private static String string(Body.Attribute attribute, Value value) throws HclException {
        try {
            return Values.asString(value);
        } catch (ValueException e) {
            throw inappropriate(attribute, "string", e);
        }
    }

    private static boolean bool(Body.Attribute attribute, Value value) throws HclException {
        try {
            return Values.asBool(value);
        } catch (ValueException e) {
            throw inappropriate(attribute, "bool", e);
        }
    }

    private static List<String> strings(Body.Attribute attribute, Value value) throws HclException {
        try {
            return Values.asStringList(value);
        } catch (ValueException e) {
            throw inappropriate(attribute, "list of string", e);
        }
    }

    /** A map of strings; null values are left out, as bake skips them when it merges and builds. */
    private static Map<String, String> map(Body.Attribute attribute, Value value) throws HclException {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : Values.asObject(value).entrySet()) {
                if (!(e.getValue() instanceof Value.Null)) {
                    out.put(e.getKey(), Values.asString(e.getValue()));
                }
            }
            return out;
        } catch (ValueException e) {
            throw inappropriate(attribute, "map of string", e);
        }
    }

    /**
     * Entries of {@code output}, {@code cache-*}, {@code secret}, {@code ssh}, {@code attest}: strings as written
     * (empty ones skipped, as buildx does) or objects written as the CSV buildx would print ({@code type} first).
     */
    private static List<String> entries(Body.Attribute attribute, Value value) throws HclException {
        try {
            List<String> out = new ArrayList<>();
            for (Value item : Values.asList(value)) {
                if (item instanceof Value.Obj obj) {
                    out.add(csv(obj));
                } else if (item instanceof Value.Null) {
                    throw new ValueException("an entry must not be null");
                } else {
                    String text = Values.asString(item);
                    if (!text.isEmpty()) {
                        out.add(text);
                    }
                }
            }
            return out;
        } catch (ValueException e) {
            throw inappropriate(attribute, "list of string or object", e);
        }
    }

    private static String csv(Value.Obj obj) {
        List<String> fields = new ArrayList<>();
        Value type = obj.fields().get("type");
        if (type != null && !(type instanceof Value.Null)) {
            fields.add(CsvFields.quote("type=" + Values.asString(type)));
        }
        for (Map.Entry<String, Value> e : obj.fields().entrySet()) {
            if (!e.getKey().equals("type") && !(e.getValue() instanceof Value.Null)) {
                fields.add(CsvFields.quote(e.getKey() + "=" + Values.asString(e.getValue())));
            }
        }
        return String.join(",", fields);
    }

    private BlockSource blockSource(Instance instance) {
        Map<String, AttributeSource> attributes = new LinkedHashMap<>();
        for (Body.Attribute attribute : instance.block.body().attributes().values()) {
            attributes.put(attribute.name(), attributeSource(attribute));
        }
        return new BlockSource(instance.file.source().name(), instance.file.format(), instance.block.labels().get(0),
                instance.block.range(), instance.block.openBrace(), instance.block.closeBrace(), attributes);
    }

    private static AttributeSource attributeSource(Body.Attribute attribute) {
        Map<String, SourceRange> keys = new LinkedHashMap<>();
        objectKeys(attribute.expr(), keys);
        return new AttributeSource(attribute.name(), attribute.range(), attribute.nameRange(), attribute.expr().range(), keys);
    }

    /** Literal keys of the object constructors a value is (or chooses between), with where each is written. */
    private static void objectKeys(Expr expr, Map<String, SourceRange> keys) {
        if (expr instanceof Expr.ObjectCons object) {
            for (Expr.ObjectItem item : object.items()) {
                if (item.key() instanceof Expr.Literal lit && lit.value() instanceof Value.Str s) {
                    keys.putIfAbsent(s.value(), lit.range());
                }
            }
        } else if (expr instanceof Expr.Conditional conditional) {
            objectKeys(conditional.whenTrue(), keys);
            objectKeys(conditional.whenFalse(), keys);
        } else if (expr instanceof Expr.Parens parens) {
            objectKeys(parens.inner(), keys);
        }
    }

    private static String suggestion(String name, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(1, name.length() / 3) ? "; did you mean \"" + best + "\"?" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
