package dev.buildxlens.core.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Compose project the way {@code docker compose} (compose-go) does, for the services' builds. Entry point:
 * {@link #read(ComposeRequest)}.
 *
 * <p>In order: the project directory's {@code .env} adds the variables the environment lacks (unless
 * {@code COMPOSE_DISABLE_ENV_FILE} is true); the project name is settled ({@code -p}, {@code COMPOSE_PROJECT_NAME},
 * the files' {@code name:}, the directory) and set as {@code COMPOSE_PROJECT_NAME}; each file is read (every YAML
 * document of it), its strings interpolated, its {@code include}s loaded as projects of their own, its services'
 * {@code extends} resolved, and it is merged onto the files before it. Then the services are read, profiles decide
 * which are enabled, and the model is checked as Compose checks it (image or build, {@code service:} contexts,
 * {@code depends_on} targets and cycles). Every problem is a {@link ComposeException} naming the file and line.
 */
public final class ComposeReader {

    /** The file names {@code docker compose} looks for in a directory, in its order of preference. */
    public static final List<String> DEFAULT_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    /** The override files it adds to the one it found. */
    public static final List<String> DEFAULT_OVERRIDES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    private ComposeReader() {
    }

    /**
     * The files {@code docker compose} reads when given none, in {@code directory} only: the first of
     * {@link #DEFAULT_FILES} there, then the first of {@link #DEFAULT_OVERRIDES}. Empty when there is none (Compose
     * would go on to the parent directories).
     */
    public static List<Path> defaultFiles(Path directory) {
        List<Path> files = new ArrayList<>();
        DEFAULT_FILES.stream().map(directory::resolve).filter(Files::isRegularFile).findFirst().ifPresent(files::add);
        if (!files.isEmpty()) {
            DEFAULT_OVERRIDES.stream().map(directory::resolve).filter(Files::isRegularFile).findFirst().ifPresent(files::add);
        }
        return files;
    }

    public static ComposeProject read(ComposeRequest request) throws ComposeException {
        Path projectDirectory = request.projectDirectory();
        Map<String, String> environment = new LinkedHashMap<>(request.environment());
        List<Path> sources = new ArrayList<>();
        Path dotEnv = projectDirectory.resolve(".env");
        if (!truthy(environment.get("COMPOSE_DISABLE_ENV_FILE")) && Files.isRegularFile(dotEnv)) {
            sources.add(dotEnv);
            DotEnv.parse(ComposeYaml.readText(dotEnv), dotEnv, environment::get).forEach(environment::putIfAbsent);
        }
        List<String> profiles = new ArrayList<>(request.profiles());
        if (profiles.isEmpty() && environment.containsKey("COMPOSE_PROFILES")) {
            for (String profile : environment.get("COMPOSE_PROFILES").split(",")) {
                if (!profile.isBlank()) {
                    profiles.add(profile.trim());
                }
            }
        }
        String name = projectName(request, environment);
        environment.put("COMPOSE_PROJECT_NAME", name);

        ModelLoader loader = new ModelLoader(projectDirectory, environment.get("HOME"));
        Tree.Mapping model = loader.load(request.files(), projectDirectory, environment, List.of());
        if (model == null || model.entries().isEmpty()) {
            throw new ComposeException(request.files().get(0), 0, "empty compose file");
        }
        for (Path source : loader.sources()) {
            if (!sources.contains(source)) {
                sources.add(source);
            }
        }
        List<ComposeService> all = services(model, new ServiceReader(environment, name));
        Set<String> active = new LinkedHashSet<>(profiles);
        check(all.stream().filter(s -> s.enabledWith(active)).toList(), all);
        for (String named : request.services()) {
            ComposeService service = all.stream().filter(s -> s.name().equals(named)).findFirst()
                    .orElseThrow(() -> new ComposeException(null, 0, "no such service: " + named));
            if (!service.enabledWith(active)) {
                active.addAll(service.profiles());
            }
        }
        List<ComposeService> enabled = all.stream().filter(s -> s.enabledWith(active)).toList();
        List<ComposeService> disabled = all.stream().filter(s -> !s.enabledWith(active)).toList();
        return new ComposeProject(name, projectDirectory, request.files(), sources, environment, List.copyOf(active), enabled,
                disabled, loader.warnings());
    }

    private static List<ComposeService> services(Tree.Mapping model, ServiceReader reader) throws ComposeException {
        Tree.Node node = model.get("services");
        List<ComposeService> services = new ArrayList<>();
        if (node == null || node instanceof Tree.Scalar scalar && scalar.isNull()) {
            return services;
        }
        if (!(node instanceof Tree.Mapping mapping)) {
            throw new ComposeException(node.place().file(), node.place().line(), "services must be a mapping");
        }
        for (Tree.Entry entry : mapping.entries().values()) {
            services.add(reader.read(entry));
        }
        return services;
    }

    // ---- project name ------------------------------------------------------------------------------------------

    /** compose-go's precedence: {@code -p}, then {@code COMPOSE_PROJECT_NAME}, then {@code name:}, then the directory. */
    private static String projectName(ComposeRequest request, Map<String, String> environment) throws ComposeException {
        if (!request.projectName().isEmpty()) {
            return validName(request.projectName());
        }
        String fromEnvironment = environment.get("COMPOSE_PROJECT_NAME");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return validName(fromEnvironment);
        }
        Optional<Tree.Scalar> written = writtenName(request.files());
        if (written.isPresent()) {
            Tree.Scalar scalar = written.get();
            String interpolated;
            try {
                interpolated = Interpolation.substitute(scalar.text(), environment::get, variable -> { });
            } catch (Interpolation.InterpolationException e) {
                throw new ComposeException(scalar.place().file(), scalar.place().line(), "name: " + e.getMessage());
            }
            String normalized = ComposePaths.normalizeProjectName(interpolated);
            if (normalized.isEmpty()) {
                throw new ComposeException(scalar.place().file(), scalar.place().line(), "project name must not be empty");
            }
            return normalized;
        }
        Path directoryName = request.projectDirectory().getFileName();
        String normalized = ComposePaths.normalizeProjectName(directoryName == null ? "" : directoryName.toString());
        if (normalized.isEmpty()) {
            throw new ComposeException(null, 0, "project name must not be empty: the project directory's name has no letter "
                    + "or digit; set name: in the compose file or COMPOSE_PROJECT_NAME");
        }
        return normalized;
    }

    private static String validName(String name) throws ComposeException {
        if (!ComposePaths.normalizeProjectName(name).equals(name)) {
            throw new ComposeException(null, 0, "invalid project name \"" + name + "\": must consist only of lowercase "
                    + "alphanumeric characters, hyphens, and underscores as well as start with a letter or number");
        }
        return name;
    }

    /** The last non-empty top-level {@code name:} of the files, as written (before interpolation). */
    private static Optional<Tree.Scalar> writtenName(List<Path> files) throws ComposeException {
        Tree.Scalar found = null;
        for (Path file : files) {
            for (Tree.Node document : ComposeYaml.documents(ComposeYaml.readText(file), file, (value, path, place) -> value)) {
                if (document instanceof Tree.Mapping mapping && mapping.get("name") instanceof Tree.Scalar scalar
                        && scalar.text() != null && !scalar.text().isEmpty()) {
                    found = scalar;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    // ---- consistency -------------------------------------------------------------------------------------------

    /** compose-go's {@code checkConsistency}, for what concerns builds and their order. */
    private static void check(List<ComposeService> enabled, List<ComposeService> all) throws ComposeException {
        Map<String, ComposeService> byName = new LinkedHashMap<>();
        enabled.forEach(s -> byName.put(s.name(), s));
        for (ComposeService service : enabled) {
            if (service.build().isEmpty() && service.image().isEmpty()) {
                throw at(service, "service \"" + service.name() + "\" has neither an image nor a build context specified");
            }
            if (service.build().isPresent()) {
                for (Map.Entry<String, String> context : service.build().get().serviceContexts().entrySet()) {
                    ComposeService target = byName.get(context.getValue());
                    if (target == null) {
                        throw at(service, "service \"" + service.name() + "\" declares unknown service \"" + context.getValue()
                                + "\" as additional context " + context.getKey()
                                + (all.stream().anyMatch(s -> s.name().equals(context.getValue())) ? " (its profiles are not active)" : ""));
                    }
                    if (target.build().isEmpty()) {
                        throw at(service, "service \"" + service.name() + "\" declares non-buildable service \"" + context.getValue()
                                + "\" as additional context " + context.getKey());
                    }
                }
            }
            for (Dependency dependency : service.dependsOn()) {
                if (byName.containsKey(dependency.service())) {
                    continue;
                }
                boolean existsDisabled = all.stream().anyMatch(s -> s.name().equals(dependency.service()));
                if (!existsDisabled || dependency.required()) {
                    throw at(service, "service \"" + service.name() + "\" depends on undefined service \"" + dependency.service() + "\""
                            + (existsDisabled ? " (its profiles are not active)" : ""));
                }
            }
        }
        for (ComposeService service : enabled) {
            List<String> cycle = cycle(service.name(), byName, new ArrayList<>(), new LinkedHashSet<>());
            if (!cycle.isEmpty()) {
                throw at(service, "dependency cycle detected: " + String.join(" -> ", cycle));
            }
        }
    }

    private static List<String> cycle(String name, Map<String, ComposeService> services, List<String> path, Set<String> done) {
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        ComposeService service = services.get(name);
        if (service == null || done.contains(name)) {
            return List.of();
        }
        path.add(name);
        for (Dependency dependency : service.dependsOn()) {
            List<String> cycle = cycle(dependency.service(), services, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return List.of();
    }

    private static ComposeException at(ComposeService service, String message) {
        Optional<KeyPosition> position = ServicePositions.last(service.positions().service());
        return position.map(p -> new ComposeException(p.key().file(), p.key().line(), message))
                .orElseGet(() -> new ComposeException(null, 0, message));
    }

    private static boolean truthy(String value) {
        return value != null && switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true" -> true;
            default -> false;
        };
    }
}
