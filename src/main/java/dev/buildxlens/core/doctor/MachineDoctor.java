package dev.buildxlens.core.doctor;

import dev.buildxlens.core.fix.Prerequisites;
import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.DockerClient;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.RegistryTrust;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.core.model.StoreIds;
import dev.buildxlens.core.visibility.VisibilityRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checklist of {@code buildx-lens doctor} and Help → Check this machine: one check per thing that decides whether
 * builds see the images users expect, in the order a person would look. A pure function of {@link DoctorInputs}.
 */
public final class MachineDoctor {

    private MachineDoctor() {
    }

    public static List<Check> checks(DoctorInputs inputs) {
        Snapshot snapshot = inputs.snapshot();
        List<Check> checks = new ArrayList<>();
        checks.add(engine(snapshot.daemon()));
        dockerHostOverride(inputs).ifPresent(checks::add);
        for (ContextEngine engine : snapshot.otherEngines()) {
            checks.add(context(engine));
        }
        checks.add(buildx(snapshot.client()));
        inputs.staleCurrent().ifPresent(name -> checks.add(new Check("current-builder", Check.Status.WARNING,
                "The builder store's 'current' names " + name + ", which no longer exists",
                "docker buildx rm (or a deleted instances/ file) left the pointer behind; buildx ignores it and builds on "
                        + snapshot.currentBuilder().map(Builder::name).orElse("the context's builder") + ", which may not be what 'docker buildx use' chose.",
                "docker buildx use " + snapshot.currentBuilder().map(Builder::name).orElse(snapshot.daemon().context()), List.of())));
        if (snapshot.daemon().reachable()) {
            checks.add(imageStore(snapshot.daemon()));
        }
        for (Builder builder : snapshot.builders()) {
            if (!builder.fromDockerContext()) {
                checks.add(builder(builder));
                registryTrust(snapshot, builder).ifPresent(checks::add);
                BuilderProxy.check(snapshot, builder).ifPresent(checks::add);
            }
        }
        for (Registry registry : snapshot.registries()) {
            if (registry.queried()) {
                checks.add(registry(snapshot, registry));
            }
        }
        return checks;
    }

    /** 3 when no engine answers, 1 with any error, 0 otherwise (warnings included). */
    public static int exitCode(Snapshot snapshot, List<Check> checks) {
        if (!snapshot.daemon().reachable()) {
            return 3;
        }
        return checks.stream().anyMatch(c -> c.status() == Check.Status.ERROR) ? 1 : 0;
    }

    private static Check engine(Daemon daemon) {
        List<String> tried = daemon.attempts().stream().map(DiscoveryAttempt::line).toList();
        if (!daemon.reachable()) {
            return new Check("engine", Check.Status.ERROR, "No Docker engine answers (context " + daemon.context() + ", "
                    + (daemon.host().isEmpty() ? "no host" : daemon.host()) + ")",
                    tried.isEmpty() ? "nothing was tried" : String.join("; ", tried),
                    "start the engine (sudo systemctl start docker, or open Docker Desktop / colima start), or point DOCKER_HOST "
                            + "or 'docker context use' at one that runs", tried);
        }
        String source = daemon.attempts().stream().filter(DiscoveryAttempt::succeeded).map(DiscoveryAttempt::source)
                .reduce((a, b) -> b).orElse("");
        return Check.ok("engine", "Docker " + daemon.serverVersion() + " answers at " + daemon.host(),
                "context " + daemon.context() + (source.isEmpty() ? "" : ", chosen by " + source) + "; " + daemon.os() + "/"
                        + daemon.arch() + ", API " + daemon.apiVersion(), tried);
    }

    /** The Docker CLI's own warning when DOCKER_HOST and a context are both set (docker/cli context use/ls). */
    private static Optional<Check> dockerHostOverride(DoctorInputs inputs) {
        if (inputs.dockerHost().isEmpty() || inputs.chosenContext().isEmpty()
                || inputs.chosenContext().get().equals("default")) {
            return Optional.empty();
        }
        return Optional.of(new Check("docker-host-overrides-context", Check.Status.WARNING,
                "DOCKER_HOST overrides the active context " + inputs.chosenContext().get(),
                "DOCKER_HOST=" + inputs.dockerHost().get() + " wins over the context " + inputs.chosenContext().get()
                        + " (the Docker CLI warns: 'DOCKER_HOST environment variable overrides the active context'); docker "
                        + "and buildx talk to DOCKER_HOST's engine, and buildx's current builder is the default context's.",
                "unset DOCKER_HOST   # or keep it and: docker context use default", List.of()));
    }

    private static Check context(ContextEngine engine) {
        String id = "context:" + engine.name();
        return switch (engine.state()) {
            case REACHABLE -> Check.ok(id, "Context " + engine.name() + " answers (" + engine.daemon().imageStore().label()
                            + " image store, " + engine.daemon().images().size() + (engine.daemon().images().size() == 1 ? " image)" : " images)"),
                    engine.host() + ": its own engine and image store; images there are not in the current context's",
                    engine.error().isEmpty() ? List.of() : List.of(engine.error()));
            case UNREACHABLE -> new Check(id, Check.Status.ERROR, "Context " + engine.name() + " does not answer",
                    engine.host() + ": " + engine.error(),
                    "start its engine (Docker Desktop, colima start, orb start …), or remove the context: docker context rm "
                            + engine.name(), List.of());
            case NOT_PROBED -> new Check(id, Check.Status.WARNING, "Context " + engine.name() + " was not probed",
                    engine.host() + ": " + engine.error(), "", List.of());
        };
    }

    private static Check buildx(DockerClient client) {
        return switch (client.buildx()) {
            case INSTALLED -> Check.ok("buildx", "docker buildx " + (client.buildxVersion().isEmpty() ? "(version unknown)" : client.buildxVersion()), "Docker CLI " + client.version()
                    + (client.path().isEmpty() ? "" : " at " + client.path()), client.detail().isEmpty() ? List.of() : List.of(client.detail()));
            case MISSING, FAILED -> new Check("buildx", Check.Status.ERROR, "The docker buildx plugin is "
                    + (client.buildx() == DockerClient.Plugin.MISSING ? "missing" : "not working"),
                    client.detail().isEmpty() ? "docker buildx cannot run here" : client.detail(),
                    Prerequisites.howToGetBuildx(client.os()), List.of());
            default -> new Check("buildx", Check.Status.WARNING, "Whether docker buildx is installed is unknown",
                    client.detail(), "", List.of());
        };
    }

    private static Check imageStore(Daemon daemon) {
        // A checklist line starts with a capital, whatever the store's label ("classic", "containerd", "unknown").
        String kind = daemon.imageStore().label();
        String label = kind.isEmpty() ? "Image store" : Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " image store";
        if (daemon.imageStore() == ImageStoreKind.CONTAINERD && daemon.hiddenImages() > 0) {
            return new Check("image-store", Check.Status.WARNING, label + ": " + daemon.hiddenImages()
                    + (daemon.hiddenImages() == 1 ? " image is" : " images are") + " hidden in the classic store",
                    "The engine uses the containerd image store; images pulled, loaded or built before the switch stay in the "
                            + "classic store, which no build and no 'docker images' sees while the containerd store is on.",
                    "to get them back, set \"features\": {\"containerd-snapshotter\": false} in /etc/docker/daemon.json and "
                            + "restart dockerd; or rebuild or re-pull them under the containerd store", List.of());
        }
        String detail = daemon.imageStore() == ImageStoreKind.CONTAINERD
                ? "the docker driver builds multi-platform images and exports cache; container builders still cannot read it"
                : "the docker driver builds one platform and exports only inline cache; container builders cannot read it";
        return Check.ok("image-store", label + ", " + daemon.images().size() + (daemon.images().size() == 1 ? " image" : " images"),
                detail, daemon.imageStore() != ImageStoreKind.CONTAINERD ? List.of()
                        : daemon.hiddenImages() == Daemon.NOT_COUNTED ? List.of("images left in the classic store: not counted (not readable here)")
                        : List.of("images left in the classic store: " + daemon.hiddenImages()));
    }

    private static Check builder(Builder builder) {
        String id = "builder:" + builder.name();
        List<String> more = new ArrayList<>();
        String version = "";
        String network = "";
        boolean stopped = false;
        boolean missing = false;
        for (BuilderNode node : builder.nodes()) {
            more.add("node " + node.name() + " at " + node.endpoint() + ": " + node.status()
                    + (node.buildkitVersion().isEmpty() ? "" : ", BuildKit " + node.buildkitVersion())
                    + (node.driverOpts().isEmpty() ? "" : ", driver options " + node.driverOpts())
                    + (node.buildkitdConfig().isBlank() ? ", no buildkitd.toml" : ", has a buildkitd.toml"));
            if (version.isEmpty()) {
                version = node.buildkitVersion();
            }
            if (node.hostNetwork()) {
                network = "network=host";
            }
            if (node.container() != null) {
                stopped |= node.container().state().equals("stopped");
                missing |= node.container().state().equals("missing");
            }
        }
        String summary = builder.driver() + " driver" + (version.isEmpty() ? "" : ", BuildKit " + version)
                + (network.isEmpty() ? "" : ", " + network);
        if (!builder.error().isEmpty()) {
            return new Check(id, Check.Status.ERROR, "Builder " + builder.name() + " has an error", summary + ": " + builder.error(),
                    "docker buildx inspect --bootstrap " + builder.name() + "   # or recreate it: docker buildx rm " + builder.name(), more);
        }
        if (stopped) {
            return new Check(id, Check.Status.WARNING, "Builder " + builder.name() + " is stopped", summary
                    + ": its container exists but does not run; the next build starts it",
                    "docker buildx inspect --bootstrap " + builder.name(), more);
        }
        String state = missing ? "not started yet (its container is created on the first build)" : "ready";
        return Check.ok(id, "Builder " + builder.name() + (builder.current() ? " (current)" : "") + ": " + state, summary, more);
    }

    /** A builder that lacks the daemon's settings for a registry the daemon treats specially (buildx-facts §9.7). */
    private static Optional<Check> registryTrust(Snapshot snapshot, Builder builder) {
        if (builder.driver().equals(VisibilityRules.DOCKER)) {
            return Optional.empty();
        }
        List<String> lacking = new ArrayList<>();
        for (String host : RegistryTrust.configuredHosts(snapshot.daemon())) {
            Optional<StoreAccess> access = builder.accessTo(StoreIds.registry(host));
            if (access.isPresent() && access.get().access() == Access.ONLY_WITH_CONFIG) {
                lacking.add(host);
            }
        }
        boolean mirrorsLost = !snapshot.daemon().registryMirrors().isEmpty()
                && builder.nodes().stream().noneMatch(RegistryTrust::hasDockerHubMirrors);
        if (lacking.isEmpty() && !mirrorsLost) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (!lacking.isEmpty()) {
            parts.add("the daemon trusts " + String.join(", ", lacking) + " (insecure-registries or a certs.d CA), this builder's "
                    + "BuildKit does not: pulls and pushes there fail with 'http: server gave HTTP response to HTTPS client' or "
                    + "'x509: certificate signed by unknown authority'");
        }
        if (mirrorsLost) {
            parts.add("the daemon pulls Docker Hub through " + String.join(", ", snapshot.daemon().registryMirrors())
                    + "; this builder goes to Docker Hub directly");
        }
        StringBuilder toml = new StringBuilder();
        for (String host : lacking) {
            boolean ca = RegistryTrust.special(snapshot.daemon(), host).orElse("").equals("ca");
            toml.append("[registry.\"").append(host).append("\"]\n")
                    .append(ca ? "  ca = [\"/etc/docker/certs.d/" + host + "/ca.crt\"]\n" : "  http = true\n  insecure = true\n");
        }
        if (mirrorsLost) {
            toml.append("[registry.\"docker.io\"]\n  mirrors = [");
            toml.append(String.join(", ", snapshot.daemon().registryMirrors().stream()
                    .map(m -> "\"" + m.replaceFirst("^https?://", "").replaceAll("/$", "") + "\"").toList())).append("]\n");
        }
        return Optional.of(new Check("registry-trust:" + builder.name(), lacking.isEmpty() ? Check.Status.WARNING : Check.Status.ERROR,
                "Builder " + builder.name() + " lacks the daemon's registry settings", String.join("; ", parts) + ".",
                "# buildkitd.toml\n" + toml + "docker buildx rm " + builder.name() + "\ndocker buildx create --name " + builder.name()
                        + " --driver " + builder.driver() + " --buildkitd-config buildkitd.toml", List.of()));
    }

    /** A local registry: does it answer, and which builders reach it (loopback ones only with network=host). */
    private static Check registry(Snapshot snapshot, Registry registry) {
        String id = "registry:" + registry.host();
        if (!registry.reachable()) {
            return new Check(id, Check.Status.ERROR, "Registry " + registry.host() + " does not answer", registry.source()
                    + ": " + registry.error(), "docker start <registry container>   # or: docker run -d -p "
                    + registry.host().replaceFirst("^.*:", "") + ":5000 --restart always registry:2", List.of());
        }
        List<String> reach = new ArrayList<>();
        List<String> hostOnly = new ArrayList<>();
        List<String> cannot = new ArrayList<>();
        for (Builder builder : snapshot.builders()) {
            Optional<StoreAccess> access = builder.accessTo(registry.storeId());
            if (access.isEmpty()) {
                continue;
            }
            switch (access.get().access()) {
                case CAN_READ -> reach.add(builder.name());
                case ONLY_WITH_NETWORK_HOST, ONLY_WITH_CONFIG -> hostOnly.add(builder.name());
                default -> cannot.add(builder.name());
            }
        }
        String detail = registry.repositories().size() + " repositories (" + registry.source() + "); reached by "
                + (reach.isEmpty() ? "no builder" : String.join(", ", reach))
                + (hostOnly.isEmpty() ? "" : "; only with network=host or config: " + String.join(", ", hostOnly))
                + (cannot.isEmpty() ? "" : "; not by " + String.join(", ", cannot));
        if (!hostOnly.isEmpty()) {
            return new Check(id, Check.Status.WARNING, "Registry " + registry.host() + " answers, but not every builder reaches it",
                    detail, "recreate the container builder with --driver-opt network=host (setup-buildx-action: driver-opts: network=host)",
                    List.of());
        }
        return Check.ok(id, "Registry " + registry.host() + " answers", detail, List.of());
    }
}
