package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.model.RegistryHosts;

/**
 * What the user chooses for the fixes: the registry the bridge pushes the image to and builds from ({@code HOST:PORT};
 * a workflow's registry service runs on the runner's localhost).
 */
public record FixChoices(String registryHost) {

    public static final String DEFAULT_REGISTRY = "localhost:5000";

    public FixChoices {
        registryHost = registryHost == null || registryHost.isBlank() ? DEFAULT_REGISTRY : registryHost.trim();
    }

    public static FixChoices defaults() {
        return new FixChoices(DEFAULT_REGISTRY);
    }

    public int registryPort() {
        return RegistryHosts.port(registryHost);
    }
}
