package dev.buildxlens.core.model;

import java.util.List;

/**
 * The Docker daemon the current context points at, or the record of why it could not be reached.
 * When {@code reachable} is false only {@code context}, {@code host} and {@code attempts} carry meaning.
 * {@code hiddenImages} counts the images of the image store the daemon is not using (the classic store's, when the
 * containerd store is on): they exist on disk but no build or {@code docker images} sees them until the store is
 * switched back; {@link #NOT_COUNTED} when that could not be read. {@code registryCaHosts} are the registries this
 * machine's daemon trusts a private CA for ({@code /etc/docker/certs.d/<host>/}), read only for a daemon on this machine.
 * {@code proxy}: what dockerd pulls through ({@link DaemonProxy}).
 */
public record Daemon(
        boolean reachable,
        String context,
        String host,
        String serverVersion,
        String apiVersion,
        String os,
        String arch,
        String storageDriver,
        ImageStoreKind imageStore,
        List<String> insecureRegistries,
        List<String> registryMirrors,
        List<Image> images,
        List<Container> containers,
        List<DiscoveryAttempt> attempts,
        int hiddenImages,
        List<String> registryCaHosts,
        DaemonProxy proxy) {

    /** {@code hiddenImages} when they could not be counted (or there is no other store to count). */
    public static final int NOT_COUNTED = -1;

    public Daemon {
        registryCaHosts = registryCaHosts == null ? List.of() : List.copyOf(registryCaHosts);
        proxy = proxy == null ? DaemonProxy.NONE : proxy;
        insecureRegistries = List.copyOf(insecureRegistries);
        registryMirrors = List.copyOf(registryMirrors);
        images = List.copyOf(images);
        containers = List.copyOf(containers);
        attempts = List.copyOf(attempts);
    }

    /** A daemon whose other image store was not counted. */
    public Daemon(boolean reachable, String context, String host, String serverVersion, String apiVersion, String os, String arch,
                  String storageDriver, ImageStoreKind imageStore, List<String> insecureRegistries, List<String> registryMirrors,
                  List<Image> images, List<Container> containers, List<DiscoveryAttempt> attempts) {
        this(reachable, context, host, serverVersion, apiVersion, os, arch, storageDriver, imageStore, insecureRegistries,
                registryMirrors, images, containers, attempts, NOT_COUNTED, List.of(), DaemonProxy.NONE);
    }

    public Daemon withImages(List<Image> value) {
        return new Daemon(reachable, context, host, serverVersion, apiVersion, os, arch, storageDriver, imageStore,
                insecureRegistries, registryMirrors, value, containers, attempts, hiddenImages, registryCaHosts, proxy);
    }

    public Daemon withContainers(List<Container> value) {
        return new Daemon(reachable, context, host, serverVersion, apiVersion, os, arch, storageDriver, imageStore,
                insecureRegistries, registryMirrors, images, value, attempts, hiddenImages, registryCaHosts, proxy);
    }

    public Daemon withHiddenImages(int value) {
        return new Daemon(reachable, context, host, serverVersion, apiVersion, os, arch, storageDriver, imageStore,
                insecureRegistries, registryMirrors, images, containers, attempts, value, registryCaHosts, proxy);
    }

    public Daemon withProxy(DaemonProxy value) {
        return new Daemon(reachable, context, host, serverVersion, apiVersion, os, arch, storageDriver, imageStore,
                insecureRegistries, registryMirrors, images, containers, attempts, hiddenImages, registryCaHosts, value);
    }

    /** The engine's own platform ({@code linux/amd64} for {@code OSType linux}, {@code Architecture x86_64}). */
    public java.util.Optional<Platform> platform() {
        return Platform.ofEngine(os, arch);
    }

    public static Daemon unreachable(String context, String host, List<DiscoveryAttempt> attempts) {
        return new Daemon(false, context, host, "", "", "", "", "", ImageStoreKind.UNKNOWN,
                List.of(), List.of(), List.of(), List.of(), attempts);
    }

    /** The store id of this daemon's image store, e.g. {@code daemon:default}. */
    public String storeId() {
        return StoreIds.daemon(context);
    }
}
