package dev.buildxlens.core.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code docker compose} is given before it reads a project: the files in order ({@code -f a.yml -f b.yml}),
 * the project directory ({@code --project-directory}; by default the first file's directory), the environment (the
 * shell's variables: they win over {@code .env}), the active profiles ({@code --profile}; when none, the
 * environment's {@code COMPOSE_PROFILES}), the services named on the command line (their profiles become active,
 * as Compose does for {@code docker compose build SERVICE}) and the project name ({@code -p}; empty when not given).
 * Start with {@link #of(Path...)} and change copies with the {@code with…} methods.
 */
public record ComposeRequest(List<Path> files, Path projectDirectory, Map<String, String> environment, List<String> profiles,
                             List<String> services, String projectName) {

    public ComposeRequest {
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("at least one compose file is needed");
        }
        files = files.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        projectDirectory = projectDirectory == null ? files.get(0).getParent() : projectDirectory.toAbsolutePath().normalize();
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment == null ? Map.of() : environment));
        profiles = List.copyOf(profiles == null ? List.of() : profiles);
        services = List.copyOf(services == null ? List.of() : services);
        projectName = projectName == null ? "" : projectName;
    }

    /** The files, with an empty environment, no profile, no service named and no project name. */
    public static ComposeRequest of(Path... files) {
        return new ComposeRequest(List.of(files), null, Map.of(), List.of(), List.of(), "");
    }

    public static ComposeRequest of(List<Path> files) {
        return new ComposeRequest(files, null, Map.of(), List.of(), List.of(), "");
    }

    public ComposeRequest withEnvironment(Map<String, String> values) {
        return new ComposeRequest(files, projectDirectory, values, profiles, services, projectName);
    }

    public ComposeRequest withProjectDirectory(Path directory) {
        return new ComposeRequest(files, directory, environment, profiles, services, projectName);
    }

    public ComposeRequest withProfiles(List<String> values) {
        return new ComposeRequest(files, projectDirectory, environment, values, services, projectName);
    }

    public ComposeRequest withServices(List<String> values) {
        return new ComposeRequest(files, projectDirectory, environment, profiles, values, projectName);
    }

    public ComposeRequest withProjectName(String value) {
        return new ComposeRequest(files, projectDirectory, environment, profiles, services, value);
    }
}
