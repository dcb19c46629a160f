package dev.buildxlens.core.workflow;

import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.Store;
import dev.buildxlens.core.model.StoreIds;
import dev.buildxlens.core.model.StoreKind;
import dev.buildxlens.core.probe.SnapshotAssembler;
import dev.buildxlens.core.visibility.VisibilityRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a fresh GitHub-hosted runner holds while one job's steps run: the daemon's images, tarballs on disk, the
 * buildx builders and which is current, registry services and what was pushed to them, and build results that
 * stayed in a builder's cache. {@link #snapshot()} turns it into the same model the live probe produces, so the
 * same rules decide visibility.
 */
final class RunnerState {

    static final String SOCKET = "unix:///var/run/docker.sock";
    static final String CONTEXT = "default";

    /** A builder on the runner. */
    record SimBuilder(String name, String driver, Map<String, String> driverOpts) {
        boolean defaultLoad() {
            return driver.equals(VisibilityRules.DOCKER) || "true".equals(driverOpts.get("default-load"));
        }
    }

    /** Where an image in the daemon came from, for messages; {@code pulled} images exist in their registry. */
    record LocalImage(String origin, boolean pulled, int stepIndex) {
    }

    /** A build result left in a builder's cache: built, never loaded, pushed or exported. */
    record Unloaded(String step, int line, String builder, int stepIndex) {
    }

    final String job;
    final ImageStoreKind imageStore;
    final Map<String, LocalImage> daemonImages = new LinkedHashMap<>();
    final Map<String, Set<String>> files = new LinkedHashMap<>();
    final List<String> unknownLoads = new ArrayList<>();
    final Map<String, SimBuilder> builders = new LinkedHashMap<>();
    String current = CONTEXT;
    final Map<String, String> registryServices = new LinkedHashMap<>();
    final Map<String, Set<String>> pushed = new LinkedHashMap<>();
    final Map<String, Unloaded> unloaded = new LinkedHashMap<>();

    RunnerState(String job, ImageStoreKind imageStore) {
        this.job = job;
        this.imageStore = imageStore;
        builders.put(CONTEXT, new SimBuilder(CONTEXT, VisibilityRules.DOCKER, Map.of()));
    }

    /** The step that is running, so images and builders can say which step made them. */
    int step = -1;
    /** The setup-buildx step that created each builder. */
    final Map<String, Integer> builderSteps = new LinkedHashMap<>();

    void addToDaemon(ImageReference reference, String origin, boolean pulled) {
        daemonImages.put(reference.normalized(), new LocalImage(origin, pulled, step));
        unloaded.remove(reference.normalized());
    }

    boolean inDaemon(ImageReference reference) {
        return daemonImages.containsKey(reference.normalized());
    }

    /** Records a push; returns false when the loopback registry it names is not a service of this job. */
    void recordPush(ImageReference reference) {
        pushed.computeIfAbsent(reference.domain(), d -> new LinkedHashSet<>()).add(reference.path() + ":" + reference.tag());
    }

    Snapshot snapshot() {
        List<Image> images = new ArrayList<>();
        int id = 0;
        for (Map.Entry<String, LocalImage> entry : daemonImages.entrySet()) {
            ImageReference reference = ImageReference.parseOrNull(entry.getKey());
            if (reference == null) {
                continue;
            }
            List<String> digests = entry.getValue().pulled()
                    ? List.of(reference.name() + "@sha256:" + "0".repeat(64)) : List.of();
            images.add(new Image("sha256:sim" + (id++), List.of(reference.familiar()), digests, 0, Instant.EPOCH));
        }
        Daemon daemon = new Daemon(true, CONTEXT, SOCKET, "runner", "", "linux", "x86_64", "",
                imageStore, List.of("127.0.0.0/8"), List.of(), images, List.of(), List.of());
        List<Registry> registries = new ArrayList<>();
        for (Map.Entry<String, String> service : registryServices.entrySet()) {
            Map<String, List<Registry.RegistryTag>> repositories = new LinkedHashMap<>();
            for (String pathAndTag : pushed.getOrDefault(service.getKey(), Set.of())) {
                int colon = pathAndTag.lastIndexOf(':');
                repositories.computeIfAbsent(pathAndTag.substring(0, colon), r -> new ArrayList<>())
                        .add(new Registry.RegistryTag(pathAndTag.substring(colon + 1), ""));
            }
            List<Registry.RegistryRepository> listed = new ArrayList<>();
            repositories.forEach((name, tags) -> listed.add(new Registry.RegistryRepository(name, tags)));
            registries.add(new Registry(service.getKey(), true, "service " + service.getValue(), true, true, "", listed, false));
        }
        registries.add(new Registry(SnapshotAssembler.DOCKER_HUB, false, "Docker Hub: not queried", false, false, "", List.of(), false));

        List<Store> stores = new ArrayList<>();
        stores.add(new Store(StoreIds.daemon(CONTEXT), StoreKind.DAEMON, CONTEXT, "runner daemon"));
        for (SimBuilder builder : builders.values()) {
            if (!builder.driver().equals(VisibilityRules.DOCKER)) {
                stores.add(new Store(StoreIds.buildkit(builder.name()), StoreKind.BUILDKIT, builder.name(), ""));
            }
        }
        for (Registry registry : registries) {
            stores.add(new Store(registry.storeId(), StoreKind.REGISTRY, registry.host(), registry.source()));
        }
        List<Builder> built = new ArrayList<>();
        for (SimBuilder sim : builders.values()) {
            boolean docker = sim.driver().equals(VisibilityRules.DOCKER);
            BuilderNode node = new BuilderNode(docker ? sim.name() : sim.name() + "0", docker ? CONTEXT : SOCKET, "running", "",
                    List.of(), sim.driverOpts(), List.of(), "", null);
            Builder builder = new Builder(sim.name(), sim.driver(), sim.name().equals(current), docker && sim.name().equals(CONTEXT),
                    null, List.of(node), List.of(), "");
            built.add(builder.withAccess(VisibilityRules.accessFor(builder, stores, VisibilityRules.localEndpoint(daemon))));
        }
        return new Snapshot(Instant.EPOCH, "workflow job " + job, daemon, built, stores, registries, List.of(), List.of(),
                dev.buildxlens.core.model.DockerClient.assumedWithBuildx("GitHub-hosted runners ship the buildx plugin"));
    }
}
