package dev.buildxlens.core.diagnose;

import java.util.List;

/**
 * The catalog of findings: stable ids, severity, and the fixes that apply (ids of the fix catalog). The README
 * documents each; a test keeps the two in step.
 */
public enum FindingKind {
    LOCAL_IMAGE_INVISIBLE("local-image-invisible", Severity.ERROR,
            List.of("use-docker-driver", "local-registry-bridge", "oci-layout-context")),
    LOCALHOST_REGISTRY_UNREACHABLE("localhost-registry-unreachable", Severity.ERROR,
            List.of("add-network-host", "use-docker-driver")),
    LOCALHOST_REGISTRY_MISSING("localhost-registry-missing", Severity.ERROR, List.of("add-registry-service")),
    DOCKER_DRIVER_MULTIPLATFORM("docker-driver-multiplatform", Severity.ERROR,
            List.of("use-container-builder", "enable-containerd-store")),
    DOCKER_DRIVER_CACHE_EXPORT("docker-driver-cache-export", Severity.ERROR,
            List.of("use-container-builder", "enable-containerd-store")),
    DOCKER_EXPORTER_MULTIPLATFORM("docker-exporter-multiplatform", Severity.ERROR,
            List.of("use-oci-exporter", "enable-containerd-store")),
    DOCKER_DRIVER_EXPORTER("docker-driver-exporter", Severity.ERROR, List.of("use-container-builder", "enable-containerd-store")),
    RESULT_NOT_LOADED("result-not-loaded", Severity.ERROR, List.of("load-result")),
    IMAGE_FROM_OTHER_JOB("image-from-other-job", Severity.ERROR, List.of("transfer-between-jobs")),
    FROM_ARG_WITHOUT_DEFAULT("from-arg-without-default", Severity.ERROR, List.of("add-arg-default")),
    PULL_FORCES_REGISTRY("pull-forces-registry", Severity.ERROR, List.of("drop-pull")),
    ACTION_INPUT_REMOVED("action-input-removed", Severity.WARNING, List.of("rename-action-input")),
    IMAGE_NOT_IN_REGISTRY("image-not-in-registry", Severity.ERROR, List.of("local-registry-bridge")),
    COMPOSE_SERVICE_NOT_LINKED("compose-service-not-linked", Severity.ERROR, List.of("link-service-context")),
    BAKE_TARGET_NOT_LINKED("bake-target-not-linked", Severity.ERROR, List.of("link-target-context")),
    BUILDX_CREATE_TLS_ENV("buildx-create-tls-env", Severity.ERROR, List.of("use-docker-context")),
    SERVICE_REGISTRY_UNREACHABLE("service-registry-unreachable", Severity.ERROR, List.of("add-network-host", "use-docker-driver")),
    IMAGE_IN_OTHER_CONTEXT("image-in-other-context", Severity.ERROR,
            List.of("build-on-context-builder", "move-image-to-context", "switch-context")),
    LOCAL_IMAGE_WRONG_PLATFORM("local-image-wrong-platform", Severity.ERROR,
            List.of("build-for-image-platform", "load-image-platform")),
    REGISTRY_CONFIG_NOT_INHERITED("registry-config-not-inherited", Severity.ERROR, List.of("builder-registry-config")),
    IMAGE_UNRESOLVED("image-unresolved", Severity.INFO, List.of()),
    NOT_ANALYSED("not-analysed", Severity.INFO, List.of()),
    /** A build log that failed where no line maps to a cause Buildx Lens knows: says what was understood. */
    LOG_NOT_RECOGNISED("log-not-recognised", Severity.INFO, List.of());

    private final String id;
    private final Severity severity;
    private final List<String> fixes;

    FindingKind(String id, Severity severity, List<String> fixes) {
        this.id = id;
        this.severity = severity;
        this.fixes = List.copyOf(fixes);
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public List<String> fixes() {
        return fixes;
    }

    /** Findings that hold only with the classic image store: on an engine whose store is unknown they are warnings. */
    public boolean dependsOnImageStore() {
        return this == DOCKER_DRIVER_MULTIPLATFORM || this == DOCKER_DRIVER_CACHE_EXPORT || this == DOCKER_DRIVER_EXPORTER
                || this == DOCKER_EXPORTER_MULTIPLATFORM;
    }
}
