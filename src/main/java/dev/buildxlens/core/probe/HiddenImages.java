package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.ImageStoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Counts the images a daemon does not show because it uses the other image store: with the containerd store on,
 * the classic store's images stay on disk ({@code <DockerRootDir>/image/<graphdriver>/repositories.json}) but no
 * build and no {@code docker images} sees them until the store is switched back (buildx-facts §4.3, §9.2). Only a
 * daemon on this machine can be counted (its data root is read directly, which usually needs root); anything else
 * is {@link Daemon#NOT_COUNTED}, never a guess.
 */
final class HiddenImages {

    private HiddenImages() {
    }

    /**
     * @param rootDir  the daemon's {@code DockerRootDir}
     * @param name     the daemon's {@code Name}: a VM's engine (Docker Desktop, colima) has its own, and its data
     *                 root is inside the VM, not at the same path on this machine
     */
    static int count(ImageStoreKind store, String host, String rootDir, String name, String localHostname, Consumer<String> notes) {
        if (store != ImageStoreKind.CONTAINERD || !host.startsWith("unix://") || rootDir.isEmpty()
                || name.isEmpty() || !name.equals(localHostname)) {
            return Daemon.NOT_COUNTED;
        }
        Path images = Path.of(rootDir).resolve("image");
        if (!Files.isDirectory(images) || !Files.isReadable(images)) {
            return Daemon.NOT_COUNTED;
        }
        Set<String> ids = new HashSet<>();
        try (Stream<Path> drivers = Files.list(images)) {
            for (Path driver : drivers.toList()) {
                Path repositories = driver.resolve("repositories.json");
                if (Files.isRegularFile(repositories)) {
                    collect(JsonTrees.parse(repositories), ids);
                }
            }
        } catch (IOException | RuntimeException e) {
            notes.accept("the classic image store at " + images + " could not be counted: " + Messages.firstLine(e));
            return Daemon.NOT_COUNTED;
        }
        return ids.size();
    }

    /** {@code {"Repositories": {"alpine": {"alpine:3": "sha256:…", "alpine@sha256:…": "sha256:…"}}}}: distinct ids. */
    static void collect(JsonNode root, Set<String> ids) {
        JsonNode repositories = Json.field(root, "Repositories");
        if (repositories == null || !repositories.isObject()) {
            return;
        }
        repositories.forEach(references -> references.forEach(id -> {
            if (id.isTextual()) {
                ids.add(id.asText());
            }
        }));
    }

    static String localHostname() {
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e2) {
                return "";
            }
        }
    }
}
