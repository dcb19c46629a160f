package dev.buildxlens.core.bake.hcl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The functions bake offers to its files (buildx {@code bake/hclparser/stdlib.go}: go-cty's stdlib plus buildx's own
 * {@code sanitize}, {@code homedir}, {@code indexof}, {@code basename}, {@code dirname}, {@code semvercmp},
 * {@code formattimestamp}, {@code unixtimestampparse}), with cty's semantics: {@code index} is element-at-key,
 * {@code replace} is a plain substring replacement, {@code reverse} reverses a string, {@code coalesce} takes the first
 * non-null argument (an empty string counts). {@code try}, {@code can} and {@code convert} take unevaluated arguments,
 * so the {@link Evaluator} handles them. The clock and home directory are given, so results are reproducible.
 */
public final class Stdlib {

    /** Functions of buildx's list that this library leaves out (cryptography and networking ones no bake file needs). */
    public static final Set<String> NOT_SUPPORTED = Set.of("bcrypt", "rsadecrypt", "cidrhost", "cidrnetmask", "cidrsubnet",
            "cidrsubnets", "byteslen", "bytesslice");

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Fn(int min, int max, Impl impl) {
    }

    @FunctionalInterface
    private interface Impl {
        Value call(List<Value> a);
    }

    private final Map<String, Fn> functions = new HashMap<>();
    private final Clock clock;
    private final String homeDir;
    private final Budget budget;

    public Stdlib(Clock clock, String homeDir, Budget budget) {
        this.clock = clock;
        this.homeDir = homeDir;
        this.budget = budget;
        register();
    }

    /** Every name this library defines, the special forms included. */
    public Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(functions.keySet());
        names.addAll(List.of("try", "can", "convert"));
        return names;
    }

    /** The function of that name, or null. */
    public HclFunction function(String name) {
        Fn fn = functions.get(name);
        if (fn == null) {
            return null;
        }
        return args -> {
            if (args.size() < fn.min()) {
                throw new ValueException("not enough function arguments: \"" + name + "\" takes " + (fn.max() == fn.min()
                        ? String.valueOf(fn.min()) : "at least " + fn.min()) + ", given " + args.size());
            }
            if (fn.max() >= 0 && args.size() > fn.max()) {
                throw new ValueException("too many function arguments: \"" + name + "\" takes " + (fn.max() == fn.min()
                        ? String.valueOf(fn.max()) : "at most " + fn.max()) + ", given " + args.size());
            }
            return fn.impl().call(args);
        };
    }

    private void def(String name, int min, int max, Impl impl) {
        functions.put(name, new Fn(min, max, impl));
    }

    private static String str(List<Value> a, int i) {
        return Values.asString(a.get(i));
    }

    private static BigDecimal num(List<Value> a, int i) {
        return Values.asNumber(a.get(i));
    }

    private void register() {
        // numbers
        def("absolute", 1, 1, a -> new Value.Num(num(a, 0).abs()));
        def("add", 2, 2, a -> new Value.Num(num(a, 0).add(num(a, 1))));
        def("subtract", 2, 2, a -> new Value.Num(num(a, 0).subtract(num(a, 1))));
        def("multiply", 2, 2, a -> new Value.Num(num(a, 0).multiply(num(a, 1))));
        def("divide", 2, 2, a -> {
            if (num(a, 1).signum() == 0) {
                throw new ValueException("can't divide by zero");
            }
            return new Value.Num(num(a, 0).divide(num(a, 1), MathContext.DECIMAL128));
        });
        def("modulo", 2, 2, a -> {
            if (num(a, 1).signum() == 0) {
                throw new ValueException("can't use modulo by zero");
            }
            return new Value.Num(num(a, 0).remainder(num(a, 1)));
        });
        def("negate", 1, 1, a -> new Value.Num(num(a, 0).negate()));
        def("signum", 1, 1, a -> Value.of(num(a, 0).signum()));
        def("ceil", 1, 1, a -> new Value.Num(num(a, 0).setScale(0, RoundingMode.CEILING)));
        def("floor", 1, 1, a -> new Value.Num(num(a, 0).setScale(0, RoundingMode.FLOOR)));
        def("int", 1, 1, a -> new Value.Num(num(a, 0).setScale(0, RoundingMode.DOWN)));
        def("log", 2, 2, a -> new Value.Num(BigDecimal.valueOf(Math.log(num(a, 0).doubleValue()) / Math.log(num(a, 1).doubleValue()))));
        def("pow", 2, 2, a -> {
            double result = Math.pow(num(a, 0).doubleValue(), num(a, 1).doubleValue());
            if (Double.isInfinite(result) || Double.isNaN(result)) {
                throw new ValueException("result is not a finite number");
            }
            return new Value.Num(new BigDecimal(result, MathContext.DECIMAL64).stripTrailingZeros());
        });
        def("max", 1, -1, a -> new Value.Num(a.stream().map(Values::asNumber).max(BigDecimal::compareTo).orElseThrow()));
        def("min", 1, -1, a -> new Value.Num(a.stream().map(Values::asNumber).min(BigDecimal::compareTo).orElseThrow()));
        def("parseint", 2, 2, a -> {
            int base = Values.asInt(a.get(1));
            if (base < 2 || base > 62) {
                throw new ValueException("base must be a whole number between 2 and 62 inclusive");
            }
            return new Value.Num(new BigDecimal(parseInt(str(a, 0), base)));
        });
        def("greaterthan", 2, 2, a -> Value.of(num(a, 0).compareTo(num(a, 1)) > 0));
        def("greaterthanorequalto", 2, 2, a -> Value.of(num(a, 0).compareTo(num(a, 1)) >= 0));
        def("lessthan", 2, 2, a -> Value.of(num(a, 0).compareTo(num(a, 1)) < 0));
        def("lessthanorequalto", 2, 2, a -> Value.of(num(a, 0).compareTo(num(a, 1)) <= 0));
        def("range", 1, 3, this::range);

        // bools and equality
        def("and", 2, 2, a -> Value.of(Values.asBool(a.get(0)) && Values.asBool(a.get(1))));
        def("or", 2, 2, a -> Value.of(Values.asBool(a.get(0)) || Values.asBool(a.get(1))));
        def("not", 1, 1, a -> Value.of(!Values.asBool(a.get(0))));
        def("equal", 2, 2, a -> Value.of(Values.equal(a.get(0), a.get(1))));
        def("notequal", 2, 2, a -> Value.of(!Values.equal(a.get(0), a.get(1))));

        // strings
        def("lower", 1, 1, a -> Value.of(str(a, 0).toLowerCase(Locale.ROOT)));
        def("upper", 1, 1, a -> Value.of(str(a, 0).toUpperCase(Locale.ROOT)));
        def("title", 1, 1, a -> Value.of(title(str(a, 0))));
        def("reverse", 1, 1, a -> Value.of(new StringBuilder(str(a, 0)).reverse().toString()));
        def("strlen", 1, 1, a -> Value.of(str(a, 0).codePointCount(0, str(a, 0).length())));
        def("substr", 3, 3, a -> Value.of(substr(str(a, 0), Values.asInt(a.get(1)), Values.asInt(a.get(2)))));
        def("join", 2, -1, a -> {
            StringBuilder out = new StringBuilder();
            String separator = str(a, 0);
            boolean first = true;
            for (Value list : a.subList(1, a.size())) {
                for (Value item : Values.asList(list)) {
                    if (item instanceof Value.Null) {
                        throw new ValueException("element of a joined list is null; cannot concatenate null values");
                    }
                    if (!first) {
                        out.append(separator);
                    }
                    out.append(Values.asString(item));
                    first = false;
                    limitString(out);
                }
            }
            return Value.of(out.toString());
        });
        def("split", 2, 2, a -> {
            String separator = str(a, 0);
            String text = str(a, 1);
            List<Value> parts = new ArrayList<>();
            if (separator.isEmpty()) {
                text.codePoints().forEach(cp -> parts.add(Value.of(new String(Character.toChars(cp)))));
            } else {
                int at = 0;
                while (true) {
                    int next = text.indexOf(separator, at);
                    if (next < 0) {
                        parts.add(Value.of(text.substring(at)));
                        break;
                    }
                    parts.add(Value.of(text.substring(at, next)));
                    at = next + separator.length();
                }
            }
            return Value.tuple(parts);
        });
        def("replace", 3, 3, a -> {
            String result = str(a, 1).isEmpty() ? insertEverywhere(str(a, 0), str(a, 2)) : str(a, 0).replace(str(a, 1), str(a, 2));
            return Value.of(limitString(result));
        });
        def("regex_replace", 3, 3, a -> Value.of(GoRegex.compile(str(a, 1), budget).replaceAll(str(a, 0), str(a, 2))));
        def("regex", 2, 2, a -> GoRegex.compile(str(a, 0), budget).first(str(a, 1)));
        def("regexall", 2, 2, a -> GoRegex.compile(str(a, 0), budget).all(str(a, 1)));
        def("trim", 2, 2, a -> Value.of(trim(str(a, 0), str(a, 1))));
        def("trimprefix", 2, 2, a -> Value.of(str(a, 0).startsWith(str(a, 1)) ? str(a, 0).substring(str(a, 1).length()) : str(a, 0)));
        def("trimsuffix", 2, 2, a -> Value.of(str(a, 0).endsWith(str(a, 1))
                ? str(a, 0).substring(0, str(a, 0).length() - str(a, 1).length()) : str(a, 0)));
        def("trimspace", 1, 1, a -> Value.of(str(a, 0).strip()));
        def("chomp", 1, 1, a -> Value.of(str(a, 0).replaceAll("(?:\\r\\n|\\r|\\n)+\\z", "")));
        def("indent", 2, 2, a -> {
            int spaces = Values.asInt(a.get(0));
            if (spaces < 0 || spaces > 10_000) {
                throw new ValueException("indent takes a number of spaces between 0 and 10000");
            }
            return Value.of(limitString(str(a, 1).replace("\n", "\n" + " ".repeat(spaces))));
        });
        def("format", 1, -1, a -> Value.of(GoFormat.format(str(a, 0), a.subList(1, a.size()))));
        def("formatlist", 1, -1, this::formatlist);
        def("sanitize", 1, 1, a -> {
            StringBuilder out = new StringBuilder();
            str(a, 0).codePoints().forEach(cp -> out.append(cp < 128 && (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-')
                    ? (char) cp : '_'));
            return Value.of(out.toString());
        });
        def("basename", 1, 1, a -> Value.of(basename(str(a, 0))));
        def("dirname", 1, 1, a -> Value.of(dirname(str(a, 0))));
        def("homedir", 0, 0, a -> Value.of(homeDir));
        def("semvercmp", 2, 2, a -> Value.of(Semver.check(str(a, 0), str(a, 1))));

        // encodings and hashes
        def("base64encode", 1, 1, a -> Value.of(Base64.getEncoder().encodeToString(str(a, 0).getBytes(StandardCharsets.UTF_8))));
        def("base64decode", 1, 1, a -> {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(str(a, 0));
            } catch (IllegalArgumentException e) {
                throw new ValueException("failed to decode base64 data: " + e.getMessage());
            }
            try {
                return Value.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                throw new ValueException("the result of decoding the provided string is not valid UTF-8");
            }
        });
        def("urlencode", 1, 1, a -> Value.of(queryEscape(str(a, 0))));
        def("md5", 1, 1, a -> Value.of(digest("MD5", str(a, 0))));
        def("sha1", 1, 1, a -> Value.of(digest("SHA-1", str(a, 0))));
        def("sha256", 1, 1, a -> Value.of(digest("SHA-256", str(a, 0))));
        def("sha512", 1, 1, a -> Value.of(digest("SHA-512", str(a, 0))));
        def("uuidv4", 0, 0, a -> Value.of(UUID.randomUUID().toString()));
        def("uuidv5", 2, 2, a -> Value.of(uuidv5(str(a, 0), str(a, 1))));
        def("jsonencode", 1, 1, a -> Value.of(Values.toJson(a.get(0)).toString()));
        def("jsondecode", 1, 1, a -> {
            try {
                return Values.fromJson(JSON.readTree(str(a, 0)));
            } catch (JsonProcessingException e) {
                throw new ValueException("invalid JSON: " + e.getOriginalMessage());
            }
        });
        def("csvdecode", 1, 1, a -> csvdecode(str(a, 0)));

        // collections
        def("length", 1, 1, a -> {
            Value v = a.get(0);
            if (v instanceof Value.Str s) {
                return Value.of(s.value().codePointCount(0, s.value().length()));
            }
            if (v instanceof Value.Seq seq) {
                return Value.of(seq.items().size());
            }
            if (v instanceof Value.Obj obj) {
                return Value.of(obj.fields().size());
            }
            throw new ValueException("argument must be a string, a collection type, or a structural type, not " + v.typeName());
        });
        def("concat", 1, -1, a -> {
            List<Value> out = new ArrayList<>();
            for (Value list : a) {
                out.addAll(Values.asList(list));
            }
            return Value.tuple(out);
        });
        def("contains", 2, 2, a -> Value.of(Values.contains(Values.asList(a.get(0)), a.get(1))));
        def("distinct", 1, 1, a -> Value.tuple(Values.distinct(Values.asList(a.get(0)))));
        def("compact", 1, 1, a -> {
            List<Value> out = new ArrayList<>();
            for (Value item : Values.asList(a.get(0))) {
                if (!(item instanceof Value.Null) && !Values.asString(item).isEmpty()) {
                    out.add(Value.of(Values.asString(item)));
                }
            }
            return Value.tuple(out);
        });
        def("coalesce", 1, -1, a -> {
            boolean anyString = a.stream().anyMatch(v -> v instanceof Value.Str);
            for (Value v : a) {
                if (!(v instanceof Value.Null)) {
                    return anyString && (v instanceof Value.Num || v instanceof Value.Bool) ? Value.of(Values.asString(v)) : v;
                }
            }
            throw new ValueException("no non-null arguments");
        });
        def("coalescelist", 1, -1, a -> {
            for (Value v : a) {
                if (!(v instanceof Value.Null) && !Values.asList(v).isEmpty()) {
                    return v;
                }
            }
            throw new ValueException("no non-null arguments");
        });
        def("element", 2, 2, a -> {
            List<Value> list = Values.asList(a.get(0));
            if (list.isEmpty()) {
                throw new ValueException("cannot use element function with an empty list");
            }
            int index = Math.floorMod(Values.asInt(a.get(1)), list.size());
            return list.get(index);
        });
        def("index", 2, 2, a -> Evaluator.index(a.get(0), a.get(1)));
        def("indexof", 2, 2, a -> {
            List<Value> list = Values.asList(a.get(0));
            if (list.isEmpty()) {
                throw new ValueException("cannot search an empty list");
            }
            for (int i = 0; i < list.size(); i++) {
                if (Values.equal(list.get(i), a.get(1))) {
                    return Value.of(i);
                }
            }
            throw new ValueException("item not found");
        });
        def("hasindex", 2, 2, a -> {
            try {
                Evaluator.index(a.get(0), a.get(1));
                return Value.TRUE;
            } catch (ValueException e) {
                return Value.FALSE;
            }
        });
        def("flatten", 1, 1, a -> {
            List<Value> out = new ArrayList<>();
            flatten(Values.asList(a.get(0)), out);
            return Value.tuple(out);
        });
        def("chunklist", 2, 2, a -> {
            List<Value> list = Values.asList(a.get(0));
            int size = Values.asInt(a.get(1));
            if (size < 0) {
                throw new ValueException("the size argument must be positive");
            }
            if (size == 0) {
                return Value.tuple(List.of(Value.tuple(list)));
            }
            List<Value> chunks = new ArrayList<>();
            for (int i = 0; i < list.size(); i += size) {
                chunks.add(Value.tuple(list.subList(i, Math.min(list.size(), i + size))));
            }
            return Value.tuple(chunks);
        });
        def("keys", 1, 1, a -> Value.tuple(Values.asObject(a.get(0)).keySet().stream().map(k -> (Value) Value.of(k)).toList()));
        def("values", 1, 1, a -> Value.tuple(new ArrayList<>(Values.asObject(a.get(0)).values())));
        def("lookup", 2, 3, a -> {
            Map<String, Value> map = Values.asObject(a.get(0));
            Value found = map.get(str(a, 1));
            if (found != null) {
                return found;
            }
            if (a.size() == 3) {
                return a.get(2);
            }
            throw new ValueException("the given key \"" + str(a, 1) + "\" is not in the map, and no default was given");
        });
        def("merge", 0, -1, a -> {
            Map<String, Value> out = new TreeMap<>();
            for (Value v : a) {
                if (!(v instanceof Value.Null)) {
                    out.putAll(Values.asObject(v));
                }
            }
            return new Value.Obj(new TreeMap<>(out));
        });
        def("zipmap", 2, 2, a -> {
            List<Value> keys = Values.asList(a.get(0));
            List<Value> values = Values.asList(a.get(1));
            if (keys.size() != values.size()) {
                throw new ValueException("number of keys (" + keys.size() + ") does not match number of values (" + values.size() + ")");
            }
            Map<String, Value> out = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(Values.asString(keys.get(i)), values.get(i));
            }
            return new Value.Obj(new TreeMap<>(out));
        });
        def("reverselist", 1, 1, a -> {
            List<Value> out = new ArrayList<>(Values.asList(a.get(0)));
            java.util.Collections.reverse(out);
            return Value.tuple(out);
        });
        def("slice", 3, 3, a -> {
            List<Value> list = Values.asList(a.get(0));
            int from = Values.asInt(a.get(1));
            int to = Values.asInt(a.get(2));
            if (from < 0) {
                throw new ValueException("the start index must not be less than zero");
            }
            if (to > list.size()) {
                throw new ValueException("the end index must not be greater than the length of the list");
            }
            if (from > to) {
                throw new ValueException("the start index must not be greater than the end index");
            }
            return Value.tuple(list.subList(from, to));
        });
        def("sort", 1, 1, a -> Value.tuple(Values.asList(a.get(0)).stream().map(Values::asString).sorted()
                .map(s -> (Value) Value.of(s)).toList()));
        def("setunion", 1, -1, a -> {
            List<Value> out = new ArrayList<>();
            a.forEach(v -> out.addAll(Values.asList(v)));
            return Values.set(out);
        });
        def("setintersection", 1, -1, a -> {
            List<Value> out = new ArrayList<>(Values.distinct(Values.asList(a.get(0))));
            for (Value other : a.subList(1, a.size())) {
                List<Value> items = Values.asList(other);
                out.removeIf(v -> !Values.contains(items, v));
            }
            return Values.set(out);
        });
        def("setsubtract", 2, 2, a -> {
            List<Value> out = new ArrayList<>(Values.distinct(Values.asList(a.get(0))));
            List<Value> remove = Values.asList(a.get(1));
            out.removeIf(v -> Values.contains(remove, v));
            return Values.set(out);
        });
        def("setsymmetricdifference", 1, -1, a -> {
            List<Value> out = new ArrayList<>();
            for (Value set : a) {
                for (Value v : Values.distinct(Values.asList(set))) {
                    if (Values.contains(out, v)) {
                        out.removeIf(x -> Values.equal(x, v));
                    } else {
                        out.add(v);
                    }
                }
            }
            return Values.set(out);
        });
        def("sethaselement", 2, 2, a -> Value.of(Values.contains(Values.asList(a.get(0)), a.get(1))));
        def("setproduct", 1, -1, a -> {
            List<List<Value>> product = new ArrayList<>();
            product.add(List.of());
            for (Value set : a) {
                List<List<Value>> next = new ArrayList<>();
                for (List<Value> prefix : product) {
                    for (Value v : Values.asList(set)) {
                        List<Value> row = new ArrayList<>(prefix);
                        row.add(v);
                        next.add(row);
                        if (next.size() > Budget.MAX_ITEMS) {
                            throw new ValueException("the product has more than " + Budget.MAX_ITEMS + " elements");
                        }
                    }
                }
                product = next;
            }
            return Value.tuple(product.stream().map(row -> (Value) Value.tuple(row)).toList());
        });

        // dates
        def("timestamp", 0, 0, a -> Value.of(DateTimes.rfc3339(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))));
        def("formatdate", 2, 2, a -> Value.of(DateTimes.format(str(a, 0), DateTimes.parseRfc3339(str(a, 1)))));
        def("formattimestamp", 2, 2, a -> {
            OffsetDateTime time = a.get(1) instanceof Value.Num n
                    ? Instant.ofEpochSecond(n.value().longValueExact()).atOffset(ZoneOffset.UTC)
                    : DateTimes.parseRfc3339(str(a, 1));
            return Value.of(str(a, 0).equals("X") ? String.valueOf(time.toEpochSecond()) : DateTimes.format(str(a, 0), time));
        });
        def("timeadd", 2, 2, a -> Value.of(DateTimes.rfc3339(DateTimes.parseRfc3339(str(a, 0)).plus(DateTimes.parseDuration(str(a, 1))))));
        def("unixtimestampparse", 1, 1, a -> {
            try {
                return DateTimes.unixParse(num(a, 0).longValueExact());
            } catch (ArithmeticException e) {
                throw new ValueException("unix timestamp must be an integer");
            }
        });
    }

    private Value range(List<Value> a) {
        BigDecimal start = BigDecimal.ZERO;
        BigDecimal limit;
        BigDecimal step = BigDecimal.ONE;
        if (a.size() == 1) {
            limit = Values.asNumber(a.get(0));
        } else {
            start = Values.asNumber(a.get(0));
            limit = Values.asNumber(a.get(1));
        }
        if (a.size() == 3) {
            step = Values.asNumber(a.get(2));
        } else if (limit.compareTo(start) < 0) {
            step = BigDecimal.ONE.negate();
        }
        if (step.signum() == 0) {
            throw new ValueException("step must not be zero");
        }
        if ((step.signum() > 0 && limit.compareTo(start) < 0) || (step.signum() < 0 && limit.compareTo(start) > 0)) {
            throw new ValueException("the step must move from start toward limit");
        }
        List<Value> out = new ArrayList<>();
        for (BigDecimal v = start; step.signum() > 0 ? v.compareTo(limit) < 0 : v.compareTo(limit) > 0; v = v.add(step)) {
            out.add(new Value.Num(v));
            if (out.size() > Budget.MAX_ITEMS) {
                throw new ValueException("more than " + Budget.MAX_ITEMS + " values would be produced");
            }
        }
        return Value.tuple(out);
    }

    private Value formatlist(List<Value> a) {
        String format = str(a, 0);
        List<Value> args = a.subList(1, a.size());
        int length = -1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Value.Seq seq) {
                if (length >= 0 && seq.items().size() != length) {
                    throw new ValueException("argument " + (i + 2) + " has length " + seq.items().size()
                            + ", which is inconsistent with an earlier list argument of length " + length);
                }
                length = seq.items().size();
            }
        }
        if (length < 0) {
            length = 1;
        }
        List<Value> out = new ArrayList<>();
        for (int n = 0; n < length; n++) {
            List<Value> row = new ArrayList<>();
            for (Value arg : args) {
                row.add(arg instanceof Value.Seq seq ? seq.items().get(n) : arg);
            }
            out.add(Value.of(GoFormat.format(format, row)));
        }
        return Value.tuple(out);
    }

    private static void flatten(List<Value> items, List<Value> out) {
        for (Value item : items) {
            if (item instanceof Value.Seq seq) {
                flatten(seq.items(), out);
            } else {
                out.add(item);
            }
            if (out.size() > Budget.MAX_ITEMS) {
                throw new ValueException("more than " + Budget.MAX_ITEMS + " elements");
            }
        }
    }

    private static String limitString(String text) {
        if (text.length() > Budget.MAX_STRING) {
            throw new ValueException("the result would be longer than " + Budget.MAX_STRING + " characters");
        }
        return text;
    }

    private static void limitString(StringBuilder text) {
        if (text.length() > Budget.MAX_STRING) {
            throw new ValueException("the result would be longer than " + Budget.MAX_STRING + " characters");
        }
    }

    /** Go's {@code strings.Replace} with an empty old string: the new one before every character and at the end. */
    private static String insertEverywhere(String text, String insert) {
        StringBuilder out = new StringBuilder(insert);
        text.codePoints().forEach(cp -> out.appendCodePoint(cp).append(insert));
        return out.toString();
    }

    private static String title(String text) {
        StringBuilder out = new StringBuilder();
        boolean boundary = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            out.appendCodePoint(boundary && Character.isLetter(cp) ? Character.toTitleCase(cp) : cp);
            boundary = !(Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK || cp == '_' || cp == '\'');
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String substr(String text, int offset, int length) {
        int count = text.codePointCount(0, text.length());
        if (offset < 0) {
            offset = Math.max(0, count + offset);
        }
        if (offset > count) {
            throw new ValueException("offset " + offset + " is greater than the length of the string");
        }
        int end = length < 0 ? count : Math.min(count, offset + length);
        return text.substring(text.offsetByCodePoints(0, offset), text.offsetByCodePoints(0, end));
    }

    private static String trim(String text, String cutset) {
        int start = 0;
        int end = text.length();
        while (start < end && cutset.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Go's {@code path.Base}. */
    static String basename(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            return "/";
        }
        int slash = p.lastIndexOf('/');
        return slash >= 0 ? p.substring(slash + 1) : p;
    }

    /** Go's {@code path.Dir}: everything before the last slash, cleaned. */
    static String dirname(String path) {
        int slash = path.lastIndexOf('/');
        return clean(slash >= 0 ? path.substring(0, slash + 1) : "");
    }

    /** Go's {@code path.Clean}. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                    parts.remove(parts.size() - 1);
                } else if (!rooted) {
                    parts.add("..");
                }
                continue;
            }
            parts.add(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    private static BigInteger parseInt(String text, int base) {
        String digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new ValueException("cannot parse \"" + text + "\" as a base " + base + " integer");
        }
        BigInteger out = BigInteger.ZERO;
        for (char c : s.toCharArray()) {
            int d = base <= 36 ? Character.digit(c, base) : digits.indexOf(c);
            if (d < 0 || d >= base) {
                throw new ValueException("cannot parse \"" + text + "\" as a base " + base + " integer");
            }
            out = out.multiply(BigInteger.valueOf(base)).add(BigInteger.valueOf(d));
        }
        return negative ? out.negate() : out;
    }

    /** Go's {@code url.QueryEscape}. */
    private static String queryEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static String digest(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    private static String uuidv5(String namespace, String name) {
        UUID ns = switch (namespace) {
            case "dns" -> UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
            case "url" -> UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
            case "oid" -> UUID.fromString("6ba7b812-9dad-11d1-80b4-00c04fd430c8");
            case "x500" -> UUID.fromString("6ba7b814-9dad-11d1-80b4-00c04fd430c8");
            default -> {
                try {
                    yield UUID.fromString(namespace);
                } catch (IllegalArgumentException e) {
                    throw new ValueException("uuidv5() doesn't support namespace \"" + namespace + "\"");
                }
            }
        };
        ByteBuffer input = ByteBuffer.allocate(16 + name.getBytes(StandardCharsets.UTF_8).length);
        input.putLong(ns.getMostSignificantBits()).putLong(ns.getLeastSignificantBits()).put(name.getBytes(StandardCharsets.UTF_8));
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-1").digest(input.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    private static Value csvdecode(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new ValueException("missing header line");
        }
        List<String> header = rows.get(0);
        List<Value> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            if (r.size() != header.size()) {
                throw new ValueException("wrong number of fields in a CSV row: " + r.size() + " instead of " + header.size());
            }
            Map<String, Value> fields = new TreeMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), Value.of(r.get(i)));
            }
            out.add(new Value.Obj(new TreeMap<>(fields)));
        }
        return Value.tuple(out);
    }
}
