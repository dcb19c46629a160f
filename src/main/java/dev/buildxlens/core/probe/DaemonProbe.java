package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DaemonProxy;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.ImageStoreKind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the daemon's facts, image store and containers through one open connection. Each call that fails
 * becomes a problem line and the rest are still read; the daemon's JSON never leaves this class.
 */
final class DaemonProbe {

    private static final String NONE_TAG = "<none>:<none>";
    private static final String NONE_DIGEST = "<none>@<none>";

    private DaemonProbe() {
    }

    static Daemon read(DockerConnection connection, String context, String host, List<DiscoveryAttempt> attempts,
                       Consumer<String> problems) {
        return read(connection, context, host, attempts, problems, IN_TURN);
    }

    private static final String INFO = "/info";
    private static final String IMAGES = "/images/json?all=1";
    private static final String CONTAINERS = "/containers/json?all=1";

    /** What {@link #read} asks every daemon, whatever its version: a connection may send these ahead. */
    static final List<String> REQUESTS = List.of(IMAGES, INFO, CONTAINERS);

    /** Asks one thing after the other, on the calling thread: /info, then the images, then the containers. */
    static final java.util.concurrent.Executor IN_TURN = Runnable::run;

    /**
     * As above, with the image and container lists asked for on {@code executor} while {@code /info} is read here: the
     * daemon answers the three independently (about 20, 60 and 10 ms at 1,000 images on dockerd 20.10), and the
     * transport opens a connection per request. Problems are reported in the order info, images, containers.
     */
    static Daemon read(DockerConnection connection, String context, String host, List<DiscoveryAttempt> attempts,
                       Consumer<String> problems, java.util.concurrent.Executor executor) {
        List<String> imageProblems = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> containerProblems = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Supplier<JsonNode> imagesCall = () -> get(connection, IMAGES, true, "listing images", imageProblems::add);
        java.util.function.Supplier<JsonNode> containersCall =
                () -> get(connection, CONTAINERS, true, "listing containers", containerProblems::add);
        boolean together = executor != IN_TURN;
        java.util.concurrent.CompletableFuture<JsonNode> imagesAsked = together
                ? java.util.concurrent.CompletableFuture.supplyAsync(imagesCall, executor) : null;
        java.util.concurrent.CompletableFuture<JsonNode> containersAsked = together
                ? java.util.concurrent.CompletableFuture.supplyAsync(containersCall, executor) : null;
        JsonNode info = get(connection, INFO, false, "daemon info", problems);
        List<Image> images = new ArrayList<>();
        JsonNode imageList = together ? imagesAsked.join() : imagesCall.get();
        imageProblems.forEach(problems);
        if (imageList != null) {
            imageList.forEach(image -> images.add(image(image)));
            // The daemon lists images in a different order on every call; newest first (as docker images shows
            // them), then by id, makes equal image sets equal lists, so a refresh can tell that nothing changed.
            images.sort(java.util.Comparator.comparing(Image::created).reversed().thenComparing(Image::id));
        }
        List<Container> containers = new ArrayList<>();
        JsonNode containerList = together ? containersAsked.join() : containersCall.get();
        containerProblems.forEach(problems);
        if (containerList != null) {
            containerList.forEach(c -> containers.add(container(c)));
        }
        containers.replaceAll(c -> hostNetworkRegistry(connection, c, problems));
        String os = Json.text(info, "OSType");
        String arch = Json.text(info, "Architecture");
        String storageDriver = Json.text(info, "Driver");
        ImageStoreKind store = info == null ? ImageStoreKind.UNKNOWN : imageStoreKind(driverStatuses(info));
        List<String> insecure = new ArrayList<>();
        List<String> mirrors = new ArrayList<>();
        JsonNode registryConfig = Json.field(info, "RegistryConfig");
        if (registryConfig != null && registryConfig.isObject()) {
            insecure.addAll(Json.strings(registryConfig, "InsecureRegistryCIDRs"));
            JsonNode indexConfigs = Json.field(registryConfig, "IndexConfigs");
            if (indexConfigs != null && indexConfigs.isObject()) {
                indexConfigs.fields().forEachRemaining(entry -> {
                    JsonNode index = entry.getValue();
                    JsonNode secure = Json.field(index, "Secure");
                    if (secure != null && secure.isBoolean() && !secure.booleanValue() && !insecure.contains(entry.getKey())) {
                        insecure.add(entry.getKey());
                    }
                    for (String mirror : Json.strings(index, "Mirrors")) {
                        if (!mirrors.contains(mirror)) {
                            mirrors.add(mirror);
                        }
                    }
                });
            }
        }
        String localHostname = HiddenImages.localHostname();
        int hidden = HiddenImages.count(store, host, Json.text(info, "DockerRootDir"), Json.text(info, "Name"),
                localHostname, problems);
        boolean onThisMachine = host.startsWith("unix://") && Json.text(info, "Name").equals(localHostname);
        List<String> caHosts = onThisMachine ? certsDHosts(java.nio.file.Path.of("/etc/docker/certs.d")) : List.of();
        return new Daemon(true, context, host, connection.serverVersion(), connection.apiVersion(), os, arch,
                storageDriver, store, insecure, mirrors, images, containers, attempts, hidden, caHosts,
                new DaemonProxy(Json.text(info, "HttpProxy"), Json.text(info, "HttpsProxy"), Json.text(info, "NoProxy")));
    }

    /** Hosts with a CA the daemon trusts: {@code /etc/docker/certs.d/<host:port>/*.crt} (the daemon's own rule). */
    static List<String> certsDHosts(java.nio.file.Path certsD) {
        List<String> hosts = new ArrayList<>();
        if (!java.nio.file.Files.isDirectory(certsD)) {
            return hosts;
        }
        try (java.util.stream.Stream<java.nio.file.Path> dirs = java.nio.file.Files.list(certsD)) {
            for (java.nio.file.Path dir : dirs.sorted().toList()) {
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
                    if (files.anyMatch(f -> f.getFileName().toString().endsWith(".crt"))) {
                        hosts.add(dir.getFileName().toString());
                    }
                } catch (IOException e) {
                    // An unreadable host directory is one the probe cannot speak for.
                }
            }
        } catch (IOException e) {
            return hosts;
        }
        return hosts;
    }

    /** One GET; a failure becomes a problem line naming what was being read, and {@code null}. */
    private static JsonNode get(DockerConnection connection, String path, boolean list, String what, Consumer<String> problems) {
        try {
            JsonNode answer = connection.getJson(path);
            if (list ? !answer.isArray() : !answer.isObject()) {
                problems.accept(what + " failed: the daemon answered " + answer.getNodeType().name().toLowerCase()
                        + " where " + (list ? "a list" : "an object") + " was expected");
                return null;
            }
            return answer;
        } catch (java.net.SocketException e) {
            // It answered a moment ago: refused or gone now means it stopped (or restarted) during this read.
            problems.accept(what + " failed: the daemon stopped answering (" + Messages.firstLine(e) + ")");
            return null;
        } catch (IOException e) {
            problems.accept(what + " failed: " + Messages.firstLine(e));
            return null;
        }
    }

    private static List<List<String>> driverStatuses(JsonNode info) {
        JsonNode statuses = Json.field(info, "DriverStatus");
        List<List<String>> out = new ArrayList<>();
        if (statuses != null && statuses.isArray()) {
            for (JsonNode pair : statuses) {
                List<String> values = new ArrayList<>();
                pair.forEach(v -> values.add(v.asText()));
                out.add(values);
            }
        }
        return out;
    }

    /**
     * The containerd image store reports {@code ["driver-type", "io.containerd.snapshotter.v1"]} in DriverStatus;
     * buildx checks exactly this (buildx-facts §4.1, §4.3).
     */
    static ImageStoreKind imageStoreKind(List<? extends List<String>> driverStatuses) {
        if (driverStatuses == null) {
            return ImageStoreKind.CLASSIC;
        }
        for (List<String> pair : driverStatuses) {
            if (pair != null && pair.size() == 2 && "driver-type".equals(pair.get(0))
                    && "io.containerd.snapshotter.v1".equals(pair.get(1))) {
                return ImageStoreKind.CONTAINERD;
            }
        }
        return ImageStoreKind.CLASSIC;
    }

    private static Image image(JsonNode image) {
        List<String> tags = Json.strings(image, "RepoTags").stream().filter(t -> !NONE_TAG.equals(t)).toList();
        List<String> digests = Json.strings(image, "RepoDigests").stream().filter(d -> !NONE_DIGEST.equals(d)).toList();
        JsonNode created = Json.field(image, "Created");
        return new Image(Json.text(image, "Id"), tags, digests, Json.field(image, "Size") == null ? 0 : Json.field(image, "Size").asLong(0),
                created == null ? Instant.EPOCH : Instant.ofEpochSecond(created.asLong(0)));
    }

    /**
     * A registry container on the host network publishes nothing: it listens on the host where its configuration
     * says ({@code REGISTRY_HTTP_ADDR}, else the registry image's own {@code :5000}). That port is read from the
     * container, never assumed; when it cannot be read, the registry has no port and a problem says why.
     */
    private static Container hostNetworkRegistry(DockerConnection connection, Container container, Consumer<String> problems) {
        if (!container.looksLikeRegistry() || !container.running() || !"host".equals(container.networkMode())) {
            return container;
        }
        JsonNode inspect = get(connection, "/containers/" + container.id() + "/json", false, "reading registry container "
                + container.name(), problems);
        if (inspect == null) {
            return container;
        }
        int port = 5000;
        for (String variable : Json.strings(Json.field(inspect, "Config"), "Env")) {
            if (variable.startsWith("REGISTRY_HTTP_ADDR=")) {
                String address = variable.substring("REGISTRY_HTTP_ADDR=".length());
                try {
                    port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                } catch (NumberFormatException e) {
                    problems.accept("registry container " + container.name() + ": REGISTRY_HTTP_ADDR '" + address + "' names no port");
                    return container;
                }
            }
        }
        List<Container.PublishedPort> ports = List.of(new Container.PublishedPort("", port, port, "tcp"));
        return new Container(container.id(), container.name(), container.image(), container.imageId(), container.state(), ports,
                container.networkMode(), container.volumes());
    }

    private static Container container(JsonNode c) {
        List<String> names = Json.strings(c, "Names");
        String name = names.isEmpty() ? Json.text(c, "Id") : names.get(0);
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        List<Container.PublishedPort> ports = new ArrayList<>();
        JsonNode portList = Json.field(c, "Ports");
        if (portList != null && portList.isArray()) {
            for (JsonNode port : portList) {
                JsonNode publicPort = Json.field(port, "PublicPort");
                if (publicPort != null && publicPort.canConvertToInt() && publicPort.asInt() > 0) {
                    JsonNode privatePort = Json.field(port, "PrivatePort");
                    ports.add(new Container.PublishedPort(Json.text(port, "IP"), publicPort.asInt(),
                            privatePort == null ? 0 : privatePort.asInt(0), Json.text(port, "Type")));
                }
            }
        }
        String networkMode = Json.text(Json.field(c, "HostConfig"), "NetworkMode");
        List<String> volumes = new ArrayList<>();
        JsonNode mounts = Json.field(c, "Mounts");
        if (mounts != null && mounts.isArray()) {
            for (JsonNode mount : mounts) {
                String volume = Json.text(mount, "Name");
                if (!volume.isEmpty()) {
                    volumes.add(volume);
                }
            }
        }
        return new Container(Json.text(c, "Id"), name, Json.text(c, "Image"), Json.text(c, "ImageID"),
                Json.text(c, "State"), ports, networkMode, volumes);
    }
}
