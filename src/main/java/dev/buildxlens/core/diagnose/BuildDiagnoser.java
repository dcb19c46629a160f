package dev.buildxlens.core.diagnose;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.build.CacheSpec;
import dev.buildxlens.core.build.ExportSpec;
import dev.buildxlens.core.dockerfile.BuildArgProblem;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Platform;
import dev.buildxlens.core.model.RegistryTrust;
import dev.buildxlens.core.visibility.PlatformMatch;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.RegistryHosts;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.Store;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.core.model.StoreIds;
import dev.buildxlens.core.model.StoreKind;
import dev.buildxlens.core.visibility.ImageLocator;
import dev.buildxlens.core.visibility.VisibilityRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Diagnoses one build against one snapshot: which builder runs it, where each needed image is, whether that
 * builder can read it (by the single rule set of {@link VisibilityRules}), and what will fail. A pure function.
 */
public final class BuildDiagnoser {

    private BuildDiagnoser() {
    }

    /** The build's check and its findings. */
    public record Result(BuildCheck check, List<Finding> findings) {
    }

    public static Builder builderFor(Snapshot snapshot, String requested) throws UnknownBuilderException {
        if (!requested.isEmpty()) {
            return snapshot.builder(requested).orElseThrow(() -> new UnknownBuilderException("no builder named '" + requested
                    + "' (known: " + String.join(", ", snapshot.builders().stream().map(Builder::name).toList()) + ")"));
        }
        return snapshot.currentBuilder().or(() -> snapshot.builder(snapshot.daemon().context()))
                .orElseThrow(() -> new UnknownBuilderException("no current builder and no builder for context '"
                        + snapshot.daemon().context() + "'"));
    }

    public static Result diagnose(Snapshot snapshot, BuildRequest request) throws UnknownBuilderException {
        Builder builder = builderFor(snapshot, request.spec().builder());
        Context context = new Context(snapshot, request, builder);
        List<ImageCheck> images = new ArrayList<>();
        for (ImageNeed need : request.dockerfile().images()) {
            images.add(context.check(need));
        }
        for (BuildArgProblem problem : request.dockerfile().argProblems()) {
            context.argWithoutDefault(problem);
        }
        context.buildLevel();
        context.registryTargets();
        Map<String, String> opts = builder.nodes().isEmpty() ? Map.of() : builder.nodes().get(0).driverOpts();
        BuildSite site = request.site();
        BuildCheck check = new BuildCheck(site.file(), site.line(), site.job(), site.stepLabel(),
                new BuildCheck.BuilderSummary(builder.name(), builder.driver(), opts, builder.displayName()), images, site.unit());
        return new Result(check, context.findings);
    }

    /** The state of one diagnosis: its inputs and the findings so far. */
    private static final class Context {
        final Snapshot snapshot;
        final BuildRequest request;
        final BuildSpec spec;
        final Builder builder;
        final List<Finding> findings = new ArrayList<>();

        Context(Snapshot snapshot, BuildRequest request, Builder builder) {
            this.snapshot = snapshot;
            this.request = request;
            this.spec = request.spec();
            this.builder = builder;
        }

        Access access(String storeId) {
            return builder.accessTo(storeId).map(StoreAccess::access).orElseGet(() -> {
                // A registry the snapshot did not list (e.g. ghcr.io): decide by the same rules.
                Store store = new Store(storeId, StoreKind.REGISTRY, storeId.substring("registry:".length()), "");
                return VisibilityRules.accessFor(builder, List.of(store), VisibilityRules.localEndpoint(snapshot.daemon()), snapshot.daemon())
                        .stream().findFirst().map(StoreAccess::access).orElse(Access.CANNOT_READ);
            });
        }

        /** The builder in a sentence: "ci (docker-container driver)", or "the docker-container builder set up in step 4 (…)". */
        String describeBuilder() {
            return builder.madeBy().isEmpty() ? builder.name() + " (" + builder.driver() + " driver)"
                    : "the " + builder.driver() + " builder " + builder.madeBy();
        }

        /** The builder at the start of a sentence: "Builder ci", or "The builder set up in step 4 (…)". */
        String builderSubject() {
            return builder.madeBy().isEmpty() ? "Builder " + builder.name() : "The builder " + builder.madeBy();
        }

        ImageCheck check(ImageNeed need) {
            if (need.suppliedByClient()) {
                return new ImageCheck(need.raw(), "", need.instruction(), need.file(), need.line(), need.stage(),
                        List.of("context:" + need.context().name()), true);
            }
            if (need.unresolved()) {
                return unresolved(need);
            }
            ImageReference ref = need.reference();
            List<String> foundIn = ImageLocator.foundIn(snapshot, ref);
            Daemon engine = engine();
            String daemonStore = engine.storeId();
            List<String> otherEngines = foundIn.stream().filter(id -> id.startsWith("daemon:") && !id.equals(daemonStore)).toList();
            String registryStore = StoreIds.registry(ref.domain());
            boolean readable = foundIn.stream().anyMatch(s -> access(s) == Access.CAN_READ);
            boolean inRegistry = foundIn.stream().anyMatch(s -> s.startsWith("registry:"));
            boolean visible;
            if (readable) {
                visible = true;
                if (spec.pull() && builder.driver().equals(VisibilityRules.DOCKER) && foundIn.contains(daemonStore) && !inRegistry
                        && need.instruction().startsWith("FROM")) {
                    add(FindingKind.PULL_FORCES_REGISTRY, need, ref,
                            "--pull makes BuildKit resolve " + ref.familiar() + " from its registry, but it exists only in the daemon's image store",
                            "With --pull (pull: true) the docker driver asks " + ref.domain() + " for " + ref.normalized()
                                    + " instead of using the local image. The image was loaded, built or tagged locally and was never "
                                    + "pushed, so the registry does not have it and the build fails with 'pull access denied' or 'not found'.");
                    visible = false;
                }
                if (visible) {
                    visible = platformMatches(need, ref, foundIn, engine);
                }
            } else if (RegistryHosts.isLoopback(ref.domain())) {
                visible = false;
                Access registryAccess = access(registryStore);
                if (registryAccess != Access.CAN_READ) {
                    String why = registryAccess == Access.ONLY_WITH_NETWORK_HOST
                            ? "BuildKit runs in its own container with its own network namespace, where " + ref.domain()
                              + " is the container itself, not the machine that publishes the registry's port. Only a builder "
                              + "created with --driver-opt network=host shares the host network."
                            : "The builder runs elsewhere (" + builder.driver() + " driver): its localhost is not this machine.";
                    add(FindingKind.LOCALHOST_REGISTRY_UNREACHABLE, need, ref,
                            describeBuilder() + " cannot reach " + ref.domain() + " to pull " + ref.familiar(), why);
                } else if (!ImageLocator.registryKnown(snapshot, ref.domain())) {
                    add(FindingKind.LOCALHOST_REGISTRY_MISSING, need, ref,
                            "no registry answers on " + ref.domain() + " to pull " + ref.familiar() + " from",
                            "The build pulls " + ref.normalized() + ", but no registry container publishes that port and none was "
                                    + "given with --registry. Start one (docker run -d -p " + RegistryHosts.port(ref.domain()) + ":5000 registry:2) "
                                    + "and push the image to it first.");
                } else if (ImageLocator.registryListed(snapshot, ref.domain())) {
                    add(FindingKind.IMAGE_NOT_IN_REGISTRY, need, ref,
                            ref.familiar() + " is not in the registry at " + ref.domain(),
                            "The registry at " + ref.domain() + " answers, but has no " + ref.path() + ":" + ref.tag()
                                    + ". Push it there before this build (docker push " + ref.familiar() + ").");
                } else {
                    visible = true;
                }
            } else if (access(registryStore) == Access.ONLY_WITH_CONFIG) {
                visible = false;
                registryConfig(ref.domain(), need.instruction() + " " + ref.familiar(), need.file(), need.line(), ref.familiar());
            } else if (foundIn.contains(daemonStore)) {
                visible = false;
                String via = need.context() != null
                        ? " The named context " + need.context().name() + "=docker-image://" + need.context().imageRef()
                          + " does not help: buildx passes docker-image:// to BuildKit unchanged, so the builder resolves it like any FROM."
                        : "";
                add(FindingKind.LOCAL_IMAGE_INVISIBLE, need, ref,
                        ref.familiar() + " is only in the daemon's image store, which " + describeBuilder() + " cannot read",
                        "The build uses " + ref.familiar() + " through " + how(need) + ". "
                                + builderSubject() + " uses the " + builder.driver() + " driver: BuildKit keeps its own content "
                                + "store and resolves images only from registries, never from the daemon's image store (docker load, "
                                + "docker build, docker tag). It will look for " + ref.normalized() + " in " + ref.domain()
                                + " and fail with 'pull access denied' or 'not found'." + via
                                + " Only the docker driver reads the daemon's images.");
            } else if (!otherEngines.isEmpty()) {
                visible = false;
                inOtherContext(need, ref, engine, otherEngines);
            } else {
                visible = access(registryStore) == Access.CAN_READ;
            }
            return new ImageCheck(need.raw(), ref.normalized(), need.instruction(), need.file(), need.line(), need.stage(),
                    foundIn, visible);
        }

        /** The engine the build runs on and loads into (its builder's). */
        Daemon engine() {
            return snapshot.engineOf(builder).daemon();
        }

        /**
         * The image is in another context's engine and not in the one this build uses. Separate engines (Docker
         * Desktop, colima, a setup-docker-action daemon, a remote host) have separate image stores.
         */
        private void inOtherContext(ImageNeed need, ImageReference ref, Daemon engine, List<String> otherEngines) {
            List<String> contexts = otherEngines.stream().map(id -> id.substring("daemon:".length())).toList();
            String where = contexts.size() == 1 ? "the engine of context " + contexts.get(0)
                    : "the engines of contexts " + String.join(", ", contexts);
            String isolated = builder.driver().equals(VisibilityRules.DOCKER) ? ""
                    : " Even in its own engine's store " + describeBuilder() + " could not read it: only the docker driver reads a "
                      + "daemon's images, so the next step is a build on the docker driver of " + contexts.get(0) + ".";
            String file = need.file().isEmpty() ? request.site().file() : need.file();
            int line = need.file().isEmpty() ? request.site().line() : need.line();
            findings.add(Finding.of(FindingKind.IMAGE_IN_OTHER_CONTEXT,
                    ref.familiar() + " is in " + where + ", not in the engine of context " + engine.context() + " where this build runs",
                    "Every Docker context has its own engine and image store: an image loaded or built with one context (Docker "
                            + "Desktop, colima, OrbStack, a remote host, a daemon set up by setup-docker-action) is not in another. "
                            + "The build uses " + ref.familiar() + " through " + how(need) + " on " + describeBuilder()
                            + ", whose engine is context " + engine.context() + "'s; there BuildKit finds no " + ref.familiar()
                            + " and asks " + ref.domain() + " for " + ref.normalized() + ", which fails with 'pull access denied' "
                            + "or 'not found' for an image that was only ever local." + isolated,
                    file, line, request.site().stepLabel(),
                    subject().withImage(ref.familiar()).withDetail(contexts.get(0)).withSource(file + ":" + line)));
        }

        /**
         * The docker driver uses a local image only for the platform the build asks for (moby#42893, buildx-facts
         * §9.8): when the engine holds the image only for other platforms, BuildKit resolves the name from its
         * registry instead. Unknown platforms (not looked up) decide nothing.
         */
        private boolean platformMatches(ImageNeed need, ImageReference ref, List<String> foundIn, Daemon engine) {
            if (!builder.driver().equals(VisibilityRules.DOCKER) || !foundIn.contains(engine.storeId())
                    || foundIn.stream().anyMatch(id -> id.startsWith("registry:") && access(id) == Access.CAN_READ)) {
                return true;
            }
            List<Platform> held = ImageLocator.localImages(snapshot, engine, ref).stream()
                    .flatMap(image -> image.platforms().stream()).distinct().toList();
            if (held.isEmpty()) {
                return true;
            }
            List<Platform> targets = new ArrayList<>();
            if (!need.platform().isEmpty()) {
                Platform.parse(need.platform()).ifPresent(targets::add);
            } else if (!spec.platforms().isEmpty()) {
                spec.platforms().forEach(p -> Platform.parse(p).ifPresent(targets::add));
            } else {
                engine.platform().ifPresent(targets::add);
            }
            List<Platform> missing = targets.stream().filter(t -> held.stream().noneMatch(h -> PlatformMatch.usesLocal(h, t))).toList();
            if (missing.isEmpty()) {
                return true;
            }
            String wanted = String.join(", ", missing.stream().map(Platform::toString).toList());
            String have = String.join(", ", held.stream().map(Platform::toString).toList());
            String how = !need.platform().isEmpty() ? "its FROM --platform=" + need.platform()
                    : !spec.platforms().isEmpty() ? "--platform " + String.join(",", spec.platforms())
                    : "the engine's own platform, as no --platform is given";
            String file = need.file().isEmpty() ? request.site().file() : need.file();
            int line = need.file().isEmpty() ? request.site().line() : need.line();
            findings.add(Finding.of(FindingKind.LOCAL_IMAGE_WRONG_PLATFORM,
                    ref.familiar() + " is in the image store only for " + have + "; this build needs " + wanted,
                    "The docker driver uses a local image only when its platform matches the one the build asks for ("
                            + how + "), compared after normalising as containerd does (arm64 is arm64/v8, x86_64 is amd64). "
                            + "Otherwise BuildKit resolves " + ref.normalized() + " from " + ref.domain() + " instead of using the "
                            + "local image, and an image that was only ever local fails with 'pull access denied' or 'not found' "
                            + "(moby#42893).",
                    file, line, request.site().stepLabel(),
                    subject().withImage(ref.familiar()).withDetail(missing.get(0) + " (have " + have + ")").withSource(file + ":" + line)));
            return false;
        }

        /**
         * A registry the daemon trusts specially (insecure-registries, a certs.d CA) that this builder's BuildKit
         * reaches only with its own configuration (buildx-facts §9.7): an error where the build needs it.
         */
        void registryConfig(String host, String what, String file, int line, String image) {
            if (findings.stream().anyMatch(f -> f.kind() == FindingKind.REGISTRY_CONFIG_NOT_INHERITED && f.subject().detail().equals(host))) {
                return;
            }
            String need = RegistryTrust.special(snapshot.daemon(), host).orElse("insecure");
            String symptom = need.equals("ca") ? "x509: certificate signed by unknown authority"
                    : "http: server gave HTTP response to HTTPS client";
            String at = file.isEmpty() ? request.site().file() : file;
            int atLine = file.isEmpty() ? request.site().line() : line;
            findings.add(Finding.of(FindingKind.REGISTRY_CONFIG_NOT_INHERITED,
                    describeBuilder() + " does not have the daemon's settings for " + host + " (" + what + "): it will fail with '" + symptom + "'",
                    "The daemon " + (need.equals("ca") ? "trusts a private CA for " + host + " (/etc/docker/certs.d/" + host + "/)"
                            : "lists " + host + " in insecure-registries") + ", so docker pull and the docker driver reach it. "
                            + "Those settings belong to dockerd: " + describeBuilder() + " runs BuildKit in its own container, which "
                            + "reads only its own buildkitd.toml, and that has no [registry.\"" + host + "\"] "
                            + (need.equals("ca") ? "ca" : "http = true") + " entry.",
                    at, atLine, request.site().stepLabel(),
                    subject().withImage(image).withDetail(host).withSource(at + ":" + atLine)));
        }

        /** How the image reaches the build: a FROM, COPY --from or RUN --mount line, or a named context for one. */
        private String how(ImageNeed need) {
            String where = need.file().isEmpty() ? "" : " (" + need.file() + ":" + need.line() + ")";
            if (need.context() != null) {
                return "the named context " + need.context().name() + "=" + need.context().value() + ", for " + need.instruction() + where;
            }
            return need.instruction() + where;
        }

        /**
         * An image whose name the workflow computes from something unknown before it runs: an info naming the
         * expression, and what is known still judged — a loopback registry host is one.
         */
        private ImageCheck unresolved(ImageNeed need) {
            String registry = need.knownRegistry();
            String file = need.file().isEmpty() ? request.site().file() : need.file();
            int line = need.file().isEmpty() ? request.site().line() : need.line();
            Subject subject = subject().withImage(need.raw()).withSource(file + ":" + line);
            findings.add(Finding.of(FindingKind.IMAGE_UNRESOLVED,
                    need.raw() + " (" + how(need) + ") depends on a value not known before the workflow runs",
                    "The name comes from a workflow expression Buildx Lens cannot evaluate (a secret, a variable, an input "
                            + "without a default, an output of an action it does not follow). Where the image is cannot be "
                            + "decided" + (registry.isEmpty() ? "." : "; its registry, " + registry + ", is known and was judged."),
                    file, line, request.site().stepLabel(), subject));
            boolean visible = true;
            if (!registry.isEmpty() && RegistryHosts.isLoopback(registry)) {
                Access registryAccess = access(StoreIds.registry(registry));
                if (registryAccess != Access.CAN_READ) {
                    visible = false;
                    findings.add(Finding.of(FindingKind.LOCALHOST_REGISTRY_UNREACHABLE,
                            describeBuilder() + " cannot reach " + registry + " to pull " + need.raw(),
                            registryAccess == Access.ONLY_WITH_NETWORK_HOST
                                    ? "BuildKit runs in its own container with its own network namespace, where " + registry
                                      + " is the container itself. Only a builder created with --driver-opt network=host shares the host network."
                                    : "The builder runs elsewhere (" + builder.driver() + " driver): its localhost is not this machine.",
                            file, line, request.site().stepLabel(), subject));
                } else if (!ImageLocator.registryKnown(snapshot, registry)) {
                    visible = false;
                    findings.add(Finding.of(FindingKind.LOCALHOST_REGISTRY_MISSING, "no registry answers on " + registry + " to pull "
                                    + need.raw() + " from", "Nothing publishes port " + RegistryHosts.port(registry) + " where the build runs.",
                            file, line, request.site().stepLabel(), subject));
                } else if (need.knownRepository().isPresent() && ImageLocator.registryListed(snapshot, registry)
                        && !ImageLocator.repositoryListed(snapshot, registry, need.knownRepository().get().path())) {
                    // Whatever the tag turns out to be, the registry has no tag of this repository at all.
                    visible = false;
                    String repository = need.knownRepository().get().path();
                    findings.add(Finding.of(FindingKind.IMAGE_NOT_IN_REGISTRY, registry + "/" + repository + " is not in the registry at "
                                    + registry + ", whatever its tag", "The registry at " + registry + " answers, but holds no tag of "
                                    + repository + ": nothing pushed it there before this build. Push it first.",
                            file, line, request.site().stepLabel(), subject));
                }
            }
            return new ImageCheck(need.raw(), "", need.instruction(), need.file(), need.line(), need.stage(), List.of(), visible);
        }

        void argWithoutDefault(BuildArgProblem problem) {
            findings.add(Finding.of(FindingKind.FROM_ARG_WITHOUT_DEFAULT,
                    "FROM " + problem.written() + ": ARG " + problem.variable() + " has no default and no build arg sets it",
                    "BuildKit expands FROM with the ARGs declared before the first FROM. " + problem.variable()
                            + " has no value, so the base name is blank and the build stops with 'base name (" + problem.written()
                            + ") should not be blank'. Give the ARG a default (ARG " + problem.variable() + "=<image>) or pass "
                            + "--build-arg " + problem.variable() + "=<image>.",
                    problem.file(), problem.line(), request.site().stepLabel(),
                    subject().withArg(problem.variable()).withSource(problem.file() + ":" + problem.line())));
        }

        void buildLevel() {
            boolean dockerDriver = builder.driver().equals(VisibilityRules.DOCKER);
            boolean containerdStore = snapshot.daemon().imageStore() == ImageStoreKind.CONTAINERD;
            if (dockerDriver && !containerdStore && spec.multiPlatform()) {
                addBuild(FindingKind.DOCKER_DRIVER_MULTIPLATFORM, String.join(",", spec.platforms()),
                        "several platforms (" + String.join(",", spec.platforms()) + ") on " + describeBuilder()
                                + " with the classic image store",
                        "The docker driver without the containerd image store builds one platform at a time; buildx stops with "
                                + "'Multi-platform build is not supported for the docker driver.' Build on a docker-container "
                                + "builder, or turn on the containerd image store.");
            }
            for (String cache : spec.cacheTo()) {
                if (dockerDriver && !containerdStore && !CacheSpec.parse(cache).inline()) {
                    addBuild(FindingKind.DOCKER_DRIVER_CACHE_EXPORT, cache,
                            "cache export (" + cache + ") on " + describeBuilder() + " with the classic image store",
                            "The docker driver with the classic image store exports only inline cache; buildx stops with "
                                    + "'Cache export is not supported for the docker driver.' Use a docker-container builder, "
                                    + "turn on the containerd image store, or use type=inline.");
                }
            }
            if (dockerDriver && !containerdStore) {
                for (String output : spec.outputs()) {
                    ExportSpec export = ExportSpec.parse(output);
                    if (export.dockerTarball() || export.type().equals(ExportSpec.OCI)) {
                        String exporter = export.type().equals(ExportSpec.OCI) ? "OCI" : "Docker";
                        addBuild(FindingKind.DOCKER_DRIVER_EXPORTER, output,
                                "the " + exporter.toLowerCase(java.util.Locale.ROOT) + " exporter (" + output + ") on " + describeBuilder()
                                        + " with the classic image store",
                                "The docker driver with the classic image store writes results only into the daemon's own store; "
                                        + "buildx stops with '" + exporter + " exporter is not supported for the docker driver. Switch to "
                                        + "a different driver, or turn on the containerd image store, and try again.' Build on a "
                                        + "docker-container builder, or turn on the containerd image store.");
                    }
                }
            }
            if (spec.multiPlatform()) {
                for (String output : spec.outputs()) {
                    if (ExportSpec.parse(output).dockerTarball()) {
                        addBuild(FindingKind.DOCKER_EXPORTER_MULTIPLATFORM, output,
                                "a multi-platform build exported with type=docker (" + output + ")",
                                "The docker exporter writes one platform's image; with several platforms buildx stops with "
                                        + "'docker exporter does not support exporting manifest lists, use the oci exporter instead'. "
                                        + "Export type=oci, or build one platform per export.");
                    }
                }
                // --load is --output type=docker (no dest): the same export into the daemon, however it is written.
                boolean loads = spec.load() || spec.exports().stream().anyMatch(ExportSpec::loadsIntoDaemon);
                if (loads && !dockerDriver && !containerdStore) {
                    addBuild(FindingKind.DOCKER_EXPORTER_MULTIPLATFORM, "--load",
                            "--load of a multi-platform build into a daemon with the classic image store",
                            "Loading into a classic image store goes through the docker exporter, which cannot hold a manifest list: "
                                    + "'docker exporter does not currently support exporting manifest lists'. Load one platform, push "
                                    + "instead, or turn on the containerd image store.");
                }
            }
        }

        /**
         * Registries the build writes to or reads cache from ({@code --push} tags, {@code type=registry} cache) that
         * need settings the builder lacks; and, as information, the daemon's other special registries it lacks.
         */
        void registryTargets() {
            if (builder.driver().equals(VisibilityRules.DOCKER)) {
                return;
            }
            List<String[]> targets = new ArrayList<>();
            if (spec.push() || spec.exports().stream().anyMatch(e -> "true".equals(e.attributes().get("push")))) {
                spec.tags().forEach(tag -> targets.add(new String[] {tag, "push " + tag}));
            }
            for (String cache : spec.cacheTo()) {
                String ref = CacheSpec.parse(cache).attributes().getOrDefault("ref", "");
                if (!ref.isEmpty()) {
                    targets.add(new String[] {ref, "cache export " + ref});
                }
            }
            for (String[] target : targets) {
                ImageReference ref = ImageReference.parseOrNull(target[0]);
                if (ref != null && access(StoreIds.registry(ref.domain())) == Access.ONLY_WITH_CONFIG) {
                    registryConfig(ref.domain(), target[1], "", 0, ref.familiar());
                }
            }
            for (String host : RegistryTrust.configuredHosts(snapshot.daemon())) {
                boolean reported = findings.stream().anyMatch(f -> f.kind() == FindingKind.REGISTRY_CONFIG_NOT_INHERITED
                        && f.subject().detail().equals(host));
                if (!reported && access(StoreIds.registry(host)) == Access.ONLY_WITH_CONFIG) {
                    String need = RegistryTrust.special(snapshot.daemon(), host).orElse("insecure");
                    findings.add(new Finding(FindingKind.REGISTRY_CONFIG_NOT_INHERITED, Severity.INFO,
                            describeBuilder() + " lacks the daemon's settings for " + host + " (this build does not use it)",
                            "The daemon " + (need.equals("ca") ? "trusts a private CA for " + host : "lists " + host + " in insecure-registries")
                                    + "; " + builderSubject() + " has no such entry in its buildkitd.toml. A build on it that pulls from, "
                                    + "pushes to or caches in " + host + " would fail with '" + (need.equals("ca")
                                    ? "x509: certificate signed by unknown authority" : "http: server gave HTTP response to HTTPS client") + "'.",
                            request.site().file(), request.site().line(), request.site().stepLabel(), subject().withDetail(host)));
                }
            }
        }

        private Subject subject() {
            BuildSite site = request.site();
            return new Subject(site.job(), site.stepIndex(), "", builder.name(), "", "", "", "", site.unit());
        }

        private void add(FindingKind kind, ImageNeed need, ImageReference ref, String message, String explanation) {
            String file = need.file().isEmpty() ? request.site().file() : need.file();
            int line = need.file().isEmpty() ? request.site().line() : need.line();
            findings.add(Finding.of(kind, message, explanation, file, line, request.site().stepLabel(),
                    subject().withImage(ref.familiar()).withSource(file + ":" + line)));
        }

        private void addBuild(FindingKind kind, String detail, String message, String explanation) {
            findings.add(Finding.of(kind, message, explanation, request.site().file(), request.site().line(),
                    request.site().stepLabel(), subject().withDetail(detail)));
        }
    }
}
