package dev.buildxlens.core.bake;

import dev.buildxlens.core.build.CsvFields;
import dev.buildxlens.core.build.ExportSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code --set} values read and applied as buildx does ({@code newOverrides}, {@code Target.AddOverrides}):
 * {@code PATTERN.KEY=VALUE} where the pattern is a target name or a glob over target names ({@code *.platform=...});
 * list keys ({@code tags}, {@code platform}, {@code output}, {@code cache-from}, {@code cache-to}, {@code secrets},
 * {@code ssh}, {@code attest}, {@code entitlements}, {@code annotations}) collect every value given and take
 * {@code +=} to append; {@code args.NAME} without a value reads the environment; {@code push} and {@code load} edit the
 * outputs. An override applies when its target is resolved, so one on an inherited target reaches its children.
 */
final class Overrides {

    private static final Set<String> LIST_KEYS = Set.of("output", "cache-to", "cache-from", "tags", "platform", "secrets",
            "ssh", "attest", "entitlements", "network", "annotations", "policy");

    /** The values given for one key of one target. */
    static final class Override {
        String value = "";
        final List<String> values = new ArrayList<>();
        boolean append;
    }

    private final Map<String, Map<String, Override>> byTarget;

    private Overrides(Map<String, Map<String, Override>> byTarget) {
        this.byTarget = byTarget;
    }

    static Overrides none() {
        return new Overrides(Map.of());
    }

    Map<String, Override> forTarget(String name) {
        return byTarget.getOrDefault(name, Map.of());
    }

    static Overrides parse(List<String> sets, BakeConfig config, BakeOptions options) throws BakeException {
        Map<String, Map<String, Override>> byTarget = new LinkedHashMap<>();
        for (String set : sets) {
            int equals = set.indexOf('=');
            String keyPart = equals < 0 ? set : set.substring(0, equals);
            boolean hasValue = equals >= 0;
            String value = hasValue ? set.substring(equals + 1) : "";
            boolean append = keyPart.endsWith("+");
            String key = append ? keyPart.substring(0, keyPart.length() - 1) : keyPart;
            String[] keys = key.split("\\.", 3);
            if (keys.length < 2) {
                throw invalid("invalid override key " + key + ", expected target.name");
            }
            if (!hasValue && !keys[1].equals("args")) {
                throw invalid("invalid override " + set + ", expected target.name=value");
            }
            List<String> names = expandTargets(keys[0], config);
            String okey = String.join(".", List.of(keys).subList(1, keys.length));
            for (String name : names) {
                Override override = byTarget.computeIfAbsent(name, k -> new LinkedHashMap<>())
                        .computeIfAbsent(okey, k -> new Override());
                if (LIST_KEYS.contains(keys[1])) {
                    if (hasValue) {
                        override.append = append;
                        override.values.add(value);
                    }
                    continue;
                }
                switch (keys[1]) {
                    case "resources", "secret" -> {
                        if (keys.length != 3) {
                            throw invalid("invalid key " + keyPart + ", " + keys[1] + " requires name");
                        }
                        if (append) {
                            throw invalid("invalid key " + keyPart + ", " + keys[1] + " does not support append");
                        }
                        override.value = value;
                    }
                    case "args" -> {
                        if (keys.length != 3) {
                            throw invalid("invalid key " + keyPart + ", args requires name");
                        }
                        if (!hasValue) {
                            String fromEnvironment = options.environmentLookupAllowed() ? options.environment().get(keys[2]) : null;
                            if (fromEnvironment == null) {
                                byTarget.get(name).remove(okey);
                                continue;
                            }
                            override.value = fromEnvironment;
                        } else {
                            override.value = value;
                        }
                    }
                    case "contexts" -> {
                        if (keys.length != 3) {
                            throw invalid("invalid key " + keyPart + ", contexts requires name");
                        }
                        override.value = value;
                    }
                    default -> override.value = value;
                }
            }
        }
        return new Overrides(byTarget);
    }

    private static BakeException invalid(String message) {
        return new BakeException(BakeException.Kind.OVERRIDE, null, message);
    }

    /** buildx {@code expandTargets}: a target of that name, or the targets a glob matches. */
    private static List<String> expandTargets(String pattern, BakeConfig config) throws BakeException {
        for (TargetDefinition target : config.targets()) {
            if (target.name().equals(pattern)) {
                return List.of(pattern);
            }
        }
        Pattern glob = glob(pattern);
        List<String> names = new ArrayList<>();
        for (TargetDefinition target : config.targets()) {
            if (glob.matcher(target.name()).matches()) {
                names.add(target.name());
            }
        }
        if (names.isEmpty()) {
            throw new BakeException(BakeException.Kind.OVERRIDE, null, "could not find any target matching '" + pattern + "'");
        }
        return names;
    }

    /** Go's {@code path.Match} patterns: {@code *}, {@code ?}, {@code [...]} classes and backslash escapes. */
    static Pattern glob(String pattern) throws BakeException {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '\\' -> {
                    if (++i >= pattern.length()) {
                        throw new BakeException(BakeException.Kind.OVERRIDE, null, "could not match targets with '" + pattern
                                + "': syntax error in pattern");
                    }
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                case '[' -> {
                    int close = pattern.indexOf(']', i + 1);
                    if (close < 0) {
                        throw new BakeException(BakeException.Kind.OVERRIDE, null, "could not match targets with '" + pattern
                                + "': syntax error in pattern");
                    }
                    String body = pattern.substring(i + 1, close);
                    regex.append('[').append(body.startsWith("^") ? "^" + body.substring(1).replace("[", "\\[")
                            : body.replace("[", "\\[")).append(']');
                    i = close;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(regex.toString());
        } catch (PatternSyntaxException e) {
            throw new BakeException(BakeException.Kind.OVERRIDE, null, "could not match targets with '" + pattern
                    + "': syntax error in pattern");
        }
    }

    /** buildx {@code AddOverrides}; returns the attributes it changed. */
    static Set<String> apply(TargetDefinition.Builder b, Map<String, Override> overrides) throws BakeException {
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, Override> entry : overrides.entrySet()) {
            String[] keys = entry.getKey().split("\\.", 2);
            Override o = entry.getValue();
            String value = o.value;
            switch (keys[0]) {
                case "context" -> b.context(value);
                case "dockerfile" -> b.dockerfile(value);
                case "args" -> {
                    requireName(keys, "args");
                    b.argsMap().put(keys[1], value);
                }
                case "contexts" -> {
                    requireName(keys, "contexts");
                    b.contextsMap().put(keys[1], value);
                    b.forgetContextOrigin(keys[1]);
                }
                case "labels" -> {
                    requireName(keys, "labels");
                    b.labelsMap().put(keys[1], value);
                }
                case "extra-hosts" -> {
                    requireName(keys, "extra-hosts");
                    b.extraHostsMap().put(keys[1], value);
                }
                case "tags" -> b.tags(combine(b.tagsList(), o, false));
                case "cache-from" -> b.cacheFrom(combine(b.cacheFromList(), o, true));
                case "cache-to" -> b.cacheTo(combine(b.cacheToList(), o, true));
                case "target" -> b.target(value);
                case "call" -> b.call(value);
                case "secrets" -> b.secrets(combine(b.secretsList(), o, true));
                case "secret" -> b.secrets(updateSecret(b.secretsList(), keys.length == 2 ? keys[1] : "", value));
                case "ssh" -> b.ssh(combine(b.sshList(), o, true));
                case "platform" -> b.platforms(combine(b.platformsList(), o, false));
                case "output" -> b.outputs(combine(b.outputsList(), o, true));
                case "entitlements" -> b.entitlements(concat(b.entitlementsList(), o.values));
                case "annotations" -> b.annotations(concat(b.annotationsList(), o.values));
                case "attest" -> b.attest(combine(b.attestList(), withAppend(o), true));
                case "no-cache" -> b.noCache(parseBool(value, "no-cache"));
                case "no-cache-filter" -> b.noCacheFilter(combine(b.noCacheFilterList(), o, false));
                case "shm-size" -> b.shmSize(value);
                case "ulimits" -> b.ulimits(combine(b.ulimitsList(), o, false));
                // buildx collects network like the list keys but then reads its single value, which stays empty.
                case "network" -> b.network(value);
                case "pull" -> b.pull(parseBool(value, "pull"));
                case "push" -> b.outputs(push(b.outputsList(), parseBool(value, "push")));
                case "load" -> b.outputs(load(b.outputsList(), parseBool(value, "load")));
                case "resources", "policy" -> {
                    // Accepted as buildx accepts them; they do not change where images come from or go.
                }
                default -> throw new BakeException(BakeException.Kind.OVERRIDE, null, "unknown key: " + keys[0]);
            }
            String attribute = switch (keys[0]) {
                case "platform" -> "platforms";
                case "push", "load" -> "output";
                case "secrets" -> "secret";
                default -> keys[0];
            };
            changed.add(attribute);
            if (!attribute.equals("contexts")) {
                b.forgetOrigin(attribute);
            }
        }
        return changed;
    }

    private static Override withAppend(Override o) {
        Override merged = new Override();
        merged.values.addAll(o.values);
        merged.append = true;
        return merged;
    }

    private static void requireName(String[] keys, String key) throws BakeException {
        if (keys.length != 2) {
            throw new BakeException(BakeException.Kind.OVERRIDE, null, "invalid format for " + key + ", expecting " + key + ".<name>=<value>");
        }
    }

    private static List<String> combine(List<String> current, Override o, boolean distinct) {
        List<String> out = o.append && current != null ? new ArrayList<>(current) : new ArrayList<>();
        for (String value : o.values) {
            if (distinct && value.isEmpty()) {
                continue;
            }
            if (!distinct || !out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }

    private static List<String> concat(List<String> current, List<String> more) {
        List<String> out = current == null ? new ArrayList<>() : new ArrayList<>(current);
        out.addAll(more);
        return out;
    }

    /** Go's {@code strconv.ParseBool}. */
    private static boolean parseBool(String value, String key) throws BakeException {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new BakeException(BakeException.Kind.OVERRIDE, null, "invalid value " + value + " for boolean key " + key);
        };
    }

    /** buildx {@code updateSecret}: a secret must be declared before {@code secret.ID=...} can change its source. */
    private static List<String> updateSecret(List<String> secrets, String id, String value) throws BakeException {
        if (id.isEmpty()) {
            throw new BakeException(BakeException.Kind.OVERRIDE, null, "invalid format for secret, expecting secret.<id>=<value>");
        }
        List<String> out = secrets == null ? new ArrayList<>() : new ArrayList<>(secrets);
        for (int i = 0; i < out.size(); i++) {
            if (CsvFields.split(out.get(i), ',').contains("id=" + id)) {
                out.set(i, value.contains("id=") ? value : "id=" + id + "," + value);
                return out;
            }
        }
        throw new BakeException(BakeException.Kind.OVERRIDE, null, "secret \"" + id + "\" must be declared before it can be overridden");
    }

    /** buildx {@code setPushOverride}. */
    static List<String> push(List<String> outputs, boolean push) {
        List<String> out = outputs == null ? new ArrayList<>() : new ArrayList<>(outputs);
        if (!push) {
            out.removeIf(o -> ExportSpec.parse(o).type().equals(ExportSpec.REGISTRY));
            out.replaceAll(o -> ExportSpec.parse(o).type().equals(ExportSpec.IMAGE) ? withAttribute(o, "push", "false") : o);
            return out;
        }
        boolean addImage = true;
        for (int i = 0; i < out.size(); i++) {
            String type = ExportSpec.parse(out.get(i)).type();
            if (!type.equals(ExportSpec.DOCKER)) {
                addImage = false;
            }
            if (type.equals(ExportSpec.IMAGE)) {
                out.set(i, withAttribute(out.get(i), "push", "true"));
            }
        }
        if (addImage) {
            out.add("type=image,push=true");
        }
        return out;
    }

    /** buildx {@code setLoadOverride}. */
    static List<String> load(List<String> outputs, boolean load) {
        List<String> out = outputs == null ? new ArrayList<>() : new ArrayList<>(outputs);
        if (!load) {
            return out;
        }
        for (String output : out) {
            ExportSpec spec = ExportSpec.parse(output);
            switch (spec.type()) {
                case ExportSpec.DOCKER -> {
                    if (spec.dest().isEmpty()) {
                        return out;
                    }
                }
                case ExportSpec.IMAGE, ExportSpec.REGISTRY, ExportSpec.OCI -> {
                    // These do not load; a docker export is added.
                }
                default -> {
                    return out;
                }
            }
        }
        out.add("type=docker");
        return out;
    }

    private static String withAttribute(String output, String key, String value) {
        List<String> fields = new ArrayList<>();
        boolean replaced = false;
        for (String field : CsvFields.split(output, ',')) {
            if (field.startsWith(key + "=")) {
                fields.add(key + "=" + value);
                replaced = true;
            } else {
                fields.add(CsvFields.quote(field));
            }
        }
        if (!replaced) {
            fields.add(key + "=" + value);
        }
        return String.join(",", fields);
    }
}
