package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Platform;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.pipeline.ImageDetails;
import dev.buildxlens.core.visibility.ImageLocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the platforms of the local images a build needs from the engines that hold them ({@code GET
 * /images/{id}/json}: {@code Os}, {@code Architecture}, {@code Variant}; with the containerd store and API 1.48+,
 * {@code ?manifests=1} lists every platform present). An engine that does not answer leaves its images' platforms
 * unknown, which decides nothing.
 */
public final class LiveImageDetails implements ImageDetails {

    private final Environment env;
    private final DockerConnector connector;

    public LiveImageDetails(Environment env, DockerConnector connector) {
        this.env = env;
        this.connector = connector;
    }

    public static LiveImageDetails forEnvironment(Environment env) {
        return new LiveImageDetails(env, EngineConnector.withDefaultTimeouts(env));
    }

    @Override
    public Snapshot complete(Snapshot snapshot, List<ImageReference> needed) {
        if (needed.isEmpty() || !snapshot.origin().equals("live")) {
            return snapshot;
        }
        Daemon current = withPlatforms(snapshot, snapshot.daemon(), needed);
        List<ContextEngine> others = new ArrayList<>();
        for (ContextEngine engine : snapshot.otherEngines()) {
            others.add(engine.reachable() ? new ContextEngine(engine.name(), engine.host(), false, engine.state(), engine.error(),
                    withPlatforms(snapshot, engine.daemon(), needed)) : engine);
        }
        if (current == snapshot.daemon() && others.equals(snapshot.otherEngines())) {
            return snapshot;
        }
        return new Snapshot(snapshot.takenAt(), snapshot.origin(), current, snapshot.builders(), snapshot.stores(),
                snapshot.registries(), snapshot.problems(), snapshot.notes(), snapshot.client(), others);
    }

    private Daemon withPlatforms(Snapshot snapshot, Daemon daemon, List<ImageReference> needed) {
        if (!daemon.reachable()) {
            return daemon;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (ImageReference reference : needed) {
            ImageLocator.localImages(snapshot, daemon, reference).stream()
                    .filter(image -> image.platforms().isEmpty()).forEach(image -> ids.add(image.id()));
        }
        if (ids.isEmpty()) {
            return daemon;
        }
        Map<String, List<Platform>> platforms = new HashMap<>();
        try (DockerConnection connection = connector.connect(candidate(daemon))) {
            boolean manifests = apiAtLeast(connection.apiVersion(), 1, 48);
            for (String id : ids) {
                try {
                    JsonNode inspect = connection.getJson("/images/" + id + "/json" + (manifests ? "?manifests=1" : ""));
                    List<Platform> found = platformsOf(inspect);
                    if (!found.isEmpty()) {
                        platforms.put(id, found);
                    }
                } catch (IOException e) {
                    // This image's platform stays unknown.
                }
            }
        } catch (DaemonUnavailableException | RuntimeException e) {
            return daemon;
        }
        if (platforms.isEmpty()) {
            return daemon;
        }
        List<Image> images = daemon.images().stream()
                .map(image -> platforms.containsKey(image.id()) ? image.withPlatforms(platforms.get(image.id())) : image).toList();
        return daemon.withImages(images);
    }

    /**
     * The platforms an inspect answer shows: every available image manifest's with the containerd store's
     * {@code Manifests}, else the config's {@code Os}/{@code Architecture}/{@code Variant}.
     */
    static List<Platform> platformsOf(JsonNode inspect) {
        List<Platform> out = new ArrayList<>();
        JsonNode manifests = Json.field(inspect, "Manifests");
        if (manifests != null && manifests.isArray()) {
            for (JsonNode manifest : manifests) {
                if (!"image".equals(Json.text(manifest, "Kind")) || !Json.bool(manifest, "Available")) {
                    continue;
                }
                JsonNode platform = Json.field(Json.field(manifest, "ImageData"), "Platform");
                String os = Json.text(platform, "os");
                String arch = Json.text(platform, "architecture");
                if (!os.isEmpty() && !arch.isEmpty()) {
                    out.add(new Platform(os, arch, Json.text(platform, "variant")));
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        String os = Json.text(inspect, "Os");
        String arch = Json.text(inspect, "Architecture");
        if (!os.isEmpty() && !arch.isEmpty()) {
            out.add(new Platform(os, arch, Json.text(inspect, "Variant")));
        }
        return out;
    }

    private DaemonCandidate candidate(Daemon daemon) {
        ContextStore contexts = new ContextStore(env);
        if (!daemon.context().equals(DockerContext.DEFAULT)) {
            try {
                java.util.Optional<DockerContext> context = contexts.find(daemon.context());
                if (context.isPresent()) {
                    return DaemonCandidate.ofContext("context " + daemon.context(), context.get());
                }
            } catch (IOException e) {
                // Fall through: the host as probed.
            }
        }
        java.nio.file.Path dir = env.get("DOCKER_CERT_PATH").map(java.nio.file.Path::of).orElse(env.dockerConfigDir());
        boolean verify = env.get("DOCKER_TLS_VERIFY").isPresent();
        return new DaemonCandidate("DOCKER_HOST", daemon.context(), daemon.host(), verify ? dir : null, verify);
    }

    private static boolean apiAtLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        try {
            int a = Integer.parseInt(parts[0]);
            int b = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return a > major || (a == major && b >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
