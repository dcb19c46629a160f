package dev.buildxlens.testing;

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
import dev.buildxlens.core.visibility.VisibilityRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-made worlds for analysis tests, built with the same rules as the live probe. */
public final class Snapshots {

    public static final String SOCKET = "unix:///var/run/docker.sock";

    private final List<Image> images = new ArrayList<>();
    private final List<Builder> builders = new ArrayList<>();
    private final List<Registry> registries = new ArrayList<>();
    private ImageStoreKind imageStore = ImageStoreKind.CLASSIC;
    private String current = "default";
    private DockerClient client = DockerClient.assumedWithBuildx("a test world with the plugin");

    public static Snapshots world() {
        Snapshots world = new Snapshots();
        world.builders.add(builder("default", "docker", "default", Map.of()));
        world.registries.add(new Registry("docker.io", false, "Docker Hub", false, false, "", List.of(), false));
        return world;
    }

    private static Builder builder(String name, String driver, String endpoint, Map<String, String> opts) {
        BuilderNode node = new BuilderNode(driver.equals("docker") ? name : name + "0", endpoint, "running", "", List.of(),
                opts, List.of(), "", null);
        return new Builder(name, driver, false, driver.equals("docker"), null, List.of(node), List.of(), "");
    }

    /** A local image ({@code docker load}/{@code build}/{@code tag}): tags, no repo digest. */
    public Snapshots localImage(String... tags) {
        images.add(new Image("sha256:" + Integer.toHexString(images.size() + 1).repeat(8), List.of(tags), List.of(), 10, Instant.EPOCH));
        return this;
    }

    /** An image pulled from (or pushed to) a registry: it carries a repo digest. */
    public Snapshots pulledImage(String tag, String repoDigest) {
        images.add(new Image("sha256:" + Integer.toHexString(images.size() + 1).repeat(8), List.of(tag), List.of(repoDigest), 10, Instant.EPOCH));
        return this;
    }

    public Snapshots builder(String name, String driver, Map<String, String> opts) {
        builders.add(builder(name, driver, SOCKET, opts));
        return this;
    }

    public Snapshots current(String name) {
        this.current = name;
        return this;
    }

    /** The Docker CLI the fixes are written for (default: one with the buildx plugin). */
    public Snapshots client(DockerClient value) {
        this.client = value;
        return this;
    }

    public Snapshots containerdStore() {
        this.imageStore = ImageStoreKind.CONTAINERD;
        return this;
    }

    public Snapshots registry(String host, String repository, String... tags) {
        List<Registry.RegistryTag> tagList = new ArrayList<>();
        for (String tag : tags) {
            tagList.add(new Registry.RegistryTag(tag, "sha256:" + "ab".repeat(32)));
        }
        registries.add(new Registry(host, true, "container registry", true, true, "",
                repository == null ? List.of() : List.of(new Registry.RegistryRepository(repository, tagList)), false));
        return this;
    }

    public Snapshot build() {
        Daemon daemon = new Daemon(true, "default", SOCKET, "20.10.24", "1.41", "linux", "x86_64", "overlay2", imageStore,
                List.of(), List.of(), images, List.of(), List.of());
        List<Store> stores = new ArrayList<>();
        stores.add(new Store(StoreIds.daemon("default"), StoreKind.DAEMON, "default", ""));
        for (Builder b : builders) {
            if (!b.driver().equals("docker")) {
                stores.add(new Store(StoreIds.buildkit(b.name()), StoreKind.BUILDKIT, b.name(), ""));
            }
        }
        for (Registry r : registries) {
            stores.add(new Store(r.storeId(), StoreKind.REGISTRY, r.host(), ""));
        }
        List<Builder> finished = builders.stream()
                .map(b -> b.withCurrent(b.name().equals(current)))
                .map(b -> b.withAccess(VisibilityRules.accessFor(b, stores, VisibilityRules.localEndpoint(daemon))))
                .toList();
        return new Snapshot(Instant.EPOCH, "test", daemon, finished, stores, registries, List.of(), List.of(), client);
    }
}
