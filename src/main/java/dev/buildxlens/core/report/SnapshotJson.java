package dev.buildxlens.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.Store;
import dev.buildxlens.core.model.StoreAccess;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON form of a snapshot: the contract scripts rely on ({@code inspect --format json}). Field names are
 * spelled here, once, and never derived from Java names, so refactoring cannot break a user's script.
 */
public final class SnapshotJson {


    private SnapshotJson() {
    }

    public static String write(Snapshot snapshot) {
        return JsonTrees.pretty(tree(snapshot));
    }

    public static ObjectNode tree(Snapshot snapshot) {
        ObjectNode root = JsonTrees.object();
        root.put("takenAt", snapshot.takenAt().toString());
        root.put("origin", snapshot.origin());
        root.set("daemon", daemon(snapshot.daemon(), new ImageLocations(snapshot)));
        ArrayNode contexts = root.putArray("contexts");
        snapshot.engines().forEach(engine -> contexts.add(context(engine)));
        ArrayNode builders = root.putArray("builders");
        snapshot.builders().forEach(b -> builders.add(builder(b)));
        ArrayNode stores = root.putArray("stores");
        snapshot.stores().forEach(s -> stores.add(store(s)));
        ArrayNode registries = root.putArray("registries");
        snapshot.registries().forEach(r -> registries.add(registry(r)));
        strings(root.putArray("problems"), snapshot.problems());
        strings(root.putArray("notes"), snapshot.notes());
        return root;
    }

    /** One context's engine: whether it answered, its store, and how many images it holds. */
    private static ObjectNode context(ContextEngine engine) {
        ObjectNode node = JsonTrees.object();
        node.put("name", engine.name());
        node.put("host", engine.host());
        node.put("current", engine.current());
        node.put("reachable", engine.reachable());
        node.put("state", engine.state().label());
        if (!engine.error().isEmpty()) {
            node.put("error", engine.error());
        }
        node.put("storeId", engine.storeId());
        node.put("imageStore", engine.daemon().imageStore().label());
        ObjectNode images = node.putObject("images");
        if (engine.reachable()) {
            images.put("count", engine.daemon().images().size());
        } else {
            images.putNull("count");
        }
        if (engine.daemon().hiddenImages() != Daemon.NOT_COUNTED) {
            images.put("hidden", engine.daemon().hiddenImages());
        }
        return node;
    }

    private static ObjectNode daemon(Daemon daemon, ImageLocations locations) {
        ObjectNode node = JsonTrees.object();
        node.put("reachable", daemon.reachable());
        node.put("host", daemon.host());
        node.put("context", daemon.context());
        node.put("serverVersion", daemon.serverVersion());
        node.put("apiVersion", daemon.apiVersion());
        node.put("os", daemon.os());
        node.put("arch", daemon.arch());
        node.put("storageDriver", daemon.storageDriver());
        node.put("imageStore", daemon.imageStore().label());
        node.put("storeId", daemon.storeId());
        strings(node.putArray("insecureRegistries"), daemon.insecureRegistries());
        strings(node.putArray("registryMirrors"), daemon.registryMirrors());
        strings(node.putArray("registryCaHosts"), daemon.registryCaHosts());
        if (daemon.hiddenImages() != Daemon.NOT_COUNTED) {
            node.put("hiddenImages", daemon.hiddenImages());
        }
        if (daemon.proxy().isSet() || !daemon.proxy().noProxy().isEmpty()) {
            ObjectNode proxy = node.putObject("proxy");
            // dockerd masks a proxy's password; the user name in the URL is hidden too, as in every output.
            proxy.put("http", dev.buildxlens.core.model.Secrets.maskValues(daemon.proxy().http()));
            proxy.put("https", dev.buildxlens.core.model.Secrets.maskValues(daemon.proxy().https()));
            proxy.put("noProxy", daemon.proxy().noProxy());
        }
        ArrayNode attempts = node.putArray("attempts");
        for (DiscoveryAttempt attempt : daemon.attempts()) {
            ObjectNode a = attempts.addObject();
            a.put("source", attempt.source());
            a.put("host", attempt.host());
            a.put("succeeded", attempt.succeeded());
            a.put("message", attempt.message());
        }
        ArrayNode images = node.putArray("images");
        for (Image image : daemon.images()) {
            ObjectNode i = images.addObject();
            i.put("id", image.id());
            strings(i.putArray("tags"), image.tags());
            strings(i.putArray("digests"), image.digests());
            i.put("size", image.size());
            i.put("created", image.created().toString());
            i.put("dangling", image.dangling());
            if (!image.platforms().isEmpty()) {
                strings(i.putArray("platforms"), image.platforms().stream().map(Object::toString).toList());
            }
            strings(i.putArray("alsoIn"), locations.registryCopies(image));
        }
        ArrayNode containers = node.putArray("containers");
        for (Container container : daemon.containers()) {
            ObjectNode c = containers.addObject();
            c.put("id", container.id());
            c.put("name", container.name());
            c.put("image", container.image());
            c.put("state", container.state());
            c.put("networkMode", container.networkMode());
            ArrayNode ports = c.putArray("ports");
            for (Container.PublishedPort port : container.ports()) {
                ObjectNode p = ports.addObject();
                p.put("hostIp", port.hostIp());
                p.put("hostPort", port.hostPort());
                p.put("containerPort", port.containerPort());
                p.put("protocol", port.protocol());
            }
            strings(c.putArray("volumes"), container.volumes());
            container.builderNodeName().ifPresent(nodeName -> c.put("builderNode", nodeName));
            c.put("registry", container.looksLikeRegistry());
        }
        return node;
    }

    private static ObjectNode builder(Builder builder) {
        ObjectNode node = JsonTrees.object();
        node.put("name", builder.name());
        node.put("driver", builder.driver());
        node.put("current", builder.current());
        node.put("dockerContext", builder.fromDockerContext());
        node.put("status", builder.status());
        if (builder.lastActivity() != null) {
            node.put("lastActivity", builder.lastActivity().toString());
        }
        if (!builder.error().isEmpty()) {
            node.put("error", builder.error());
        }
        ArrayNode nodes = node.putArray("nodes");
        for (BuilderNode n : builder.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("name", n.name());
            o.put("endpoint", n.endpoint());
            o.put("status", n.status());
            o.put("buildkitVersion", n.buildkitVersion());
            strings(o.putArray("platforms"), n.platforms());
            map(o.putObject("driverOpts"), n.driverOpts());
            strings(o.putArray("buildkitdFlags"), n.buildkitdFlags());
            if (!n.buildkitdConfig().isEmpty()) {
                o.put("buildkitdConfig", n.buildkitdConfig());
            }
            n.backingContainer().ifPresent(c -> {
                ObjectNode container = o.putObject("container");
                container.put("name", c.name());
                container.put("state", c.state());
                container.put("networkMode", c.networkMode());
                container.put("stateVolume", c.stateVolumePresent());
            });
        }
        strings(node.putArray("canRead"), builder.canRead());
        ArrayNode access = node.putArray("access");
        for (StoreAccess a : builder.access()) {
            ObjectNode o = access.addObject();
            o.put("store", a.storeId());
            o.put("access", a.access().label());
            o.put("reason", a.reason());
        }
        return node;
    }

    private static ObjectNode store(Store store) {
        ObjectNode node = JsonTrees.object();
        node.put("id", store.id());
        node.put("kind", store.kind().label());
        node.put("name", store.name());
        node.put("description", store.description());
        return node;
    }

    private static ObjectNode registry(Registry registry) {
        ObjectNode node = JsonTrees.object();
        node.put("host", registry.host());
        node.put("storeId", registry.storeId());
        node.put("loopback", registry.loopback());
        node.put("source", registry.source());
        node.put("queried", registry.queried());
        node.put("reachable", registry.reachable());
        if (!registry.error().isEmpty()) {
            node.put("error", registry.error());
        }
        node.put("truncated", registry.truncated());
        ArrayNode repositories = node.putArray("repositories");
        for (Registry.RegistryRepository repository : registry.repositories()) {
            ObjectNode r = repositories.addObject();
            r.put("name", repository.name());
            ArrayNode tags = r.putArray("tags");
            for (Registry.RegistryTag tag : repository.tags()) {
                ObjectNode t = tags.addObject();
                t.put("tag", tag.tag());
                t.put("digest", tag.digest());
            }
        }
        return node;
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static void map(ObjectNode object, Map<String, String> values) {
        new java.util.TreeMap<>(values).forEach(object::put);
    }
}
