package dev.buildxlens.core.probe;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read from a buildx builder store directory. {@code defaults} maps the 20-hex file names of
 * {@code defaults/} to builder names; {@code problems} has one line per file that could not be read.
 */
public record BuilderStore(
        Path directory,
        boolean exists,
        List<StoredBuilder> builders,
        Map<String, Instant> activity,
        Optional<CurrentPointer> current,
        Map<String, String> defaults,
        List<String> problems) {

    public BuilderStore {
        builders = List.copyOf(builders);
        activity = Map.copyOf(activity);
        defaults = Map.copyOf(defaults);
        problems = List.copyOf(problems);
    }

    /** The {@code current} file: {@code {"Key","Name","Global"}} (buildx-facts §1.4). */
    public record CurrentPointer(String key, String name, boolean global) {
    }

    public Optional<StoredBuilder> builder(String name) {
        return builders.stream().filter(b -> b.name().equalsIgnoreCase(name)).findFirst();
    }
}
