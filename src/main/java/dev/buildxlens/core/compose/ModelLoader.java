package dev.buildxlens.core.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles the merged model from the files, as compose-go's loader does for each file in turn: read and
 * interpolate it, rebase its paths, import what it {@code include}s, resolve each service's {@code extends}, then
 * merge it onto the files before it.
 */
final class ModelLoader {

    /** A file being read: its relative paths start from {@code baseDir}; it is interpolated with {@code environment}. */
    private record Scope(Path file, Path baseDir, Map<String, String> environment) {
    }

    /** The services of one file while their {@code extends} are resolved (resolved ones replace their entries). */
    private record Services(Scope scope, Map<String, Tree.Entry> entries) {
    }

    private final Path projectDirectory;
    private final String home;
    private final List<ComposeWarning> warnings = new ArrayList<>();
    private final Set<Path> sources = new LinkedHashSet<>();
    /** Files read for {@code extends.file}, by path and environment: one file is often extended by every service. */
    private final Map<Scope, Tree.Mapping> extendedFiles = new java.util.HashMap<>();

    ModelLoader(Path projectDirectory, String home) {
        this.projectDirectory = projectDirectory;
        this.home = home;
    }

    List<ComposeWarning> warnings() {
        return warnings;
    }

    Set<Path> sources() {
        return sources;
    }

    /** The model of {@code files} merged in order; {@code includeChain} lists the files that include them. */
    Tree.Mapping load(List<Path> files, Path baseDir, Map<String, String> environment, List<Path> includeChain)
            throws ComposeException {
        Tree.Mapping model = null;
        for (Path file : files) {
            Scope scope = new Scope(file, baseDir, environment);
            List<Path> chain = new ArrayList<>(includeChain);
            chain.add(file);
            for (Tree.Mapping document : documents(scope)) {
                Tree.Mapping config = include(rebase(document, scope), scope, chain);
                config = resolveExtends(config, scope);
                model = Merge.mappings(model == null ? Tree.Mapping.empty(config.place()) : model, config, List.of());
            }
        }
        return model;
    }

    /** The file's documents, each a mapping (an empty document adds nothing). */
    private List<Tree.Mapping> documents(Scope scope) throws ComposeException {
        String text = ComposeYaml.readText(scope.file());
        sources.add(scope.file());
        List<Tree.Mapping> documents = new ArrayList<>();
        for (Tree.Node document : ComposeYaml.documents(text, scope.file(), interpolator(scope.environment()))) {
            if (document instanceof Tree.Mapping mapping) {
                documents.add(mapping);
            } else if (!(document instanceof Tree.Scalar scalar && scalar.isNull())) {
                throw new ComposeException(scope.file(), document.place().line(), "the top level must be a mapping");
            }
        }
        return documents;
    }

    private ComposeYaml.Interpolator interpolator(Map<String, String> environment) {
        return (value, path, place) -> {
            try {
                return Interpolation.substitute(value, environment::get, name -> {
                    ComposeWarning warning = new ComposeWarning(ComposeWarning.Kind.UNSET_VARIABLE, place.start(), name,
                            "The \"" + name + "\" variable is not set. Defaulting to a blank string.");
                    if (!warnings.contains(warning)) {
                        warnings.add(warning);
                    }
                });
            } catch (Interpolation.InterpolationException e) {
                throw new ComposeException(place.file(), place.line(), path + ": " + e.getMessage());
            }
        };
    }

    // ---- paths -------------------------------------------------------------------------------------------------

    /** Build contexts and local additional contexts made relative to the project directory. */
    private Tree.Mapping rebase(Tree.Mapping config, Scope scope) {
        if (!(config.get("services") instanceof Tree.Mapping services)) {
            return config;
        }
        Map<String, Tree.Entry> rebased = new LinkedHashMap<>();
        for (Tree.Entry service : services.entries().values()) {
            Tree.Node value = service.value();
            if (value instanceof Tree.Mapping mapping && mapping.entry("build") != null) {
                Tree.Entry build = mapping.entry("build");
                value = mapping.with(build.withValue(rebaseBuild(build.value(), scope)));
            }
            rebased.put(service.key(), service.withValue(value));
        }
        return config.with(config.entry("services").withValue(new Tree.Mapping(rebased, services.place(), services.tag())));
    }

    private Tree.Node rebaseBuild(Tree.Node build, Scope scope) {
        if (build instanceof Tree.Scalar scalar && scalar.type() == Tree.ScalarType.STRING) {
            return rebasedScalar(scalar, scope);
        }
        if (!(build instanceof Tree.Mapping mapping)) {
            return build;
        }
        Tree.Mapping result = mapping;
        if (mapping.get("context") instanceof Tree.Scalar context && context.type() == Tree.ScalarType.STRING) {
            result = result.with(mapping.entry("context").withValue(rebasedScalar(context, scope)));
        }
        Tree.Node contexts = mapping.get("additional_contexts");
        if (contexts instanceof Tree.Mapping named) {
            Map<String, Tree.Entry> entries = new LinkedHashMap<>();
            for (Tree.Entry entry : named.entries().values()) {
                entries.put(entry.key(), entry.value() instanceof Tree.Scalar value && value.type() == Tree.ScalarType.STRING
                        ? entry.withValue(rebasedScalar(value, scope)) : entry);
            }
            result = result.with(mapping.entry("additional_contexts").withValue(new Tree.Mapping(entries, named.place(), named.tag())));
        } else if (contexts instanceof Tree.Sequence list) {
            List<Tree.Node> items = new ArrayList<>();
            for (Tree.Node item : list.items()) {
                if (item instanceof Tree.Scalar scalar && scalar.text() != null && scalar.text().indexOf('=') > 0) {
                    int equals = scalar.text().indexOf('=');
                    String path = ComposePaths.rebase(scalar.text().substring(equals + 1), scope.baseDir(), projectDirectory, home);
                    items.add(new Tree.Scalar(scalar.text().substring(0, equals + 1) + path, scalar.type(), scalar.place(), scalar.tag()));
                } else {
                    items.add(item);
                }
            }
            result = result.with(mapping.entry("additional_contexts").withValue(new Tree.Sequence(items, list.place(), list.tag())));
        }
        return result;
    }

    private Tree.Scalar rebasedScalar(Tree.Scalar scalar, Scope scope) {
        return new Tree.Scalar(ComposePaths.rebase(scalar.text(), scope.baseDir(), projectDirectory, home), scalar.type(),
                scalar.place(), scalar.tag());
    }

    // ---- include -----------------------------------------------------------------------------------------------

    /** Loads each included project on its own (its directory, its .env) and adds its services to this file's. */
    private Tree.Mapping include(Tree.Mapping config, Scope scope, List<Path> chain) throws ComposeException {
        Tree.Node includes = config.get("include");
        if (includes == null || includes instanceof Tree.Scalar none && none.isNull()) {
            return config.without("include");
        }
        if (!(includes instanceof Tree.Sequence list)) {
            throw new ComposeException(scope.file(), includes.place().line(), "include must be a list");
        }
        Tree.Mapping result = config.without("include");
        for (Tree.Node item : list.items()) {
            result = includeOne(result, item, scope, chain);
        }
        return result;
    }

    private Tree.Mapping includeOne(Tree.Mapping config, Tree.Node item, Scope scope, List<Path> chain) throws ComposeException {
        List<String> paths;
        String projectDir = null;
        List<String> envFiles = null;
        if (item instanceof Tree.Scalar scalar && scalar.text() != null) {
            paths = List.of(scalar.text());
        } else if (item instanceof Tree.Mapping mapping && mapping.get("path") != null) {
            paths = strings(mapping.get("path"), scope, "include path");
            projectDir = mapping.get("project_directory") == null ? null : strings(mapping.get("project_directory"), scope, "project_directory").get(0);
            envFiles = mapping.get("env_file") == null ? null : strings(mapping.get("env_file"), scope, "include env_file");
        } else {
            throw new ComposeException(scope.file(), item.place().line(), "an include entry must be a path or a mapping with a path");
        }
        if (paths.isEmpty()) {
            throw new ComposeException(scope.file(), item.place().line(), "an include entry must name a file");
        }
        List<Path> files = new ArrayList<>();
        for (String path : paths) {
            files.add(resolve(scope, path, item));
        }
        Path main = files.get(0);
        if (chain.contains(main)) {
            List<String> cycle = new ArrayList<>(chain.stream().map(Path::toString).toList());
            cycle.add(main.toString());
            throw new ComposeException(scope.file(), item.place().line(), "include cycle: " + String.join(" includes ", cycle));
        }
        Path directory = projectDir == null ? main.getParent() : resolve(scope, projectDir, item);
        Map<String, String> environment = includedEnvironment(scope, directory, envFiles, item);
        Tree.Mapping included = load(files, directory, environment, chain);
        return importServices(config, withDefaultContexts(included, directory), scope);
    }

    /** The including project's environment, then what the included project's env files add (compose-go include.go). */
    private Map<String, String> includedEnvironment(Scope scope, Path directory, List<String> envFiles, Tree.Node item)
            throws ComposeException {
        List<Path> files = new ArrayList<>();
        if (envFiles == null) {
            Path dotEnv = directory.resolve(".env");
            if (Files.isRegularFile(dotEnv)) {
                files.add(dotEnv);
            }
        } else {
            for (String envFile : envFiles) {
                if (envFile.equals("/dev/null")) {
                    continue;
                }
                Path path = resolve(scope, envFile, item);
                if (!Files.isRegularFile(path)) {
                    throw new ComposeException(scope.file(), item.place().line(), "env file " + path + " not found");
                }
                files.add(path);
            }
        }
        Map<String, String> fromFiles = new LinkedHashMap<>();
        for (Path file : files) {
            sources.add(file);
            Map<String, String> values = DotEnv.parse(ComposeYaml.readText(file), file,
                    name -> scope.environment().containsKey(name) ? scope.environment().get(name) : fromFiles.get(name));
            fromFiles.putAll(values);
        }
        Map<String, String> environment = new LinkedHashMap<>(scope.environment());
        fromFiles.forEach(environment::putIfAbsent);
        return environment;
    }

    /** An included project's build sections without a context build its own directory (compose-go's defaults). */
    private Tree.Mapping withDefaultContexts(Tree.Mapping model, Path directory) {
        if (!(model.get("services") instanceof Tree.Mapping services)) {
            return model;
        }
        Map<String, Tree.Entry> entries = new LinkedHashMap<>();
        for (Tree.Entry service : services.entries().values()) {
            Tree.Entry result = service;
            if (service.value() instanceof Tree.Mapping mapping && mapping.get("build") instanceof Tree.Mapping build
                    && build.get("context") == null) {
                String context = ComposePaths.rebase(".", directory, projectDirectory, home);
                Tree.Entry contextEntry = new Tree.Entry("context", Tree.Scalar.synthetic(context, build.place()), List.of());
                result = service.withValue(mapping.with(mapping.entry("build").withValue(build.with(contextEntry))));
            }
            entries.put(service.key(), result);
        }
        return model.with(model.entry("services").withValue(new Tree.Mapping(entries, services.place(), services.tag())));
    }

    private Tree.Mapping importServices(Tree.Mapping config, Tree.Mapping included, Scope scope) throws ComposeException {
        if (included == null || !(included.get("services") instanceof Tree.Mapping imported)) {
            return config;
        }
        Tree.Node own = config.get("services");
        if (own != null && !(own instanceof Tree.Mapping) && !(own instanceof Tree.Scalar none && none.isNull())) {
            throw new ComposeException(scope.file(), own.place().line(), "services must be a mapping");
        }
        Map<String, Tree.Entry> services = own instanceof Tree.Mapping mapping ? new LinkedHashMap<>(mapping.entries()) : new LinkedHashMap<>();
        for (Tree.Entry service : imported.entries().values()) {
            Tree.Entry local = services.get(service.key());
            if (local == null) {
                services.put(service.key(), service);
                continue;
            }
            warnings.add(new ComposeWarning(ComposeWarning.Kind.INCLUDED_SERVICE_REDEFINED, local.definitions().get(0).key().start(),
                    service.key(), "service \"" + service.key() + "\" is included and also defined here: this definition is merged on top"));
            List<Tree.Definition> definitions = new ArrayList<>(service.definitions());
            definitions.addAll(local.definitions());
            services.put(service.key(), new Tree.Entry(service.key(),
                    Merge.merge(service.value(), local.value(), List.of("services", service.key())), definitions));
        }
        Tree.Place place = own == null ? imported.place() : own.place();
        Tree.Mapping servicesMapping = new Tree.Mapping(services, place, Tree.Tag.NONE);
        Tree.Entry entry = config.entry("services") == null ? new Tree.Entry("services", servicesMapping, List.of())
                : config.entry("services").withValue(servicesMapping);
        return config.with(entry);
    }

    // ---- extends -----------------------------------------------------------------------------------------------

    private Tree.Mapping resolveExtends(Tree.Mapping config, Scope scope) throws ComposeException {
        Tree.Node node = config.get("services");
        if (node == null || node instanceof Tree.Scalar none && none.isNull()) {
            return config;
        }
        if (!(node instanceof Tree.Mapping services)) {
            throw new ComposeException(scope.file(), node.place().line(), "services must be a mapping");
        }
        Services all = new Services(scope, new LinkedHashMap<>(services.entries()));
        for (String name : services.entries().keySet()) {
            resolve(name, all, List.of());
        }
        return config.with(config.entry("services").withValue(new Tree.Mapping(all.entries(), services.place(), services.tag())));
    }

    /** The service with its {@code extends} chain merged in; null for a service written as null. */
    private Tree.Mapping resolve(String name, Services services, List<String> chain) throws ComposeException {
        Tree.Entry entry = services.entries().get(name);
        Tree.Node value = entry.value();
        if (value instanceof Tree.Scalar scalar && scalar.isNull()) {
            return null;
        }
        if (!(value instanceof Tree.Mapping service)) {
            throw new ComposeException(value.place().file(), value.place().line(), "service \"" + name + "\" must be a mapping");
        }
        Tree.Node extension = service.get("extends");
        if (extension == null) {
            return service;
        }
        String reference;
        String file = null;
        if (extension instanceof Tree.Scalar scalar && scalar.text() != null) {
            reference = scalar.text();
        } else if (extension instanceof Tree.Mapping mapping && mapping.get("service") instanceof Tree.Scalar target
                && target.text() != null) {
            reference = target.text();
            if (mapping.get("file") instanceof Tree.Scalar path && path.text() != null) {
                file = path.text();
            }
        } else {
            throw new ComposeException(extension.place().file(), extension.place().line(),
                    "extends of service \"" + name + "\" must name a service");
        }
        String link = "\"" + name + "\" in " + services.scope().file();
        if (chain.contains(link)) {
            List<String> loop = new ArrayList<>(chain);
            loop.add(link);
            throw new ComposeException(extension.place().file(), extension.place().line(), "extends loop: " + String.join(" extends ", loop));
        }
        List<String> next = new ArrayList<>(chain);
        next.add(link);
        Services target = services;
        if (file != null) {
            Path path = resolve(services.scope(), file, extension);
            if (!Files.isRegularFile(path)) {
                throw new ComposeException(extension.place().file(), extension.place().line(),
                        "cannot extend service \"" + name + "\": " + path + " not found");
            }
            target = extendedFile(path, services.scope().environment(), name, extension);
        }
        if (!target.entries().containsKey(reference)) {
            throw new ComposeException(extension.place().file(), extension.place().line(), "cannot extend service \"" + name
                    + "\": service \"" + reference + "\" not found in " + target.scope().file());
        }
        Tree.Mapping base = resolve(reference, target, next);
        Tree.Mapping own = service.without("extends");
        Tree.Mapping merged = base == null ? own
                : Merge.mappings((Tree.Mapping) inherited(Merge.clean(base)), own, List.of("services", name));
        for (Tree.Entry reset : own.entries().values()) {
            if (reset.value().tag() == Tree.Tag.RESET) {
                // compose-go resets the path in the files merged before this one too
                merged = merged.with(reset);
            }
        }
        services.entries().put(name, entry.withValue(merged));
        return merged;
    }

    /**
     * The services of a file named by {@code extends.file}: its own paths, no include, extends resolved on demand
     * (each time afresh: the resolved entries are not kept, only the file as read).
     */
    private Services extendedFile(Path path, Map<String, String> environment, String name, Tree.Node extension)
            throws ComposeException {
        Scope scope = new Scope(path, path.getParent(), environment);
        Tree.Mapping model = extendedFiles.get(scope);
        if (model == null) {
            for (Tree.Mapping document : documents(scope)) {
                Tree.Mapping config = rebase(document, scope);
                model = model == null ? config : Merge.mappings(model, config, List.of());
            }
            if (model != null) {
                extendedFiles.put(scope, model);
            }
        }
        if (model == null || !(model.get("services") instanceof Tree.Mapping services)) {
            throw new ComposeException(extension.place().file(), extension.place().line(),
                    "cannot extend service \"" + name + "\": " + path + " has no services");
        }
        return new Services(scope, new LinkedHashMap<>(services.entries()));
    }

    /** A path written in a file, resolved against the directory its paths start from. */
    private static Path resolve(Scope scope, String path, Tree.Node where) throws ComposeException {
        try {
            return scope.baseDir().resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ComposeException(where.place().file(), where.place().line(), "not a valid path: " + path);
        }
    }

    /** Every definition in the node marked as coming through extends. */
    private static Tree.Node inherited(Tree.Node node) {
        if (node instanceof Tree.Mapping mapping) {
            Map<String, Tree.Entry> entries = new LinkedHashMap<>();
            for (Tree.Entry entry : mapping.entries().values()) {
                entries.put(entry.key(), entry.inherited().withValue(inherited(entry.value())));
            }
            return new Tree.Mapping(entries, mapping.place(), mapping.tag());
        }
        return node;
    }

    private static List<String> strings(Tree.Node node, Scope scope, String what) throws ComposeException {
        if (node instanceof Tree.Scalar scalar && scalar.text() != null) {
            return List.of(scalar.text());
        }
        if (node instanceof Tree.Sequence sequence) {
            List<String> values = new ArrayList<>();
            for (Tree.Node item : sequence.items()) {
                if (!(item instanceof Tree.Scalar scalar) || scalar.text() == null) {
                    throw new ComposeException(scope.file(), item.place().line(), what + " must be a string or a list of strings");
                }
                values.add(scalar.text());
            }
            return values;
        }
        throw new ComposeException(scope.file(), node.place().line(), what + " must be a string or a list of strings");
    }
}
