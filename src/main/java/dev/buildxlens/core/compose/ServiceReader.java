package dev.buildxlens.core.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the services out of the merged model into records, the way compose-go decodes and normalises them: both
 * syntaxes of {@code args}, {@code additional_contexts} and {@code depends_on}; a {@code KEY} without value taken
 * from the environment or left out; later duplicates of an arg, a context, a tag or a profile replacing earlier
 * ones in place; {@code build.context} defaulting to the project directory and {@code dockerfile} to
 * {@code Dockerfile}; {@code pull_policy: if_not_present} read as {@code missing}.
 */
final class ServiceReader {

    private final Map<String, String> environment;
    private final String projectName;

    ServiceReader(Map<String, String> environment, String projectName) {
        this.environment = environment;
        this.projectName = projectName;
    }

    ComposeService read(Tree.Entry entry) throws ComposeException {
        String name = entry.key();
        if (!(entry.value() instanceof Tree.Mapping service)) {
            throw error(entry.value(), "service \"" + name + "\" must be a mapping");
        }
        String path = "services." + name;
        String image = text(service.get("image"), path + ".image");
        Optional<BuildSection> build = Optional.empty();
        Tree.Mapping buildMapping = null;
        if (service.get("build") != null && !isNull(service.get("build"))) {
            buildMapping = Merge.buildMapping(service.get("build"), List.of("services", name, "build"));
            build = Optional.of(build(buildMapping, path + ".build"));
        }
        String pullPolicy = text(service.get("pull_policy"), path + ".pull_policy");
        if (pullPolicy.equals("if_not_present")) {
            pullPolicy = "missing";
        }
        List<String> profiles = distinct(strings(service.get("profiles"), path + ".profiles"));
        return new ComposeService(name, image, image.isEmpty() ? projectName + "-" + name : image, build,
                dependencies(service.get("depends_on"), path + ".depends_on"), pullPolicy, profiles,
                positions(entry, service, buildMapping));
    }

    private BuildSection build(Tree.Mapping build, String path) throws ComposeException {
        String context = text(build.get("context"), path + ".context");
        String dockerfile = text(build.get("dockerfile"), path + ".dockerfile");
        String inline = text(build.get("dockerfile_inline"), path + ".dockerfile_inline");
        if (!dockerfile.isEmpty() && !inline.isEmpty()) {
            throw error(build, path + " sets both dockerfile and dockerfile_inline, which Compose refuses");
        }
        return new BuildSection(context.isEmpty() ? "." : context, dockerfile.isEmpty() && inline.isEmpty() ? "Dockerfile" : dockerfile,
                inline, args(build.get("args"), path + ".args"), text(build.get("target"), path + ".target"),
                strings(build.get("platforms"), path + ".platforms"), distinct(strings(build.get("tags"), path + ".tags")),
                additionalContexts(build.get("additional_contexts"), path + ".additional_contexts"),
                strings(build.get("cache_from"), path + ".cache_from"), strings(build.get("cache_to"), path + ".cache_to"),
                bool(build.get("pull"), path + ".pull"), bool(build.get("no_cache"), path + ".no_cache"),
                text(build.get("network"), path + ".network"));
    }

    /** Build args in written order; a key without a value takes the environment's value or is left out. */
    private Map<String, String> args(Tree.Node node, String path) throws ComposeException {
        Map<String, String> raw = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return raw;
        }
        if (node instanceof Tree.Mapping mapping) {
            for (Tree.Entry entry : mapping.entries().values()) {
                raw.put(entry.key(), isNull(entry.value()) ? null : text(entry.value(), path + "." + entry.key()));
            }
        } else if (node instanceof Tree.Sequence sequence) {
            for (Tree.Node item : sequence.items()) {
                String text = text(item, path);
                int equals = text.indexOf('=');
                String key = equals < 0 ? text : text.substring(0, equals);
                if (!key.isEmpty() && Character.isWhitespace(key.charAt(key.length() - 1))) {
                    throw error(item, path + ": build arg " + key + " is declared with a trailing space");
                }
                raw.put(key, equals < 0 ? null : text.substring(equals + 1));
            }
        } else {
            throw error(node, path + " must be a mapping or a list");
        }
        Map<String, String> args = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String resolved = value != null ? value : environment.get(key);
            if (resolved != null) {
                args.put(key, resolved);
            }
        });
        return args;
    }

    /** {@code name: value} or {@code - name=value}; a list entry without {@code =} is an error, as in Compose. */
    private Map<String, String> additionalContexts(Tree.Node node, String path) throws ComposeException {
        Map<String, String> contexts = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return contexts;
        }
        if (node instanceof Tree.Mapping mapping) {
            for (Tree.Entry entry : mapping.entries().values()) {
                contexts.put(entry.key(), isNull(entry.value()) ? "" : text(entry.value(), path + "." + entry.key()));
            }
        } else if (node instanceof Tree.Sequence sequence) {
            for (Tree.Node item : sequence.items()) {
                String text = text(item, path);
                int equals = text.indexOf('=');
                if (equals < 0) {
                    throw error(item, path + ": invalid value " + text + ", expected key=value");
                }
                contexts.put(text.substring(0, equals), text.substring(equals + 1));
            }
        } else {
            throw error(node, path + " must be a mapping or a list");
        }
        return contexts;
    }

    private List<Dependency> dependencies(Tree.Node node, String path) throws ComposeException {
        List<Dependency> dependencies = new ArrayList<>();
        if (node == null || isNull(node)) {
            return dependencies;
        }
        if (node instanceof Tree.Sequence sequence) {
            for (String name : distinct(strings(sequence, path))) {
                dependencies.add(new Dependency(name, "service_started", true, false));
            }
            return dependencies;
        }
        if (!(node instanceof Tree.Mapping mapping)) {
            throw error(node, path + " must be a list or a mapping");
        }
        for (Tree.Entry entry : mapping.entries().values()) {
            String entryPath = path + "." + entry.key();
            if (!(entry.value() instanceof Tree.Mapping dependency)) {
                throw error(entry.value(), entryPath + ": unsupported value, expected a mapping (condition, required, restart)");
            }
            String condition = text(dependency.get("condition"), entryPath + ".condition");
            boolean required = dependency.get("required") == null || isNull(dependency.get("required"))
                    || bool(dependency.get("required"), entryPath + ".required");
            dependencies.add(new Dependency(entry.key(), condition.isEmpty() ? "service_started" : condition, required,
                    bool(dependency.get("restart"), entryPath + ".restart")));
        }
        return dependencies;
    }

    private static ServicePositions positions(Tree.Entry service, Tree.Mapping mapping, Tree.Mapping build) {
        return new ServicePositions(positions(service), positions(mapping.entry("image")), positions(mapping.entry("build")),
                build == null ? List.of() : positions(build.entry("context")),
                build == null ? List.of() : positions(build.entry("dockerfile")),
                build == null ? List.of() : positions(build.entry("args")),
                build == null ? List.of() : positions(build.entry("target")),
                build == null ? List.of() : positions(build.entry("platforms")),
                build == null ? List.of() : positions(build.entry("tags")),
                build == null ? List.of() : positions(build.entry("additional_contexts")),
                build == null ? List.of() : positions(build.entry("pull")),
                positions(mapping.entry("pull_policy")), positions(mapping.entry("depends_on")),
                positions(mapping.entry("profiles")));
    }

    private static List<KeyPosition> positions(Tree.Entry entry) {
        return entry == null ? List.of() : entry.definitions().stream().map(Tree.Definition::position).toList();
    }

    // ---- values ------------------------------------------------------------------------------------------------

    /** A scalar as Compose reads it into a string field; empty when absent or null. */
    private static String text(Tree.Node node, String path) throws ComposeException {
        if (node == null || isNull(node)) {
            return "";
        }
        if (node instanceof Tree.Scalar scalar) {
            return scalar.text();
        }
        throw error(node, path + " must be a string");
    }

    /** A string or a list of strings (compose-go's StringList). */
    private static List<String> strings(Tree.Node node, String path) throws ComposeException {
        List<String> values = new ArrayList<>();
        if (node == null || isNull(node)) {
            return values;
        }
        if (node instanceof Tree.Scalar scalar) {
            values.add(scalar.text());
            return values;
        }
        if (node instanceof Tree.Sequence sequence) {
            for (Tree.Node item : sequence.items()) {
                if (!(item instanceof Tree.Scalar scalar) || scalar.isNull()) {
                    throw error(item, path + " must be a list of strings");
                }
                values.add(scalar.text());
            }
            return values;
        }
        throw error(node, path + " must be a string or a list of strings");
    }

    /** YAML's true/false, or a string Compose casts ({@code true}, {@code yes}, {@code on}, … in any case). */
    private static boolean bool(Tree.Node node, String path) throws ComposeException {
        if (node == null || isNull(node)) {
            return false;
        }
        if (node instanceof Tree.Scalar scalar) {
            switch (scalar.text().toLowerCase(Locale.ROOT)) {
                case "true", "y", "yes", "on":
                    return true;
                case "false", "n", "no", "off":
                    return false;
                default:
                    break;
            }
        }
        throw error(node, path + ": invalid boolean " + (node instanceof Tree.Scalar scalar ? scalar.text() : "value"));
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private static boolean isNull(Tree.Node node) {
        return node instanceof Tree.Scalar scalar && scalar.isNull();
    }

    private static ComposeException error(Tree.Node node, String message) {
        Path file = node.place().file();
        return new ComposeException(file, node.place().line(), message);
    }
}
