package dev.buildxlens.core.diagnose;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.build.CacheSpec;
import dev.buildxlens.core.build.ExportSpec;
import dev.buildxlens.core.dockerfile.BuildArgProblem;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
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
                return VisibilityRules.accessFor(builder, List.of(store), VisibilityRules.localEndpoint(snapshot.daemon()))
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
            String daemonStore = snapshot.daemon().storeId();
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
            } else {
                visible = access(registryStore) == Access.CAN_READ;
            }
            return new ImageCheck(need.raw(), ref.normalized(), need.instruction(), need.file(), need.line(), need.stage(),
                    foundIn, visible);
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
