package dev.buildxlens.core.model;

import java.util.List;

/**
 * The Docker daemon the current context points at, or the record of why it could not be reached.
 * When {@code reachable} is false only {@code context}, {@code host} and {@code attempts} carry meaning.
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
        List<DiscoveryAttempt> attempts) {

    public Daemon {
        insecureRegistries = List.copyOf(insecureRegistries);
        registryMirrors = List.copyOf(registryMirrors);
        images = List.copyOf(images);
        containers = List.copyOf(containers);
        attempts = List.copyOf(attempts);
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
