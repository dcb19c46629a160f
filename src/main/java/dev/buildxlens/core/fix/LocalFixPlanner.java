package dev.buildxlens.core.fix;

import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.ImageNeed;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.RegistryHosts;
import dev.buildxlens.core.visibility.VisibilityRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fix plans for a build on this machine ({@code diagnose --dockerfile}): for each finding, the catalog fixes that
 * solve it, written with the user's image names, builder names, Dockerfile and registry. A pure function.
 */
public final class LocalFixPlanner {

    private final Diagnosis diagnosis;
    private final LocalFixContext context;
    private final Builder builder;

    private LocalFixPlanner(Diagnosis diagnosis, LocalFixContext context) {
        this.diagnosis = diagnosis;
        this.context = context;
        Builder chosen;
        try {
            chosen = BuildDiagnoser.builderFor(context.snapshot(), context.build().builder());
        } catch (dev.buildxlens.core.diagnose.UnknownBuilderException e) {
            throw new IllegalArgumentException("the diagnosis already resolved this builder", e);
        }
        this.builder = chosen;
    }

    public static List<FixPlan> plan(Diagnosis diagnosis, LocalFixContext context) throws DockerfileException {
        return new LocalFixPlanner(diagnosis, context).plans();
    }

    private List<FixPlan> plans() throws DockerfileException {
        Map<String, FixPlan> plans = new LinkedHashMap<>();
        List<String> recommended = new ArrayList<>();
        for (Finding finding : diagnosis.findings()) {
            if (finding.severity() == Severity.INFO) {
                continue;
            }
            String best = null;
            for (String fixId : finding.fixes()) {
                FixPlan plan = plans.get(fixId);
                if (plan == null) {
                    Optional<FixPlan> made = make(FixKind.byId(fixId), finding);
                    if (made.isEmpty()) {
                        continue;
                    }
                    plan = made.get();
                } else if (!plan.solves().contains(finding.id())) {
                    List<String> solves = new ArrayList<>(plan.solves());
                    solves.add(finding.id());
                    plan = plan.withSolves(solves);
                }
                plans.put(fixId, plan);
                if (best == null && plan.breaks().isEmpty()) {
                    best = fixId;
                }
            }
            if (best != null && !recommended.contains(best)) {
                recommended.add(best);
            }
        }
        List<FixPlan> ordered = new ArrayList<>();
        for (String id : recommended) {
            ordered.add(plans.get(id).withRecommended(true));
        }
        plans.values().stream().filter(p -> !recommended.contains(p.id())).forEach(ordered::add);
        return ordered;
    }

    private Optional<FixPlan> make(FixKind kind, Finding finding) throws DockerfileException {
        return switch (kind) {
            case USE_DOCKER_DRIVER -> Optional.of(useDockerDriver(finding));
            case LOCAL_REGISTRY_BRIDGE -> registryBridge(finding);
            case OCI_LAYOUT_CONTEXT -> ociLayout(finding);
            case ENABLE_CONTAINERD_STORE -> Optional.of(containerdStore(finding));
            case ADD_NETWORK_HOST -> Optional.of(networkHost(finding));
            case USE_CONTAINER_BUILDER -> Optional.of(containerBuilder(finding));
            case USE_OCI_EXPORTER -> Optional.of(ociExporter(finding));
            case ADD_ARG_DEFAULT -> Optional.of(argDefault(finding));
            case ADD_REGISTRY_SERVICE -> Optional.of(registryService(finding));
            case DROP_PULL -> Optional.of(plan(kind, finding, "Build without --pull, so the docker driver uses the local image.",
                    List.of(), List.of(), List.of(step("Build without --pull", shell("The build", context.build().withoutPull().render())))));
            case LOAD_RESULT, TRANSFER_BETWEEN_JOBS, RENAME_ACTION_INPUT -> Optional.empty();
        };
    }

    // ---- the fixes ----

    private FixPlan useDockerDriver(Finding finding) {
        String contextBuilder = context.snapshot().daemon().context();
        List<String> breaks = new ArrayList<>();
        boolean containerd = context.snapshot().daemon().imageStore() == ImageStoreKind.CONTAINERD;
        if (!containerd && context.build().platforms().size() > 1) {
            breaks.add("the multi-platform build (--platform " + String.join(",", context.build().platforms())
                    + "): the docker driver builds one platform without the containerd image store");
        }
        for (String cache : context.build().cacheTo()) {
            if (!containerd && !cache.contains("type=inline")) {
                breaks.add("the cache export (--cache-to " + cache + "): the docker driver exports only inline cache");
            }
        }
        LocalBuild build = context.build().withBuilder(contextBuilder);
        return plan(FixKind.USE_DOCKER_DRIVER, finding,
                "Build on '" + contextBuilder + "', the docker-driver builder of the current context: it builds with dockerd's "
                        + "own BuildKit and reads the daemon's image store, where the image is.",
                List.of("the daemon of context '" + contextBuilder + "' holds the image (it does: " + finding.image() + ")"), breaks,
                List.of(step("Build this once on the docker driver", shell("One build", build.render())),
                        step("Or make it the default builder for this context", shell("Switch builders",
                                ShellQuote.command(List.of("docker", "buildx", "use", contextBuilder)) + "\n" + context.build().withBuilder("").render())),
                        step("Or choose it for one shell session", shell("Environment",
                                "export BUILDX_BUILDER=" + ShellQuote.quote(contextBuilder) + "\n" + context.build().withBuilder("").render()))));
    }

    private Optional<FixPlan> registryBridge(Finding finding) throws DockerfileException {
        Optional<ImageNeed> need = needFor(finding);
        if (need.isEmpty()) {
            return Optional.empty();
        }
        ImageReference local = need.get().reference();
        String host = context.registryHost();
        ImageReference bridged = ImageReference.parseOrNull(host + "/" + local.path().replaceFirst("^library/", "") + ":"
                + (local.tag().isEmpty() ? "latest" : local.tag()));
        if (bridged == null) {
            return Optional.empty();
        }
        List<FixStep> steps = new ArrayList<>();
        boolean running = context.snapshot().registries().stream().anyMatch(r -> r.host().equals(host) && r.queried() && r.reachable());
        if (!running) {
            steps.add(step("Start a registry on " + host, shell("Registry", registryRun(host))));
        }
        steps.add(step("Push the image to it", shell("Tag and push", ShellQuote.command(List.of("docker", "tag", local.familiar(), bridged.familiar()))
                + "\n" + ShellQuote.command(List.of("docker", "push", bridged.familiar())))));

        String builderName = builder.name();
        List<String> prerequisites = new ArrayList<>();
        boolean loopback = RegistryHosts.isLoopback(host);
        boolean reaches = builder.driver().equals(VisibilityRules.DOCKER) || !loopback
                || builder.nodes().stream().allMatch(BuilderNode::hostNetwork);
        if (!reaches) {
            builderName = builder.name() + "-hostnet";
            steps.add(step("Create a builder that shares the host network (localhost is the host only with network=host)",
                    shell("Builder", builderCreate(builderName, withOpt(builder, "network", "host"), loopback ? "" : configPath()))));
        }
        if (!loopback) {
            steps.add(0, step("Tell BuildKit to speak plain HTTP to " + host, new Snippet("buildkitd-toml", configPath(), "toml",
                    "[registry.\"" + host + "\"]\n  http = true\n")));
            prerequisites.add("the builder must be created with --buildkitd-config " + configPath() + " (a registry outside 127.0.0.0/8 is HTTPS by default)");
        }
        LocalBuild build = context.build().withBuilder(builderName);
        if (need.get().instruction().equals("FROM") && need.get().context() == null) {
            DockerfileEdits.Parameterized edit = DockerfileEdits.parameterizeFrom(context.dockerfileText(), context.build().dockerfile(),
                    need.get().line(), local.familiar());
            if (edit.changed()) {
                steps.add(step("Make the base image a build arg (the default keeps plain builds working)",
                        new Snippet("dockerfile", "Dockerfile", "dockerfile", "ARG " + edit.argName() + "=" + local.familiar()
                                + "\nFROM ${" + edit.argName() + "}\n"),
                        new Snippet("dockerfile-patch", context.build().dockerfile(), "diff",
                                UnifiedDiff.of(context.build().dockerfile(), context.dockerfileText(), edit.text()))));
            }
            build = build.withBuildArg(edit.argName(), bridged.familiar());
        } else {
            build = build.withContext(new NamedContext(contextKey(local), "docker-image://" + bridged.familiar()));
        }
        steps.add(step("Build from the registry", shell("Build", build.render())));
        return Optional.of(plan(FixKind.LOCAL_REGISTRY_BRIDGE, finding,
                "Push " + local.familiar() + " to the registry at " + host + " and build from there: every driver pulls from "
                        + "registries, and the image is unchanged.", prerequisites, List.of(), steps));
    }

    private Optional<FixPlan> ociLayout(Finding finding) {
        Optional<ImageNeed> need = needFor(finding);
        if (need.isEmpty()) {
            return Optional.empty();
        }
        ImageReference local = need.get().reference();
        String key = contextKey(local);
        String dir = "/tmp/buildx-lens/" + local.path().replace('/', '-');
        String tag = local.tag().isEmpty() ? "latest" : local.tag();
        LocalBuild build = context.build().withContext(new NamedContext(key, "oci-layout://" + dir + ":" + tag));
        return Optional.of(plan(FixKind.OCI_LAYOUT_CONTEXT, finding,
                "Copy " + local.familiar() + " out of the daemon into an OCI layout on disk and hand it to the build as a named "
                        + "context: buildx reads oci-layout:// on the client and streams it to any driver, no registry needed.",
                List.of("skopeo is installed (Debian/Ubuntu: apt-get install skopeo)"), List.of(),
                List.of(step("Copy the image into an OCI layout", shell("skopeo",
                                ShellQuote.command(List.of("mkdir", "-p", dir)) + "\n"
                                        + ShellQuote.command(List.of("skopeo", "copy", "docker-daemon:" + local.familiar(), "oci:" + dir + ":" + tag)))),
                        step("Build with the layout as the named context '" + key + "'", shell("Build", build.render())))));
    }

    private FixPlan containerdStore(Finding finding) {
        return plan(FixKind.ENABLE_CONTAINERD_STORE, finding,
                "Switch dockerd to the containerd image store: the docker driver then builds multi-platform images, exports cache "
                        + "and loads manifest lists.",
                List.of("Docker Engine 24 or newer (the store is the default for fresh installs since 29.0)"),
                List.of("images in the classic store are invisible until you switch back (they are not migrated)"),
                List.of(step("Turn the feature on in /etc/docker/daemon.json", new Snippet("daemon-json", "/etc/docker/daemon.json", "json",
                                "{\n  \"features\": {\n    \"containerd-snapshotter\": true\n  }\n}\n")),
                        step("Restart the daemon", shell("Restart", "sudo systemctl restart docker")),
                        step("Check it", shell("Check", "docker info -f '{{ .DriverStatus }}'   # shows [driver-type io.containerd.snapshotter.v1]"))));
    }

    private FixPlan networkHost(Finding finding) {
        Map<String, String> opts = withOpt(builder, "network", "host");
        return plan(FixKind.ADD_NETWORK_HOST, finding,
                "Recreate builder " + builder.name() + " with --driver-opt network=host: its BuildKit then shares the host's network, "
                        + "where localhost is the machine that publishes the registry's port.",
                List.of(), List.of(),
                List.of(step("Recreate the builder (driver options are fixed at creation)", shell("Builder",
                                ShellQuote.command(List.of("docker", "buildx", "rm", builder.name())) + "\n"
                                        + builderCreate(builder.name(), opts, ""))),
                        step("Build as before", shell("Build", context.build().withBuilder(builder.name()).render()))));
    }

    private FixPlan containerBuilder(Finding finding) {
        String name = "multiplatform";
        LocalBuild build = context.build().withBuilder(name);
        if (!build.push() && !build.load() && build.outputs().isEmpty()) {
            build = build.withLoad(build.platforms().size() <= 1);
        }
        return plan(FixKind.USE_CONTAINER_BUILDER, finding,
                "Build on a docker-container builder, as the error itself advises: it builds several platforms and exports "
                        + "every cache type. Its results stay in its cache unless the build pushes or loads them.",
                List.of(), List.of(), List.of(step("Create the builder", shell("Builder",
                                ShellQuote.command(List.of("docker", "buildx", "create", "--name", name, "--driver", "docker-container")))),
                        step("Build on it (push, or --load one platform)", shell("Build", build.render()))));
    }

    private FixPlan ociExporter(Finding finding) {
        List<String> outputs = context.build().outputs().stream()
                .map(o -> o.contains("type=docker") ? o.replace("type=docker", "type=oci") : o).toList();
        List<FixStep> steps = new ArrayList<>();
        if (!outputs.equals(context.build().outputs())) {
            steps.add(step("Export an OCI archive, which holds every platform", shell("Build", context.build().withOutputs(outputs).render())));
        }
        if (!context.build().platforms().isEmpty()) {
            steps.add(step("Or export (or load) one platform at a time", shell("Build",
                    context.build().withPlatforms(List.of(context.build().platforms().get(0))).render())));
        }
        return plan(FixKind.USE_OCI_EXPORTER, finding, "The docker exporter writes one platform; an OCI archive holds a manifest list.",
                List.of(), List.of(), steps);
    }

    private FixPlan argDefault(Finding finding) {
        String variable = finding.message().replaceFirst("^.*ARG (\\S+) has no default.*$", "$1");
        return plan(FixKind.ADD_ARG_DEFAULT, finding,
                "Give ARG " + variable + " a value: a default in the Dockerfile (BuildKit's InvalidDefaultArgInFrom check asks "
                        + "for one), or a --build-arg on every build.",
                List.of("you choose the image the build should start from"), List.of(),
                List.of(step("In the Dockerfile (replace the image with yours)", new Snippet("dockerfile", "Dockerfile", "dockerfile",
                                "ARG " + variable + "=alpine:3.20\n")),
                        step("Or on the command line", shell("Build", context.build().withBuildArg(variable, "alpine:3.20").render()))));
    }

    private FixPlan registryService(Finding finding) {
        ImageReference reference = ImageReference.parseOrNull(finding.image());
        String host = reference == null ? context.registryHost() : reference.domain();
        return plan(FixKind.ADD_REGISTRY_SERVICE, finding, "Start a registry on " + host + " and push the image there first.",
                List.of(), List.of(), List.of(step("Start the registry", shell("Registry", registryRun(host)))));
    }

    // ---- helpers ----

    private Optional<ImageNeed> needFor(Finding finding) {
        return context.analysis().images().stream()
                .filter(n -> n.reference() != null && n.reference().familiar().equals(finding.image()) && n.line() == finding.line())
                .findFirst()
                .or(() -> context.analysis().images().stream()
                        .filter(n -> n.reference() != null && n.reference().familiar().equals(finding.image())).findFirst());
    }

    /** The named-context key BuildKit looks up for an image: its familiar name without {@code :latest}. */
    static String contextKey(ImageReference reference) {
        String familiar = reference.familiar();
        return familiar.endsWith(":latest") ? familiar.substring(0, familiar.length() - 7) : familiar;
    }

    private static String registryRun(String host) {
        String port = host.contains(":") ? host.substring(host.lastIndexOf(':') + 1) : "5000";
        String bind = RegistryHosts.isLoopback(host) && !host.startsWith("localhost") ? RegistryHosts.hostOnly(host) + ":" + port : port;
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
            if (!v.equals(dev.buildxlens.core.model.Secrets.REDACTED)) {
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

    private static String configPath() {
        return "buildkitd.toml";
    }

    private FixPlan plan(FixKind kind, Finding finding, String summary, List<String> prerequisites, List<String> breaks, List<FixStep> steps) {
        return new FixPlan(kind.id(), kind.title(), List.of(finding.id()), false, summary, prerequisites, kind.tradeoffs(), breaks, steps);
    }

    private static FixStep step(String title, Snippet... snippets) {
        return new FixStep(title, List.of(snippets));
    }

    private static Snippet shell(String title, String content) {
        return new Snippet("shell", title, "sh", content.endsWith("\n") ? content : content + "\n");
    }
}
