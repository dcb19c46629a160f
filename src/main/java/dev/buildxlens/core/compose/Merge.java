package dev.buildxlens.core.compose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose's merge of one model onto another, used for several {@code -f} files, for {@code extends} and for a
 * service that an {@code include}d file also defines (compose-spec {@code 13-merge.md}; compose-go
 * {@code override/merge.go}): mappings merge key by key, sequences append, scalars are replaced, a null value keeps
 * what was there. The exceptions follow compose-go: {@code build: PATH} counts as {@code build: {context: PATH}};
 * {@code build.args}, {@code build.additional_contexts}, {@code environment} and the label-like keys are merged as
 * {@code KEY=VALUE} lists whatever syntax each side uses (duplicates are settled when the model is read);
 * {@code depends_on}, {@code networks} and {@code models} lists become mappings; {@code command},
 * {@code entrypoint} and {@code healthcheck.test} are replaced. An entry tagged {@code !reset} removes the key,
 * one tagged {@code !override} replaces it whole.
 */
final class Merge {

    private interface Rule {
        Tree.Node apply(Tree.Node base, Tree.Node over, List<String> path) throws ComposeException;
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();
    private static final java.util.Set<String> REPLACED = java.util.Set.of("services.*.command", "services.*.entrypoint",
            "services.*.healthcheck.test", "services.*.ulimits.*",
            // compose-go merges IPAM configs by subnet; nothing here reads them, so the later one is kept.
            "networks.*.ipam.config");

    static {
        for (String path : List.of("networks.*.labels", "volumes.*.labels", "services.*.annotations", "services.*.build.args",
                "services.*.build.additional_contexts", "services.*.build.labels", "services.*.deploy.labels",
                "services.*.dns", "services.*.dns_opt", "services.*.dns_search", "services.*.env_file",
                "services.*.label_file", "services.*.environment", "services.*.labels", "services.*.volumes.*.volume.labels",
                "services.*.sysctls", "services.*.tmpfs")) {
            RULES.put(path, Merge::toSequence);
        }
        RULES.put("services.*.build", Merge::build);
        RULES.put("services.*.build.extra_hosts", Merge::extraHosts);
        RULES.put("services.*.extra_hosts", Merge::extraHosts);
        REPLACED.forEach(path -> RULES.put(path, Merge::replace));
        RULES.put("services.*.depends_on", Merge::dependsOn);
        RULES.put("services.*.networks", Merge::namesToMapping);
        RULES.put("services.*.models", Merge::namesToMapping);
        RULES.put("services.*.logging", Merge::logging);
    }

    private Merge() {
    }

    /** {@code over} merged onto {@code base}; {@code path} is where they sit in the model ({@code services, web, build}). */
    static Tree.Node merge(Tree.Node base, Tree.Node over, List<String> path) throws ComposeException {
        for (Map.Entry<String, Rule> rule : RULES.entrySet()) {
            if (matches(rule.getKey(), path)) {
                if (isNull(over)) {
                    return REPLACED.contains(rule.getKey()) ? over : base;
                }
                return isNull(base) ? clean(over) : rule.getValue().apply(base, over, path);
            }
        }
        if (isNull(over)) {
            return base;
        }
        if (base instanceof Tree.Mapping mapping) {
            if (!(over instanceof Tree.Mapping other)) {
                throw cannotOverride(over, path);
            }
            return mappings(mapping, other, path);
        }
        if (base instanceof Tree.Sequence sequence) {
            if (!(over instanceof Tree.Sequence other)) {
                throw cannotOverride(over, path);
            }
            List<Tree.Node> items = new ArrayList<>(sequence.items());
            items.addAll(((Tree.Sequence) clean(other)).items());
            return new Tree.Sequence(items, other.place(), other.tag());
        }
        return clean(over);
    }

    /** Key by key; {@code !reset} removes a key, {@code !override} replaces it without merging. */
    static Tree.Mapping mappings(Tree.Mapping base, Tree.Mapping over, List<String> path) throws ComposeException {
        Map<String, Tree.Entry> result = new LinkedHashMap<>(base.entries());
        for (Tree.Entry entry : over.entries().values()) {
            Tree.Tag tag = entry.value().tag();
            if (tag == Tree.Tag.RESET) {
                result.remove(entry.key());
                continue;
            }
            Tree.Entry existing = result.get(entry.key());
            if (existing == null || tag == Tree.Tag.OVERRIDE) {
                result.put(entry.key(), entry.withValue(clean(entry.value())));
                continue;
            }
            List<String> next = new ArrayList<>(path);
            next.add(entry.key());
            List<Tree.Definition> definitions = new ArrayList<>(existing.definitions());
            definitions.addAll(entry.definitions());
            result.put(entry.key(), new Tree.Entry(entry.key(), merge(existing.value(), entry.value(), next), definitions));
        }
        return new Tree.Mapping(result, over.place(), over.tag());
    }

    /** The node without the entries and items tagged {@code !reset} (they only remove something from a base). */
    static Tree.Node clean(Tree.Node node) {
        if (node instanceof Tree.Mapping mapping) {
            Map<String, Tree.Entry> entries = new LinkedHashMap<>();
            for (Tree.Entry entry : mapping.entries().values()) {
                if (entry.value().tag() != Tree.Tag.RESET) {
                    entries.put(entry.key(), entry.withValue(clean(entry.value())));
                }
            }
            return new Tree.Mapping(entries, mapping.place(), mapping.tag());
        }
        if (node instanceof Tree.Sequence sequence) {
            List<Tree.Node> items = new ArrayList<>();
            for (Tree.Node item : sequence.items()) {
                if (item.tag() != Tree.Tag.RESET) {
                    items.add(clean(item));
                }
            }
            return new Tree.Sequence(items, sequence.place(), sequence.tag());
        }
        return node;
    }

    static boolean matches(String pattern, List<String> path) {
        String[] parts = pattern.split("\\.");
        if (parts.length != path.size()) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].equals("*") && !parts[i].equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNull(Tree.Node node) {
        return node instanceof Tree.Scalar scalar && scalar.isNull();
    }

    private static Tree.Node replace(Tree.Node base, Tree.Node over, List<String> path) {
        return clean(over);
    }

    /** {@code build: PATH} is {@code build: {context: PATH}} on either side. */
    private static Tree.Node build(Tree.Node base, Tree.Node over, List<String> path) throws ComposeException {
        return mappings(buildMapping(base, path), buildMapping(over, path), path);
    }

    static Tree.Mapping buildMapping(Tree.Node build, List<String> path) throws ComposeException {
        if (build instanceof Tree.Mapping mapping) {
            return mapping;
        }
        if (build instanceof Tree.Scalar scalar) {
            Tree.Definition definition = new Tree.Definition(scalar.place(), scalar.place(), false);
            Tree.Entry context = new Tree.Entry("context", new Tree.Scalar(scalar.text(), scalar.type(), scalar.place(), Tree.Tag.NONE),
                    List.of(definition));
            return new Tree.Mapping(Map.of("context", context), scalar.place(), scalar.tag());
        }
        throw new ComposeException(build.place().file(), build.place().line(), String.join(".", path)
                + " must be a string (the context) or a mapping");
    }

    /** Both sides as {@code KEY=VALUE} items, the base's first; a mapping's entries in key order, as compose-go sorts them. */
    private static Tree.Node toSequence(Tree.Node base, Tree.Node over, List<String> path) {
        List<Tree.Node> items = new ArrayList<>(sequenceItems(base));
        items.addAll(sequenceItems(over));
        return new Tree.Sequence(items, over.place(), Tree.Tag.NONE);
    }

    private static List<Tree.Node> sequenceItems(Tree.Node node) {
        if (node instanceof Tree.Sequence sequence) {
            return ((Tree.Sequence) clean(sequence)).items();
        }
        if (node instanceof Tree.Scalar scalar) {
            return List.of(scalar);
        }
        List<Tree.Node> items = new ArrayList<>();
        List<Tree.Entry> entries = new ArrayList<>(((Tree.Mapping) clean(node)).entries().values());
        for (Tree.Entry entry : entries) {
            Tree.Node value = entry.value();
            if (value instanceof Tree.Sequence values) {
                for (Tree.Node item : values.items()) {
                    items.add(Tree.Scalar.synthetic(entry.key() + "=" + text(item), item.place()));
                }
            } else if (value instanceof Tree.Scalar scalar && scalar.isNull()) {
                items.add(Tree.Scalar.synthetic(entry.key(), scalar.place()));
            } else {
                items.add(Tree.Scalar.synthetic(entry.key() + "=" + text(value), value.place()));
            }
        }
        items.sort(Comparator.comparing(item -> ((Tree.Scalar) item).text()));
        return items;
    }

    private static String text(Tree.Node node) {
        return node instanceof Tree.Scalar scalar && scalar.text() != null ? scalar.text() : "";
    }

    /** The base's items, then the override's that the base does not have. */
    private static Tree.Node extraHosts(Tree.Node base, Tree.Node over, List<String> path) {
        List<Tree.Node> items = new ArrayList<>(sequenceItems(base));
        List<String> seen = items.stream().map(Merge::text).toList();
        for (Tree.Node item : sequenceItems(over)) {
            if (!seen.contains(text(item))) {
                items.add(item);
            }
        }
        return new Tree.Sequence(items, over.place(), Tree.Tag.NONE);
    }

    /** Lists of service names become mappings with Compose's defaults, then merge key by key. */
    private static Tree.Node dependsOn(Tree.Node base, Tree.Node over, List<String> path) throws ComposeException {
        return mappings(dependencyMapping(base), dependencyMapping(over), path);
    }

    static Tree.Mapping dependencyMapping(Tree.Node node) throws ComposeException {
        if (node instanceof Tree.Mapping mapping) {
            return mapping;
        }
        Map<String, Tree.Entry> entries = new LinkedHashMap<>();
        for (Tree.Node item : itemsOf(node)) {
            String name = text(item);
            Tree.Place place = item.place();
            Map<String, Tree.Entry> defaults = new LinkedHashMap<>();
            defaults.put("condition", new Tree.Entry("condition", Tree.Scalar.synthetic("service_started", place), List.of()));
            defaults.put("required", new Tree.Entry("required", new Tree.Scalar("true", Tree.ScalarType.BOOL, place, Tree.Tag.NONE), List.of()));
            entries.put(name, new Tree.Entry(name, new Tree.Mapping(defaults, place, Tree.Tag.NONE),
                    List.of(new Tree.Definition(place, place, false))));
        }
        return new Tree.Mapping(entries, node.place(), node.tag());
    }

    private static Tree.Node namesToMapping(Tree.Node base, Tree.Node over, List<String> path) throws ComposeException {
        return mappings(namesMapping(base), namesMapping(over), path);
    }

    private static Tree.Mapping namesMapping(Tree.Node node) throws ComposeException {
        if (node instanceof Tree.Mapping mapping) {
            return mapping;
        }
        Map<String, Tree.Entry> entries = new LinkedHashMap<>();
        for (Tree.Node item : itemsOf(node)) {
            Tree.Scalar none = new Tree.Scalar(null, Tree.ScalarType.NULL, item.place(), Tree.Tag.NONE);
            entries.put(text(item), new Tree.Entry(text(item), none, List.of(new Tree.Definition(item.place(), item.place(), false))));
        }
        return new Tree.Mapping(entries, node.place(), node.tag());
    }

    private static List<Tree.Node> itemsOf(Tree.Node node) throws ComposeException {
        if (node instanceof Tree.Sequence sequence) {
            return ((Tree.Sequence) clean(sequence)).items();
        }
        throw new ComposeException(node.place().file(), node.place().line(), "expected a list or a mapping");
    }

    /** Options merge when both sides use the same driver (or one names none); a new driver replaces the whole. */
    private static Tree.Node logging(Tree.Node base, Tree.Node over, List<String> path) throws ComposeException {
        if (base instanceof Tree.Mapping left && over instanceof Tree.Mapping right) {
            Tree.Node leftDriver = left.get("driver");
            Tree.Node rightDriver = right.get("driver");
            if (leftDriver == null || rightDriver == null || text(leftDriver).equals(text(rightDriver))) {
                return mappings(left, right, path);
            }
        }
        return clean(over);
    }

    private static ComposeException cannotOverride(Tree.Node over, List<String> path) {
        return new ComposeException(over.place().file(), over.place().line(), "cannot override " + String.join(".", path)
                + ": one file writes a mapping or a list where another writes something else");
    }
}
