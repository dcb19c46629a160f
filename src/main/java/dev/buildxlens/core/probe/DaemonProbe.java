package dev.buildxlens.core.probe;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.InfoRegistryConfig;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.ImageStoreKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the daemon's facts, image store and containers through one open connection. Each call that fails
 * becomes a problem line and the rest are still read; docker-java types never leave this class.
 */
final class DaemonProbe {

    private static final String NONE_TAG = "<none>:<none>";
    private static final String NONE_DIGEST = "<none>@<none>";

    private DaemonProbe() {
    }

    static Daemon read(DockerConnection connection, String context, String host, List<DiscoveryAttempt> attempts,
                       Consumer<String> problems) {
        DockerClient client = connection.client();
        Info info = null;
        try {
            info = client.infoCmd().exec();
        } catch (RuntimeException e) {
            problems.accept("daemon info failed: " + Messages.firstLine(e));
        }
        List<Image> images = new ArrayList<>();
        try {
            client.listImagesCmd().withShowAll(true).exec().forEach(image -> images.add(image(image)));
        } catch (RuntimeException e) {
            problems.accept("listing images failed: " + Messages.firstLine(e));
        }
        List<Container> containers = new ArrayList<>();
        try {
            client.listContainersCmd().withShowAll(true).exec().forEach(c -> containers.add(container(c)));
        } catch (RuntimeException e) {
            problems.accept("listing containers failed: " + Messages.firstLine(e));
        }
        String os = info == null ? "" : nullToEmpty(info.getOsType());
        String arch = info == null ? "" : nullToEmpty(info.getArchitecture());
        String storageDriver = info == null ? "" : nullToEmpty(info.getDriver());
        ImageStoreKind store = info == null ? ImageStoreKind.UNKNOWN : imageStoreKind(info.getDriverStatuses());
        List<String> insecure = new ArrayList<>();
        List<String> mirrors = new ArrayList<>();
        if (info != null && info.getRegistryConfig() != null) {
            InfoRegistryConfig registryConfig = info.getRegistryConfig();
            if (registryConfig.getInsecureRegistryCIDRs() != null) {
                insecure.addAll(registryConfig.getInsecureRegistryCIDRs());
            }
            if (registryConfig.getIndexConfigs() != null) {
                registryConfig.getIndexConfigs().forEach((name, index) -> {
                    if (Boolean.FALSE.equals(index.getSecure()) && !insecure.contains(name)) {
                        insecure.add(name);
                    }
                    if (index.getMirrors() != null) {
                        for (Object mirror : index.getMirrors()) {
                            if (!mirrors.contains(String.valueOf(mirror))) {
                                mirrors.add(String.valueOf(mirror));
                            }
                        }
                    }
                });
            }
        }
        return new Daemon(true, context, host, connection.serverVersion(), connection.apiVersion(), os, arch,
                storageDriver, store, insecure, mirrors, images, containers, attempts);
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

    private static Image image(com.github.dockerjava.api.model.Image image) {
        List<String> tags = image.getRepoTags() == null ? List.of()
                : Arrays.stream(image.getRepoTags()).filter(t -> !NONE_TAG.equals(t)).toList();
        List<String> digests = image.getRepoDigests() == null ? List.of()
                : Arrays.stream(image.getRepoDigests()).filter(d -> !NONE_DIGEST.equals(d)).toList();
        long size = image.getSize() == null ? 0 : image.getSize();
        Instant created = image.getCreated() == null ? Instant.EPOCH : Instant.ofEpochSecond(image.getCreated());
        return new Image(image.getId(), tags, digests, size, created);
    }

    private static Container container(com.github.dockerjava.api.model.Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0];
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        List<Container.PublishedPort> ports = new ArrayList<>();
        if (c.getPorts() != null) {
            for (ContainerPort port : c.getPorts()) {
                if (port.getPublicPort() != null) {
                    ports.add(new Container.PublishedPort(nullToEmpty(port.getIp()), port.getPublicPort(),
                            port.getPrivatePort() == null ? 0 : port.getPrivatePort(), nullToEmpty(port.getType())));
                }
            }
        }
        String networkMode = c.getHostConfig() == null ? "" : nullToEmpty(c.getHostConfig().getNetworkMode());
        List<String> volumes = new ArrayList<>();
        if (c.getMounts() != null) {
            for (ContainerMount mount : c.getMounts()) {
                if (mount.getName() != null) {
                    volumes.add(mount.getName());
                }
            }
        }
        return new Container(c.getId(), name, nullToEmpty(c.getImage()), nullToEmpty(c.getImageId()),
                nullToEmpty(c.getState()), ports, networkMode, volumes);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
