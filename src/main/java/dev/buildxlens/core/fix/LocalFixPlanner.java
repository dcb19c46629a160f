package dev.buildxlens.core.fix;

import static dev.buildxlens.core.fix.PlanDraft.shell;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.build.CacheSpec;
import dev.buildxlens.core.build.ExportSpec;
import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.diagnose.UnknownBuilderException;
import dev.buildxlens.core.dockerfile.BuildKitOnly;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.DockerClient;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.RegistryHosts;
import dev.buildxlens.core.model.Secrets;
import dev.buildxlens.core.visibility.VisibilityRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fix plans for a build on this machine ({@code diagnose --dockerfile}): for each finding, the catalog fixes that
 * solve it, written with the user's image names, builder names, Dockerfile and registry, and for the Docker CLI the
 * snapshot found (a plan that needs the buildx plugin says so; without it, the docker-driver fix is the plain
 * {@code docker build} the client can run). A pure function.
 */
public final class LocalFixPlanner {

    /** Stands for a value only the user knows; the step that shows it says to replace it. */
    static final String IMAGE_PLACEHOLDER = "<your-base-image>";

    private final LocalFixContext context;
    private final Builder builder;
    private final BuildSpec build;
    private final DockerClient client;
    private final List<NotOffered> notOffered = new ArrayList<>();

    private LocalFixPlanner(LocalFixContext context) throws UnknownBuilderException {
        this.context = context;
        this.builder = BuildDiagnoser.builderFor(context.snapshot(), context.build().builder());
        this.build = context.build();
        this.client = context.snapshot().client();
    }

    public static FixPlans plan(Diagnosis diagnosis, LocalFixContext context) throws DockerfileException, UnknownBuilderException {
        return new LocalFixPlanner(context).plans(diagnosis);
    }

    private FixPlans plans(Diagnosis diagnosis) throws DockerfileException {
        Map<String, FixPlan> plans = new LinkedHashMap<>();
        List<String> recommended = new ArrayList<>();
        for (Finding finding : diagnosis.findings()) {
            if (finding.severity() == Severity.INFO) {
                continue;
            }
            String best = null;
            for (String fixId : finding.fixes()) {
                FixKind kind = FixKind.byId(fixId);
                String key = kind.wholeBuild() ? fixId : fixId + "@" + finding.key();
                FixPlan plan = plans.get(key);
                if (plan == null) {
                    Optional<FixPlan> made = make(kind, finding);
                    if (made.isEmpty()) {
                        continue;
                    }
                    plan = made.get();
                } else {
                    plan = plan.alsoSolving(finding.id(), finding.key());
                }
                plans.put(key, plan);
                if (best == null) {
                    best = key;
                }
            }
            if (best != null && !recommended.contains(best)) {
                recommended.add(best);
            }
        }
        List<FixPlan> ordered = new ArrayList<>();
        recommended.forEach(key -> ordered.add(plans.get(key).withRecommended(true)));
        plans.forEach((key, plan) -> {
            if (!recommended.contains(key)) {
                ordered.add(plan);
            }
        });
        return new FixPlans(ordered, context.patchRoot(), notOffered);
    }

    private Optional<FixPlan> make(FixKind kind, Finding finding) throws DockerfileException {
        return switch (kind) {
            case USE_DOCKER_DRIVER -> useDockerDriver(finding);
            case LOCAL_REGISTRY_BRIDGE -> registryBridge(finding);
            case OCI_LAYOUT_CONTEXT -> ociLayout(finding);
            case ENABLE_CONTAINERD_STORE -> containerdStore(finding);
            case ADD_NETWORK_HOST -> Optional.of(networkHost(finding));
            case USE_CONTAINER_BUILDER -> Optional.of(containerBuilder(finding));
            case USE_OCI_EXPORTER -> ociExporter(finding);
            case ADD_ARG_DEFAULT -> Optional.of(argDefault(finding));
            case ADD_REGISTRY_SERVICE -> Optional.of(registryService(finding));
            case DROP_PULL -> Optional.of(buildx(new PlanDraft(kind, finding, "Build without --pull, so the docker driver uses the local image."))
                    .step("Build without --pull", shell("The build", BuildCommands.buildx(build.toBuilder().pull(false).build()))).plan());
            case BUILD_ON_CONTEXT_BUILDER -> contextBuilder(finding);
            case MOVE_IMAGE_TO_CONTEXT -> moveImage(finding);
            case SWITCH_CONTEXT -> switchContext(finding);
            case BUILD_FOR_IMAGE_PLATFORM -> imagePlatform(finding);
            case LOAD_IMAGE_PLATFORM -> Optional.of(loadPlatform(finding));
            case BUILDER_REGISTRY_CONFIG -> Optional.of(registryConfig(finding));
            case LOAD_RESULT, TRANSFER_BETWEEN_JOBS, RENAME_ACTION_INPUT, USE_DOCKER_CONTEXT, LINK_TARGET_CONTEXT, LINK_SERVICE_CONTEXT -> Optional.empty();
        };
    }

    private void notOffered(FixKind kind, Finding finding, String reason) {
        notOffered.add(new NotOffered(kind, finding.key(), reason));
    }

    /** Adds the buildx plugin to what the plan needs, when the snapshot says it is missing. */
    private PlanDraft buildx(PlanDraft draft) {
        Prerequisites.buildxPlugin(client).ifPresent(draft::needs);
        return draft;
    }

    // ---- the fixes ----

    /** What the docker driver with the classic image store would refuse in this build (buildx-facts §4.1, §9.4). */
    private List<String> dockerDriverRefuses(BuildSpec spec) {
        List<String> refused = new ArrayList<>();
        if (context.snapshot().daemon().imageStore() == ImageStoreKind.CONTAINERD) {
            return refused;
        }
        if (spec.multiPlatform()) {
            refused.add("several platforms (--platform " + String.join(",", spec.platforms()) + ")");
        }
        for (String cache : spec.cacheTo()) {
            if (!CacheSpec.parse(cache).inline()) {
                refused.add("cache export (--cache-to " + cache + ")");
            }
        }
        for (String output : spec.outputs()) {
            ExportSpec export = ExportSpec.parse(output);
            if (export.dockerTarball() || export.type().equals(ExportSpec.OCI)) {
                refused.add("the " + export.type() + " exporter (--output " + output + ")");
            }
        }
        return refused;
    }

    private Optional<FixPlan> useDockerDriver(Finding finding) {
        List<String> refused = dockerDriverRefuses(build);
        if (!refused.isEmpty()) {
            notOffered(FixKind.USE_DOCKER_DRIVER, finding, "the docker driver with the classic image store cannot build this: "
                    + String.join("; ", refused));
            return Optional.empty();
        }
        String contextBuilder = context.snapshot().daemon().context();
        PlanDraft draft = new PlanDraft(FixKind.USE_DOCKER_DRIVER, finding,
                "Build on '" + contextBuilder + "', the docker-driver builder of the current context: it builds with dockerd's "
                        + "own BuildKit and reads the daemon's image store, where the image is.");
        if (!finding.image().isEmpty()) {
            draft.needs("the daemon of context '" + contextBuilder + "' holds " + finding.image() + " (it does now)");
        }
        if (client.buildx() == DockerClient.Plugin.MISSING || client.buildx() == DockerClient.Plugin.FAILED) {
            return withoutPlugin(draft, finding);
        }
        buildx(draft);
        BuildSpec onDocker = build.toBuilder().builder(contextBuilder).build();
        BuildSpec current = build.toBuilder().builder("").build();
        return Optional.of(draft.step("Build this once on the docker driver", shell("One build", BuildCommands.buildx(onDocker)))
                .step("Or make it the default builder for this context", shell("Switch builders",
                        ShellQuote.command(List.of("docker", "buildx", "use", contextBuilder)) + "\n" + BuildCommands.buildx(current)))
                .step("Or choose it for one shell session", shell("Environment",
                        "export BUILDX_BUILDER=" + ShellQuote.quote(contextBuilder) + "\n" + BuildCommands.buildx(current)))
                .plan());
    }

    /**
     * Without the plugin the docker driver is what plain {@code docker build} already is: the daemon's own BuildKit on
     * clients before 23.0, the legacy builder from 23.0 (docker/cli {@code cmd/docker/builder.go}) — which reads the
     * daemon's store too, but builds no BuildKit-only syntax and none of buildx's options.
     */
    private Optional<FixPlan> withoutPlugin(PlanDraft draft, Finding finding) {
        Optional<Boolean> embedded = client.embeddedBuildKitWithoutPlugin();
        List<String> buildxOnly = new ArrayList<>();
        if (!build.contexts().isEmpty()) {
            buildxOnly.add("named contexts (--build-context)");
        }
        if (embedded.orElse(false)) {
            return Optional.of(draft.step("Build with the daemon's own BuildKit (Docker CLI " + client.version()
                            + " builds with it when DOCKER_BUILDKIT=1, without the buildx plugin)",
                    shell("The build", BuildCommands.plainDockerBuild(build, true))).plan());
        }
        if (embedded.isEmpty()) {
            buildx(draft);
            return Optional.of(draft.step("Build on the docker driver", shell("One build",
                    BuildCommands.buildx(build.toBuilder().builder(context.snapshot().daemon().context()).build()))).plan());
        }
        context.analysis().buildkitOnly().stream().map(BuildKitOnly.Use::describe).forEach(buildxOnly::add);
        if (!buildxOnly.isEmpty()) {
            notOffered(FixKind.USE_DOCKER_DRIVER, finding, "without the buildx plugin, Docker CLI " + client.version()
                    + " builds with the legacy builder, which cannot build " + String.join(", ", buildxOnly) + "; install the plugin: "
                    + Prerequisites.howToGetBuildx(client.os()));
            return Optional.empty();
        }
        return Optional.of(draft.step("Build with the legacy builder: without the buildx plugin, Docker CLI " + client.version()
                        + " refuses DOCKER_BUILDKIT=1 and builds this way; it reads the daemon's image store (it is deprecated: "
                        + "install the plugin for BuildKit: " + Prerequisites.howToGetBuildx(client.os()) + ")",
                shell("The build", BuildCommands.plainDockerBuild(build, false))).plan());
    }

    private Optional<FixPlan> registryBridge(Finding finding) throws DockerfileException {
        Optional<ImageNeed> need = needFor(finding);
        if (need.isEmpty() || need.get().reference() == null) {
            return Optional.empty();
        }
        ImageReference local = need.get().reference();
        if (RegistryHosts.isLoopback(local.domain())) {
            // The build pulls from a local registry that lacks the tag: push it there (from the daemon, where it must be).
            PlanDraft push = new PlanDraft(FixKind.LOCAL_REGISTRY_BRIDGE, finding, "Push " + local.familiar() + " to the registry at "
                    + local.domain() + ", then build as before.");
            boolean inDaemon = context.snapshot().daemon().images().stream().flatMap(i -> i.tags().stream())
                    .map(ImageReference::parseOrNull).anyMatch(r -> r != null && r.normalized().equals(local.normalized()));
            if (!inDaemon) {
                push.needs(local.familiar() + " in the daemon's image store (build or tag it first; it is not there now)");
            }
            return Optional.of(push.step("Push it", shell("Push", ShellQuote.command(List.of("docker", "push", local.familiar()))))
                    .step("Build as before", shell("Build", BuildCommands.buildx(build))).plan());
        }
        String host = context.registryHost();
        ImageReference bridged = local.inRegistry(host);
        if (bridged == null) {
            notOffered(FixKind.LOCAL_REGISTRY_BRIDGE, finding, "'" + host + "' does not make an image name with " + local.familiar());
            return Optional.empty();
        }
        PlanDraft draft = buildx(new PlanDraft(FixKind.LOCAL_REGISTRY_BRIDGE, finding,
                "Push " + local.familiar() + " to the registry at " + host + " and build from there: every driver pulls from "
                        + "registries, and the image is unchanged."));
        boolean loopback = RegistryHosts.isLoopback(host);
        boolean running = context.snapshot().registries().stream().anyMatch(r -> r.host().equals(host) && r.queried() && r.reachable());
        if (running) {
            draft.done("a registry answers on " + host);
        } else {
            draft.step("Start a registry on " + host, shell("Registry", registryRun(host)));
            registryImagePrerequisite(draft);
        }
        if (!loopback && !context.snapshot().daemon().insecureRegistries().contains(host)) {
            draft.needs("dockerd must be allowed to push to " + host + " over plain HTTP: add it to \"insecure-registries\" in "
                    + "/etc/docker/daemon.json and restart dockerd (a registry outside 127.0.0.0/8 is HTTPS by default)");
        }
        draft.step("Push the image to it", shell("Tag and push", ShellQuote.command(List.of("docker", "tag", local.familiar(), bridged.familiar()))
                + "\n" + ShellQuote.command(List.of("docker", "push", bridged.familiar()))));

        String builderName = builder.name();
        boolean reaches = builder.driver().equals(VisibilityRules.DOCKER) || !loopback
                || builder.nodes().stream().allMatch(BuilderNode::hostNetwork);
        if (!reaches) {
            builderName = builder.name() + "-hostnet";
            draft.step("Create a builder that shares the host network (localhost is the host only with network=host); "
                            + "it is named " + builderName + " here, any name will do",
                    shell("Builder", builderCreate(builderName, withOpt(builder, "network", "host"), loopback ? "" : CONFIG_FILE)));
        }
        if (!loopback) {
            draft.stepFirst("Tell BuildKit to speak plain HTTP to " + host, new Snippet("buildkitd-toml", CONFIG_FILE, "toml",
                    "[registry.\"" + host + "\"]\n  http = true\n"));
            draft.needs("the builder created with --buildkitd-config " + CONFIG_FILE + " (BuildKit speaks HTTPS to a registry "
                    + "outside 127.0.0.0/8 unless told otherwise)");
        }
        BuildSpec.Builder bridgedBuild = build.toBuilder().builder(builderName);
        NamedContext namedContext = need.get().context();
        if (need.get().instruction().equals("FROM") && namedContext == null) {
            DockerfileEdits.Parameterized edit = DockerfileEdits.parameterizeFrom(context.dockerfileText(), build.dockerfile(),
                    need.get().line(), local.familiar());
            if (edit.changed()) {
                draft.step("Make the base image a build arg (the default keeps plain builds working)",
                        new Snippet("dockerfile", "Dockerfile", "dockerfile", "ARG " + edit.argName() + "=" + local.familiar()
                                + "\nFROM ${" + edit.argName() + "}\n"),
                        new Snippet(Snippet.DOCKERFILE_PATCH, context.dockerfilePatchPath(), "diff",
                                UnifiedDiff.of(context.dockerfilePatchPath(), context.dockerfileText(), edit.text())));
            } else {
                draft.done("the FROM on line " + need.get().line() + " already takes its image from ARG " + edit.argName());
            }
            bridgedBuild.buildArg(edit.argName(), bridged.familiar());
        } else {
            String name = namedContext != null ? namedContext.name() : dev.buildxlens.core.dockerfile.DockerfileAnalyzer.contextKey(local.familiar());
            bridgedBuild.context(new NamedContext(name, "docker-image://" + bridged.familiar()));
        }
        draft.step("Build from the registry", shell("Build", BuildCommands.buildx(bridgedBuild.build())));
        return Optional.of(draft.plan());
    }

    private Optional<FixPlan> ociLayout(Finding finding) {
        Optional<ImageNeed> need = needFor(finding);
        if (need.isEmpty() || need.get().reference() == null) {
            return Optional.empty();
        }
        ImageReference local = need.get().reference();
        NamedContext namedContext = need.get().context();
        String key = namedContext != null ? namedContext.name() : dev.buildxlens.core.dockerfile.DockerfileAnalyzer.contextKey(local.familiar());
        String dir = "/tmp/buildx-lens/" + local.path().replaceFirst("^library/", "").replace('/', '-');
        String tag = local.tag().isEmpty() ? "latest" : local.tag();
        BuildSpec withLayout = build.toBuilder().context(new NamedContext(key, "oci-layout://" + dir + ":" + tag)).build();
        PlanDraft draft = buildx(new PlanDraft(FixKind.OCI_LAYOUT_CONTEXT, finding,
                "Copy " + local.familiar() + " out of the daemon into an OCI layout on disk and hand it to the build as a named "
                        + "context: buildx reads oci-layout:// on the client and streams it to any driver, no registry needed."));
        draft.needs("skopeo (Debian/Ubuntu: apt-get install skopeo)");
        return Optional.of(draft.step("Copy the image into an OCI layout (" + dir + " is a folder this fix chooses; any will do)",
                        shell("skopeo", ShellQuote.command(List.of("mkdir", "-p", dir)) + "\n"
                                + ShellQuote.command(List.of("skopeo", "copy", "docker-daemon:" + local.familiar(), "oci:" + dir + ":" + tag))))
                .step("Build with the layout as the named context '" + key + "'", shell("Build", BuildCommands.buildx(withLayout)))
                .plan());
    }

    private Optional<FixPlan> containerdStore(Finding finding) {
        String version = context.snapshot().daemon().serverVersion();
        java.util.regex.Matcher major = java.util.regex.Pattern.compile("^(\\d+)\\.").matcher(version);
        if (major.find() && Integer.parseInt(major.group(1)) < 24) {
            notOffered(FixKind.ENABLE_CONTAINERD_STORE, finding, "Docker Engine " + version
                    + " has no containerd image store: it arrived in Engine 24.0");
            return Optional.empty();
        }
        PlanDraft draft = new PlanDraft(FixKind.ENABLE_CONTAINERD_STORE, finding,
                "Switch dockerd to the containerd image store: the docker driver then builds multi-platform images, exports cache "
                        + "and loads manifest lists.");
        if (version.isEmpty()) {
            draft.needs("Docker Engine 24 or newer (the store is the default for fresh installs since 29.0)");
        }
        return Optional.of(draft.changesElsewhere("images in the classic store are invisible until you switch back (they are not migrated)")
                .step("Turn the feature on in /etc/docker/daemon.json", new Snippet("daemon-json", "/etc/docker/daemon.json", "json",
                        "{\n  \"features\": {\n    \"containerd-snapshotter\": true\n  }\n}\n"))
                .step("Restart the daemon", shell("Restart", "sudo systemctl restart docker"))
                .step("Check it", shell("Check", "docker info -f '{{ .DriverStatus }}'   # shows [driver-type io.containerd.snapshotter.v1]"))
                .plan());
    }

    private FixPlan networkHost(Finding finding) {
        Map<String, String> opts = withOpt(builder, "network", "host");
        return buildx(new PlanDraft(FixKind.ADD_NETWORK_HOST, finding,
                "Recreate builder " + builder.name() + " with --driver-opt network=host: its BuildKit then shares the host's network, "
                        + "where localhost is the machine that publishes the registry's port."))
                .step("Recreate the builder (driver options are fixed at creation)", shell("Builder",
                        ShellQuote.command(List.of("docker", "buildx", "rm", builder.name())) + "\n" + builderCreate(builder.name(), opts, "")))
                .step("Build as before", shell("Build", BuildCommands.buildx(build.toBuilder().builder(builder.name()).build())))
                .plan();
    }

    private FixPlan containerBuilder(Finding finding) {
        Optional<Builder> existing = context.snapshot().builders().stream()
                .filter(b -> b.driver().equals(VisibilityRules.DOCKER_CONTAINER)).findFirst();
        String name = existing.map(Builder::name).orElse("container-builder");
        BuildSpec.Builder onContainer = build.toBuilder().builder(name);
        if (!build.push() && !build.load() && build.outputs().isEmpty()) {
            onContainer.load(!build.multiPlatform());
        }
        PlanDraft draft = buildx(new PlanDraft(FixKind.USE_CONTAINER_BUILDER, finding,
                "Build on a docker-container builder, as the error itself advises: it builds several platforms and exports "
                        + "every cache type. Its results stay in its cache unless the build pushes or loads them."));
        if (existing.isPresent()) {
            draft.done("builder " + name + " uses the docker-container driver already");
        } else {
            draft.step("Create the builder (named " + name + " here; any name will do)", shell("Builder",
                    ShellQuote.command(List.of("docker", "buildx", "create", "--name", name, "--driver", "docker-container"))));
        }
        return draft.step("Build on it (push, or --load one platform)", shell("Build", BuildCommands.buildx(onContainer.build()))).plan();
    }

    private Optional<FixPlan> ociExporter(Finding finding) {
        List<String> outputs = build.outputs().stream()
                .map(o -> ExportSpec.parse(o).dockerTarball() ? "type=oci,dest=" + ExportSpec.parse(o).dest() : o).toList();
        PlanDraft draft = buildx(new PlanDraft(FixKind.USE_OCI_EXPORTER, finding,
                "The docker exporter writes one platform; an OCI archive holds a manifest list."));
        if (!outputs.equals(build.outputs())) {
            draft.step("Export an OCI archive, which holds every platform", shell("Build", BuildCommands.buildx(build.toBuilder().outputs(outputs).build())));
        }
        if (!build.platforms().isEmpty()) {
            draft.step("Or export (or load) one platform at a time", shell("Build",
                    BuildCommands.buildx(build.toBuilder().platforms(List.of(build.platforms().get(0))).build())));
        }
        return draft.hasSteps() ? Optional.of(draft.plan()) : Optional.empty();
    }

    private FixPlan argDefault(Finding finding) {
        String variable = finding.subject().arg();
        return buildx(new PlanDraft(FixKind.ADD_ARG_DEFAULT, finding,
                "Give ARG " + variable + " a value: a default in the Dockerfile (BuildKit's InvalidDefaultArgInFrom check asks "
                        + "for one), or a --build-arg on every build. Which image is yours to say: replace " + IMAGE_PLACEHOLDER + "."))
                .step("In the Dockerfile, where ARG " + variable + " is declared (replace " + IMAGE_PLACEHOLDER + " with the image)",
                        new Snippet("dockerfile", "Dockerfile", "dockerfile", "ARG " + variable + "=" + IMAGE_PLACEHOLDER + "\n"))
                .step("Or on the command line (replace " + IMAGE_PLACEHOLDER + ")",
                        shell("Build", BuildCommands.buildx(build.toBuilder().buildArg(variable, IMAGE_PLACEHOLDER).build())))
                .plan();
    }

    private FixPlan registryService(Finding finding) {
        ImageReference reference = ImageReference.parseOrNull(finding.image());
        String host = reference == null ? context.registryHost() : reference.domain();
        PlanDraft draft = new PlanDraft(FixKind.ADD_REGISTRY_SERVICE, finding, "Start a registry on " + host + " and push the image there first.");
        registryImagePrerequisite(draft);
        return draft.step("Start the registry", shell("Registry", registryRun(host))).plan();
    }

    // ---- other contexts, platforms, registry settings ----

    /** The engine (context) a finding found the image in: its subject's detail. */
    private String otherContext(Finding finding) {
        return finding.subject().detail();
    }

    /** The store kind of a context's engine, for what its docker driver can build. */
    private ImageStoreKind storeOf(String contextName) {
        return context.snapshot().engine(contextName).map(e -> e.daemon().imageStore()).orElse(ImageStoreKind.UNKNOWN);
    }

    private Optional<FixPlan> contextBuilder(Finding finding) {
        String other = otherContext(finding);
        if (storeOf(other) != ImageStoreKind.CONTAINERD) {
            List<String> refused = new ArrayList<>(dockerDriverRefuses(build));
            if (!refused.isEmpty() && storeOf(other) == ImageStoreKind.CLASSIC) {
                notOffered(FixKind.BUILD_ON_CONTEXT_BUILDER, finding, "the docker driver of context " + other
                        + " (classic image store) cannot build this: " + String.join("; ", refused));
                return Optional.empty();
            }
        }
        PlanDraft draft = buildx(new PlanDraft(FixKind.BUILD_ON_CONTEXT_BUILDER, finding,
                "Build on '" + other + "', the docker-driver builder of context " + other + ": it builds with that engine's own "
                        + "BuildKit and reads that engine's image store, where " + finding.image() + " is."));
        BuildSpec there = build.toBuilder().builder(other).build();
        return Optional.of(draft.step("Build on the other context's engine", shell("Build", BuildCommands.buildx(there)))
                .step("The result stays in that engine: use it there", shell("Use",
                        ShellQuote.command(List.of("docker", "--context", other, "images")))).plan());
    }

    private Optional<FixPlan> moveImage(Finding finding) {
        String other = otherContext(finding);
        if (!builder.driver().equals(VisibilityRules.DOCKER)) {
            notOffered(FixKind.MOVE_IMAGE_TO_CONTEXT, finding, "builder " + builder.name() + " (" + builder.driver()
                    + " driver) cannot read any engine's images, so copying " + finding.image() + " into its engine alone does not help");
            return Optional.empty();
        }
        String here = builderEngine();
        PlanDraft draft = new PlanDraft(FixKind.MOVE_IMAGE_TO_CONTEXT, finding,
                "Copy " + finding.image() + " from the engine of context " + other + " into the engine of context " + here
                        + " (a save piped into a load), then build as before.");
        return Optional.of(draft.step("Copy the image between the engines", shell("Copy",
                        ShellQuote.command(List.of("docker", "--context", other, "save", finding.image())) + " | "
                                + ShellQuote.command(List.of("docker", "--context", here, "load"))))
                .step("Build as before", shell("Build", BuildCommands.buildx(build))).plan());
    }

    private Optional<FixPlan> switchContext(Finding finding) {
        String other = otherContext(finding);
        PlanDraft draft = buildx(new PlanDraft(FixKind.SWITCH_CONTEXT, finding,
                "Point the Docker CLI at context " + other + " again: docker commands, and the builder buildx uses by default, "
                        + "then talk to the engine that has " + finding.image() + "."));
        draft.changesElsewhere("every later docker command (docker run, docker images, docker compose) talks to " + other
                + "'s engine until you switch back");
        BuildSpec there = build.toBuilder().builder(builder.driver().equals(VisibilityRules.DOCKER) ? "" : other).build();
        return Optional.of(draft.step("Switch the context", shell("Context", ShellQuote.command(List.of("docker", "context", "use", other))))
                .step("Build", shell("Build", BuildCommands.buildx(there))).plan());
    }

    /** The context of the engine this build runs on. */
    private String builderEngine() {
        return context.snapshot().engineOf(builder).name();
    }

    /** The platform the local image has, from the finding's detail ({@code linux/amd64 (have linux/arm64)}). */
    private static String heldPlatform(Finding finding) {
        String detail = finding.subject().detail();
        int have = detail.indexOf("(have ");
        return have < 0 ? "" : detail.substring(have + 6, detail.length() - 1).split(", ")[0];
    }

    private static String wantedPlatform(Finding finding) {
        String detail = finding.subject().detail();
        int space = detail.indexOf(' ');
        return space < 0 ? detail : detail.substring(0, space);
    }

    private Optional<FixPlan> imagePlatform(Finding finding) {
        Optional<ImageNeed> need = needFor(finding);
        String held = heldPlatform(finding);
        if (need.isPresent() && !need.get().platform().isEmpty()) {
            notOffered(FixKind.BUILD_FOR_IMAGE_PLATFORM, finding, "the Dockerfile's own FROM --platform=" + need.get().platform()
                    + " decides this stage's platform; change it there, or load " + finding.image() + " for that platform");
            return Optional.empty();
        }
        if (held.isEmpty()) {
            return Optional.empty();
        }
        PlanDraft draft = buildx(new PlanDraft(FixKind.BUILD_FOR_IMAGE_PLATFORM, finding,
                "Build for " + held + ", the platform " + finding.image() + " has locally: the docker driver then uses the local image."));
        Optional<dev.buildxlens.core.model.Platform> own = context.snapshot().daemon().platform();
        if (own.isPresent() && dev.buildxlens.core.model.Platform.parse(held).map(p -> !p.sameAs(own.get())).orElse(false)) {
            draft.changesElsewhere("the result is a " + held + " image: on this " + own.get() + " engine it runs only under "
                    + "emulation (QEMU binfmt), and RUN steps in the build need it too");
        }
        return Optional.of(draft.step("Build for the image's platform", shell("Build",
                BuildCommands.buildx(build.toBuilder().platforms(List.of(held)).build()))).plan());
    }

    private FixPlan loadPlatform(Finding finding) {
        String wanted = wantedPlatform(finding);
        PlanDraft draft = new PlanDraft(FixKind.LOAD_IMAGE_PLATFORM, finding,
                "Put " + finding.image() + " for " + wanted + " into the image store (it replaces the tag's other platform with "
                        + "the classic store): rebuild the base for that platform, or load an archive made for it.");
        return draft.step("Rebuild the base image for " + wanted + " (replace <base-context> with the folder it is built from)",
                        shell("Base", ShellQuote.command(List.of("docker", "buildx", "build", "--builder", context.snapshot().daemon().context(),
                                "--platform", wanted, "--load", "-t", finding.image())) + " <base-context>"))
                .step("Check the platform the store now holds", shell("Check", ShellQuote.command(List.of("docker", "image", "inspect",
                        "--format", "{{.Os}}/{{.Architecture}}{{with .Variant}}/{{.}}{{end}}", finding.image()))))
                .step("Build as before", shell("Build", BuildCommands.buildx(build))).plan();
    }

    private FixPlan registryConfig(Finding finding) {
        String host = finding.subject().detail();
        String need = dev.buildxlens.core.model.RegistryTrust.special(context.snapshot().daemon(), host).orElse("insecure");
        String table = "[registry.\"" + host + "\"]\n" + (need.equals("ca")
                ? "  ca = [\"/etc/docker/certs.d/" + host + "/ca.crt\"]\n"
                : "  http = true\n  insecure = true\n");
        Map<String, String> opts = withOpt(builder, "network", builder.nodes().isEmpty() ? "" : builder.nodes().get(0).driverOpts().getOrDefault("network", ""));
        if (opts.get("network").isEmpty()) {
            opts.remove("network");
        }
        PlanDraft draft = buildx(new PlanDraft(FixKind.BUILDER_REGISTRY_CONFIG, finding,
                "Give builder " + builder.name() + " its own settings for " + host + " in a buildkitd.toml: BuildKit in a container "
                        + "never reads the daemon's " + (need.equals("ca") ? "certs.d" : "insecure-registries") + "."));
        return draft.step("Write the BuildKit configuration (" + CONFIG_FILE + ")", new Snippet("toml", CONFIG_FILE, "toml", table))
                .step("Recreate the builder with it (the configuration is read when the builder is created; buildx before 0.13 "
                                + "calls the flag --config)", shell("Builder", ShellQuote.command(List.of("docker", "buildx", "rm", builder.name()))
                                + "\n" + builderCreate(builder.name(), opts, CONFIG_FILE)))
                .step("Or, in GitHub Actions, give setup-buildx-action the same table", new Snippet("yaml", "workflow step", "yaml",
                        "- uses: docker/setup-buildx-action@v3\n  with:\n    buildkitd-config-inline: |\n"
                                + table.lines().map(l -> "      " + l.strip()).collect(java.util.stream.Collectors.joining("\n")) + "\n"))
                .step("Build as before", shell("Build", BuildCommands.buildx(build))).plan();
    }

    // ---- helpers ----

    private static final String CONFIG_FILE = "buildkitd.toml";

    /** The registry image is needed to start one; say so when the daemon does not have it. */
    private void registryImagePrerequisite(PlanDraft draft) {
        boolean present = context.snapshot().daemon().images().stream().flatMap(i -> i.tags().stream()).anyMatch(Container::isRegistryImage);
        if (!present) {
            draft.needs("the registry:2 image, which the daemon does not have yet (docker pull registry:2 needs Docker Hub)");
        }
    }

    /** The image need a finding is about: its image at the Dockerfile line the finding's subject names. */
    private Optional<ImageNeed> needFor(Finding finding) {
        String source = finding.subject().source();
        return context.analysis().images().stream()
                .filter(n -> n.reference() != null && n.reference().familiar().equals(finding.image())
                        && (source.isEmpty() || source.endsWith(":" + n.line())))
                .findFirst();
    }

    private static String registryRun(String host) {
        int port = RegistryHosts.port(host);
        String bind = RegistryHosts.isLoopback(host) && !host.startsWith("localhost") ? RegistryHosts.hostOnly(host) + ":" + port : String.valueOf(port);
        return ShellQuote.command(List.of("docker", "run", "-d", "-p", bind + ":5000", "--restart", "always", "--name", "registry", "registry:2"));
    }

    private static Map<String, String> withOpt(Builder builder, String key, String value) {
        Map<String, String> opts = new TreeMap<>(builder.nodes().isEmpty() ? Map.of() : builder.nodes().get(0).driverOpts());
        opts.put(key, value);
        return opts;
    }

    private static String builderCreate(String name, Map<String, String> opts, String config) {
        List<String> words = new ArrayList<>(List.of("docker", "buildx", "create", "--name", name, "--driver", "docker-container"));
        opts.forEach((k, v) -> {
            if (!v.equals(Secrets.REDACTED)) {
                words.add("--driver-opt");
                words.add(k + "=" + v);
            }
        });
        if (!config.isEmpty()) {
            words.add("--buildkitd-config");
            words.add(config);
        }
        return ShellQuote.command(words);
    }
}
