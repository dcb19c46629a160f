package dev.buildxlens.core.bake;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which files {@code docker buildx bake} reads. With {@code -f}: those, in order. Without: the files named by
 * {@code BUILDX_BAKE_FILE} (split on {@code BUILDX_BAKE_PATH_SEPARATOR}, default the OS path separator), else every
 * file of {@link #DEFAULT_NAMES} present in the working directory, in that order (buildx {@code defaultFilenames}:
 * compose-go's default names, then the bake names). All are merged, later files overriding earlier ones.
 */
public final class BakeFiles {

    /**
     * bake's lookup order (buildx {@code bake/bake.go defaultFilenames}): compose-go's {@code DefaultFileNames} — not its
     * override names — then {@code docker-bake.json}, {@code docker-bake.hcl} and their {@code .override} variants.
     */
    public static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml", "docker-bake.json", "docker-bake.hcl", "docker-bake.override.json",
            "docker-bake.override.hcl");

    private BakeFiles() {
    }

    /** The files bake reads in {@code workingDirectory} given these {@code -f} values and environment. */
    public static List<Path> locate(List<String> given, Path workingDirectory, Map<String, String> environment)
            throws BakeException {
        List<String> names = new ArrayList<>(given);
        if (names.isEmpty() && environment.containsKey("BUILDX_BAKE_FILE")) {
            String separator = environment.getOrDefault("BUILDX_BAKE_PATH_SEPARATOR", "");
            if (separator.isEmpty()) {
                separator = File.pathSeparator;
            }
            for (String part : environment.get("BUILDX_BAKE_FILE").split(java.util.regex.Pattern.quote(separator))) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        }
        List<Path> files = new ArrayList<>();
        if (!names.isEmpty()) {
            for (String name : names) {
                Path file = workingDirectory.resolve(name.startsWith("cwd://") ? name.substring("cwd://".length()) : name);
                if (!Files.isRegularFile(file)) {
                    throw new BakeException(BakeException.Kind.IO, null, "open " + name + ": no such file or directory");
                }
                files.add(file);
            }
            return files;
        }
        for (String name : DEFAULT_NAMES) {
            Path file = workingDirectory.resolve(name);
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        if (files.isEmpty()) {
            throw new BakeException(BakeException.Kind.NO_DEFINITION, null, "couldn't find a bake definition: none of "
                    + String.join(", ", DEFAULT_NAMES) + " is in " + workingDirectory);
        }
        return files;
    }
}
