package dev.buildxlens.core.workflow;

import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DockerClient;
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
 * buildx builders and which is current (and whether {@code docker build} is aliased to it), registry containers and
 * what was pushed to them, and build results that stayed in a builder's cache. {@link #snapshot()} turns it into the
 * same model the live probe produces, so the same rules decide visibility. {@link #copy()} makes an independent copy
 * for a path where a condition went the other way.
 */
final class RunnerState {

    static final String SOCKET = "unix:///var/run/docker.sock";
    static final String DEFAULT_CONTEXT = "default";

    /**
     * A builder on the runner; {@code madeBy} says which step made it when its name is made up here
     * ({@code builder-step4}), as {@link Builder#madeBy()}; {@code config} is the buildkitd.toml it was given ("" when
     * none), which is where a container builder learns that a registry speaks plain HTTP (buildx-facts §9.7).
     */
    record SimBuilder(String name, String driver, Map<String, String> driverOpts, String madeBy, String config) {
        SimBuilder(String name, String driver, Map<String, String> driverOpts) {
            this(name, driver, driverOpts, "", "");
        }

        SimBuilder(String name, String driver, Map<String, String> driverOpts, String madeBy) {
            this(name, driver, driverOpts, madeBy, "");
        }

        /** The builder in a sentence: "builder ci", or "the builder set up in step 4 (docker/setup-buildx-action)". */
        String inWords() {
            return madeBy.isEmpty() ? "builder " + name : "the builder " + madeBy;
        }

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

    /** A registry container on the runner: a job service or a {@code docker run}, and whether it restarts by itself. */
    record RegistryContainer(String source, boolean restartsAlways) {
    }

    final String job;
    ImageStoreKind imageStore;
    /** The Docker context the CLI uses (setup-docker-action makes a new one). */
    String context = DEFAULT_CONTEXT;
    final Map<String, LocalImage> daemonImages = new LinkedHashMap<>();
    final Map<String, Set<String>> files = new LinkedHashMap<>();
    final List<String> unknownLoads = new ArrayList<>();
    final Map<String, SimBuilder> builders = new LinkedHashMap<>();
    String current = DEFAULT_CONTEXT;
    /** {@code docker build} runs on the current builder (setup-buildx {@code install: true}, {@code docker buildx install}). */
    boolean builderAlias;
    final Map<String, RegistryContainer> registryServices = new LinkedHashMap<>();
    /** Registries the job reaches by a service name (GitLab services), host:port → what runs there. */
    final Map<String, String> jobNetworkRegistries = new LinkedHashMap<>();
    /** Docker contexts made with {@code docker context create}. */
    final Set<String> contexts = new LinkedHashSet<>();
    /** Registries that stopped, and why (a dockerd restart). */
    final Map<String, String> stoppedRegistries = new LinkedHashMap<>();
    final Map<String, Set<String>> pushed = new LinkedHashMap<>();
    final Map<String, Unloaded> unloaded = new LinkedHashMap<>();
    /** The image store daemon.json asks for, applied when dockerd restarts; null when daemon.json was not changed. */
    ImageStoreKind pendingStore;
    /** The step that is running, so images and builders can say which step made them. */
    int step = -1;
    /** The setup-buildx step that created each builder. */
    final Map<String, Integer> builderSteps = new LinkedHashMap<>();

    RunnerState(String job, ImageStoreKind imageStore) {
        this.job = job;
        this.imageStore = imageStore;
        builders.put(DEFAULT_CONTEXT, new SimBuilder(DEFAULT_CONTEXT, VisibilityRules.DOCKER, Map.of()));
    }

    /** An independent copy: what one path changes does not change the other's. */
    RunnerState copy() {
        RunnerState copy = new RunnerState(job, imageStore);
        copy.context = context;
        copy.daemonImages.putAll(daemonImages);
        files.forEach((file, tags) -> copy.files.put(file, new LinkedHashSet<>(tags)));
        copy.unknownLoads.addAll(unknownLoads);
        copy.builders.clear();
        copy.builders.putAll(builders);
        copy.current = current;
        copy.builderAlias = builderAlias;
        copy.registryServices.putAll(registryServices);
        copy.stoppedRegistries.putAll(stoppedRegistries);
        copy.jobNetworkRegistries.putAll(jobNetworkRegistries);
        copy.contexts.addAll(contexts);
        pushed.forEach((host, tags) -> copy.pushed.put(host, new LinkedHashSet<>(tags)));
        copy.unloaded.putAll(unloaded);
        copy.pendingStore = pendingStore;
        copy.step = step;
        copy.builderSteps.putAll(builderSteps);
        return copy;
    }

    /**
     * Takes what a parallel build (a bake target, a compose service) left in {@code other}, a copy made before the
     * run: its images, results, files and pushes. Builds of one run do not see each other's results; the steps after
     * the run see them all.
     */
    void absorb(RunnerState other) {
        daemonImages.putAll(other.daemonImages);
        unloaded.putAll(other.unloaded);
        other.files.forEach((file, tags) -> files.put(file, new LinkedHashSet<>(tags)));
        other.pushed.forEach((host, tags) -> pushed.computeIfAbsent(host, h -> new LinkedHashSet<>()).addAll(tags));
    }

    void addToDaemon(ImageReference reference, String origin, boolean pulled) {
        daemonImages.put(reference.normalized(), new LocalImage(origin, pulled, step));
        unloaded.remove(reference.normalized());
    }

    boolean inDaemon(ImageReference reference) {
        return daemonImages.containsKey(reference.normalized());
    }

    void recordPush(ImageReference reference) {
        pushed.computeIfAbsent(reference.domain(), d -> new LinkedHashSet<>()).add(reference.path() + ":" + reference.tag());
    }

    /**
     * dockerd restarts: containers stop (those with {@code --restart always} come back, unless the image store
     * changed), and a new image store hides the other store's images (buildx-facts §9.2).
     */
    void restartDaemon(String where) {
        boolean storeSwitch = pendingStore != null && pendingStore != imageStore;
        for (Map.Entry<String, RegistryContainer> registry : new ArrayList<>(registryServices.entrySet())) {
            if (storeSwitch || !registry.getValue().restartsAlways()) {
                registryServices.remove(registry.getKey());
                stoppedRegistries.put(registry.getKey(), registry.getValue().source() + " was stopped by the dockerd restart at " + where
                        + (storeSwitch ? " (the image store changed, so it did not come back)" : ""));
                pushed.remove(registry.getKey());
            }
        }
        if (storeSwitch) {
            imageStore = pendingStore;
            daemonImages.clear();
            unknownLoads.clear();
        }
        pendingStore = null;
    }

    /** A new daemon with its own context (docker/setup-docker-action): nothing loaded before is in it. */
    void newDaemon(String newContext, ImageStoreKind store) {
        context = newContext;
        imageStore = store;
        daemonImages.clear();
        unknownLoads.clear();
        builders.put(newContext, new SimBuilder(newContext, VisibilityRules.DOCKER, Map.of()));
        current = newContext;
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
        ImageStoreKind store = imageStore == ImageStoreKind.UNKNOWN ? ImageStoreKind.CLASSIC : imageStore;
        Daemon daemon = new Daemon(true, context, SOCKET, "runner", "", "linux", "x86_64", "",
                store, List.of("127.0.0.0/8"), List.of(), images, List.of(), List.of());
        List<Registry> registries = new ArrayList<>();
        for (Map.Entry<String, RegistryContainer> service : registryServices.entrySet()) {
            Map<String, List<Registry.RegistryTag>> repositories = new LinkedHashMap<>();
            for (String pathAndTag : pushed.getOrDefault(service.getKey(), Set.of())) {
                int colon = pathAndTag.lastIndexOf(':');
                repositories.computeIfAbsent(pathAndTag.substring(0, colon), r -> new ArrayList<>())
                        .add(new Registry.RegistryTag(pathAndTag.substring(colon + 1), ""));
            }
            List<Registry.RegistryRepository> listed = new ArrayList<>();
            repositories.forEach((name, tags) -> listed.add(new Registry.RegistryRepository(name, tags)));
            registries.add(new Registry(service.getKey(), true, service.getValue().source(), true, true, "", listed, false));
        }
        registries.add(new Registry(SnapshotAssembler.DOCKER_HUB, false, "Docker Hub: not queried", false, false, "", List.of(), false));

        List<Store> stores = new ArrayList<>();
        stores.add(new Store(StoreIds.daemon(context), StoreKind.DAEMON, context, "runner daemon"));
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
            BuilderNode node = new BuilderNode(docker ? sim.name() : sim.name() + "0", docker ? sim.name() : SOCKET, "running", "",
                    List.of(), sim.driverOpts(), List.of(), "", null);
            Builder builder = new Builder(sim.name(), sim.driver(), sim.name().equals(current), docker, null, List.of(node), List.of(), "",
                    sim.madeBy());
            built.add(builder.withAccess(VisibilityRules.accessFor(builder, stores, VisibilityRules.localEndpoint(daemon))));
        }
        return new Snapshot(Instant.EPOCH, "workflow job " + job, daemon, built, stores, registries, List.of(), List.of(),
                DockerClient.assumedWithBuildx("GitHub-hosted runners ship the buildx plugin"));
    }
}
