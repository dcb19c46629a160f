package dev.buildxlens.core.fix;

/**
 * The fix catalog: stable ids, titles, what each costs, and whether one plan serves every finding of a build
 * ({@code wholeBuild}: switching the builder fixes every image at once) or each finding needs its own (a bridge is
 * for one image).
 */
public enum FixKind {
    USE_DOCKER_DRIVER("use-docker-driver", "Build on the docker driver",
            true, new Tradeoffs("no (unless the containerd image store is on)", "inline only (unless the containerd image store is on)", false, false, "none")),
    LOCAL_REGISTRY_BRIDGE("local-registry-bridge", "Bridge through a local registry",
            false, new Tradeoffs("yes", "yes", true, false, "a push and a pull of the base image")),
    OCI_LAYOUT_CONTEXT("oci-layout-context", "Hand the image over as an OCI layout",
            false, new Tradeoffs("yes", "yes", false, false, "a copy of the base image to disk")),
    ENABLE_CONTAINERD_STORE("enable-containerd-store", "Turn on the containerd image store",
            true, new Tradeoffs("yes", "yes", false, true, "none")),
    ADD_NETWORK_HOST("add-network-host", "Give the builder the host network",
            true, new Tradeoffs("yes", "yes", true, false, "none")),
    LOAD_RESULT("load-result", "Load the build result into the daemon",
            false, new Tradeoffs("one platform per load (all with the containerd image store)", "yes", false, false, "the time to export and load")),
    TRANSFER_BETWEEN_JOBS("transfer-between-jobs", "Carry the image to the other job",
            false, new Tradeoffs("yes", "yes", false, false, "an artifact upload and download")),
    USE_CONTAINER_BUILDER("use-container-builder", "Build on a docker-container builder",
            true, new Tradeoffs("yes", "yes", false, false, "a builder start (about 10 s)")),
    USE_OCI_EXPORTER("use-oci-exporter", "Export an OCI archive (or one platform)",
            true, new Tradeoffs("yes", "yes", false, false, "none")),
    ADD_ARG_DEFAULT("add-arg-default", "Give the ARG a default", false, new Tradeoffs("yes", "yes", false, false, "none")),
    ADD_REGISTRY_SERVICE("add-registry-service", "Start a registry where the build expects one",
            false, new Tradeoffs("yes", "yes", true, false, "a registry start (a few seconds)")),
    DROP_PULL("drop-pull", "Stop forcing a pull", true, new Tradeoffs("yes", "yes", false, false, "none")),
    RENAME_ACTION_INPUT("rename-action-input", "Use the input's new name", false, new Tradeoffs("yes", "yes", false, false, "none")),
    USE_DOCKER_CONTEXT("use-docker-context", "Create the builder from a Docker context", false,
            new Tradeoffs("yes", "yes", false, false, "none")),
    LINK_TARGET_CONTEXT("link-target-context", "Link the target to the one that builds its base", false,
            new Tradeoffs("yes", "yes", false, false, "none: bake then builds the base first")),
    LINK_SERVICE_CONTEXT("link-service-context", "Link the service to the one that builds its base", false,
            new Tradeoffs("yes", "yes", false, false, "none: the base is then built first")),
    BUILD_ON_CONTEXT_BUILDER("build-on-context-builder", "Build on the engine that has the image", true,
            new Tradeoffs("no (unless that engine uses the containerd image store)", "inline only (unless that engine uses the containerd image store)",
                    false, false, "none")),
    MOVE_IMAGE_TO_CONTEXT("move-image-to-context", "Copy the image into this engine", false,
            new Tradeoffs("yes", "yes", false, false, "a save and a load of the image")),
    SWITCH_CONTEXT("switch-context", "Switch the Docker CLI to the other context", true,
            new Tradeoffs("as that engine allows", "as that engine allows", false, false, "none")),
    BUILD_FOR_IMAGE_PLATFORM("build-for-image-platform", "Build for the local image's platform", false,
            new Tradeoffs("one platform", "yes", false, false, "emulation when the platform is not the machine's own")),
    LOAD_IMAGE_PLATFORM("load-image-platform", "Load the image for the build's platform", false,
            new Tradeoffs("yes", "yes", false, false, "a build or pull of the base image for that platform")),
    BUILDER_REGISTRY_CONFIG("builder-registry-config", "Give the builder the registry settings", true,
            new Tradeoffs("yes", "yes", false, false, "a builder restart"));

    private final String id;
    private final String title;
    private final boolean wholeBuild;
    private final Tradeoffs tradeoffs;

    FixKind(String id, String title, boolean wholeBuild, Tradeoffs tradeoffs) {
        this.id = id;
        this.title = title;
        this.wholeBuild = wholeBuild;
        this.tradeoffs = tradeoffs;
    }

    /** True when one plan fixes every finding of a build (another builder), false when each finding needs its own. */
    public boolean wholeBuild() {
        return wholeBuild;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Tradeoffs tradeoffs() {
        return tradeoffs;
    }

    public static FixKind byId(String id) {
        for (FixKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no fix " + id);
    }
}
