package dev.buildxlens.core.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Compose project as {@code docker compose} reads it.
 *
 * @param name             the project name: {@code -p}, else {@code COMPOSE_PROJECT_NAME}, else the last {@code name:}
 *                         of the files, else the project directory's name; lower-cased and stripped of characters
 *                         Compose does not allow
 * @param files            the files given, in order
 * @param sources          every file read: those given, included and extended ones, and {@code .env} files
 * @param environment      the environment the files were interpolated with: the one given, then {@code .env}'s
 *                         variables it does not set, and {@code COMPOSE_PROJECT_NAME}
 * @param profiles         the active profiles, including those of the services named in the request
 * @param services         the enabled services, in the order they first appear (a file's own services before the
 *                         ones it includes)
 * @param disabledServices the services whose profiles are all inactive
 */
public record ComposeProject(String name, Path projectDirectory, List<Path> files, List<Path> sources,
                             Map<String, String> environment, List<String> profiles, List<ComposeService> services,
                             List<ComposeService> disabledServices, List<ComposeWarning> warnings) {

    public ComposeProject {
        files = List.copyOf(files);
        sources = List.copyOf(sources);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        profiles = List.copyOf(profiles);
        services = List.copyOf(services);
        disabledServices = List.copyOf(disabledServices);
        warnings = List.copyOf(warnings);
    }

    /** An enabled service by name. */
    public Optional<ComposeService> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }

    /** Every service, enabled or not, in file order of the enabled ones first. */
    public List<ComposeService> allServices() {
        List<ComposeService> all = new ArrayList<>(services);
        all.addAll(disabledServices);
        return all;
    }

    /** The enabled services that have a {@code build:} section. */
    public List<ComposeService> buildableServices() {
        return services.stream().filter(s -> s.build().isPresent()).toList();
    }
}
