package dev.buildxlens.core.scenario;

import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DaemonProxy;
import dev.buildxlens.core.model.Platform;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.RegistryHosts;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.BuilderStore;
import dev.buildxlens.core.probe.BuildxCli;
import dev.buildxlens.core.probe.DockerContext;
import dev.buildxlens.core.probe.ProbeResults;
import dev.buildxlens.core.probe.SnapshotAssembler;
import dev.buildxlens.core.probe.StoredBuilder;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.YamlDocument;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a scenario file (see {@code scenarios/README.md} in the resources for the format) into a {@link Scenario}.
 * The world goes through the same {@link SnapshotAssembler} as the live probe, so the same rules decide what each
 * builder can read. Every mistake is one message with the file and line.
 */
public final class ScenarioLoader {

    /** Keys of an image entry: {@code digests} are repo digests as docker inspect shows them. */
    private static final Set<String> TOP_KEYS = Set.of("name", "title", "level", "goal", "runner", "daemon", "builders",
            "registries", "build", "steps", "expect", "contexts");
    private static final Set<String> DRIVERS = Set.of("docker", "docker-container", "kubernetes", "remote", "cloud");

    private final String file;

    private ScenarioLoader(String file) {
        this.file = file;
    }

    public static Scenario load(Path path, String displayName) throws ScenarioException {
        try {
            return new ScenarioLoader(displayName).scenario(YamlDocument.read(path, displayName));
        } catch (WorkflowException e) {
            throw new ScenarioException(e.getMessage());
        }
    }

    public static Scenario parse(String text, String displayName) throws ScenarioException {
        try {
            return new ScenarioLoader(displayName).scenario(YamlDocument.parse(text, displayName));
        } catch (WorkflowException e) {
            throw new ScenarioException(e.getMessage());
        }
    }

    private Scenario scenario(Node root) throws WorkflowException, ScenarioException {
        Map<String, Node> top = YamlDocument.mapping(root, file, "the scenario");
        for (Map.Entry<String, Node> entry : top.entrySet()) {
            if (!TOP_KEYS.contains(entry.getKey())) {
                throw new ScenarioException(file, YamlDocument.line(entry.getValue()), "unknown key '" + entry.getKey()
                        + "' (known: " + String.join(", ", TOP_KEYS.stream().sorted().toList()) + ")");
            }
        }
        String name = required(top, "name", root);
        String runner = text(top.get("runner"), "laptop");
        if (!Set.of("laptop", "github-actions", "gitlab-ci").contains(runner)) {
            throw new ScenarioException(file, YamlDocument.line(top.get("runner")), "runner must be laptop, github-actions or gitlab-ci, not '"
                    + runner + "'");
        }
        Daemon daemon = daemon(top.get("daemon"));
        List<StoredBuilder> builders = new ArrayList<>();
        List<Container> containers = new ArrayList<>(daemon.containers());
        String current = "";
        // A lesson's builder may carry the step that made it (a runner's setup-buildx builder), for what people read.
        Map<String, String> madeBy = new java.util.HashMap<>();
        if (top.get("builders") != null) {
            for (Node node : YamlDocument.sequence(top.get("builders"), file, "builders")) {
                Map<String, Node> builder = YamlDocument.mapping(node, file, "a builder");
                String builderName = required(builder, "name", node);
                String driver = text(builder.get("driver"), "docker-container");
                if (!DRIVERS.contains(driver)) {
                    throw new ScenarioException(file, YamlDocument.line(builder.get("driver")), "unknown driver '" + driver
                            + "' (docker, docker-container, kubernetes, remote, cloud)");
                }
                if ("true".equals(text(builder.get("current"), "false"))) {
                    current = builderName;
                }
                if (builder.get("madeBy") != null) {
                    madeBy.put(builderName, text(builder.get("madeBy"), ""));
                }
                if (driver.equals("docker")) {
                    continue; // the docker-driver builder of the context exists by itself
                }
                Map<String, String> opts = strings(builder.get("driverOpts"), "driverOpts");
                String status = text(builder.get("status"), "running");
                String endpoint = text(builder.get("endpoint"), driver.equals("docker-container") ? daemon.host() : "tcp://buildkitd:1234");
                String nodeName = builderName + "0";
                String config = text(builder.get("buildkitdConfig"), "");
                builders.add(new StoredBuilder(builderName, driver, List.of(new StoredBuilder.StoredNode(nodeName, endpoint,
                        List.of(), opts, List.of(), config.isEmpty() ? Map.of() : Map.of("buildkitd.toml", config))), false));
                if (driver.equals("docker-container") && !status.equals("inactive")) {
                    containers.add(new Container("scenario-" + nodeName, Container.BUILDER_CONTAINER_PREFIX + nodeName,
                            "moby/buildkit:buildx-stable-1", "", status.equals("running") ? "running" : "exited", List.of(),
                            opts.getOrDefault("network", "default"), List.of(Container.BUILDER_CONTAINER_PREFIX + nodeName + "_state")));
                }
            }
        }
        daemon = daemon.withContainers(containers);
        List<ContextEngine> others = contexts(top.get("contexts"), daemon.context());
        List<Registry> registries = registries(top.get("registries"));
        String key = daemon.context().equals(DockerContext.DEFAULT) ? daemon.host() : daemon.context();
        BuilderStore store = new BuilderStore(Path.of("scenario"), true, builders, Map.of(),
                current.isEmpty() ? Optional.empty() : Optional.of(new BuilderStore.CurrentPointer(key, current, false)), Map.of(), List.of());
        List<DockerContext> contextList = new ArrayList<>();
        contextList.add(new DockerContext(daemon.context(), "", daemon.host(), false, null));
        others.forEach(other -> contextList.add(new DockerContext(other.name(), "", other.host(), false, null)));
        ProbeResults facts = new ProbeResults(Instant.EPOCH, contextList,
                daemon, key, store, new BuildxCli.Listing(Optional.empty(), dev.buildxlens.core.model.DockerClient.assumedWithBuildx("the lesson assumes a Docker CLI with buildx"), ""), Optional.empty(), registries, List.of(),
                others);
        Snapshot assembled = SnapshotAssembler.assemble(facts, "scenario " + name);
        Snapshot snapshot = madeBy.isEmpty() ? assembled : new Snapshot(assembled.takenAt(), assembled.origin(), assembled.daemon(),
                assembled.builders().stream().map(b -> b.withMadeBy(madeBy.getOrDefault(b.name(), ""))).toList(), assembled.stores(),
                assembled.registries(), assembled.problems(), assembled.notes(), assembled.client(), assembled.engines());
        List<String> steps = new ArrayList<>();
        if (top.get("steps") != null) {
            for (Node step : YamlDocument.sequence(top.get("steps"), file, "steps")) {
                steps.add(scalar(step, "a step"));
            }
        }
        List<String> expect = new ArrayList<>();
        if (top.get("expect") != null) {
            for (Node id : YamlDocument.sequence(top.get("expect"), file, "expect")) {
                expect.add(scalar(id, "a finding id"));
            }
        }
        return new Scenario(name, text(top.get("title"), name), text(top.get("level"), "beginner"), text(top.get("goal"), ""),
                runner, snapshot, build(top.get("build"), runner), steps, expect);
    }

    /**
     * Other contexts' engines: {@code contexts: [{name, host, state: reachable|unreachable|not-probed, error, imageStore,
     * images}]}, each with its own image store.
     */
    private List<ContextEngine> contexts(Node node, String currentContext) throws WorkflowException, ScenarioException {
        List<ContextEngine> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Node contextNode : YamlDocument.sequence(node, file, "contexts")) {
            Map<String, Node> context = YamlDocument.mapping(contextNode, file, "a context");
            String name = required(context, "name", contextNode);
            if (name.equals(currentContext)) {
                throw new ScenarioException(file, YamlDocument.line(context.get("name")), "context '" + name
                        + "' is the daemon's own: describe it under daemon");
            }
            String host = text(context.get("host"), "unix:///var/run/" + name + ".sock");
            String stateText = text(context.get("state"), "reachable");
            ContextEngine.State state = switch (stateText) {
                case "reachable" -> ContextEngine.State.REACHABLE;
                case "unreachable" -> ContextEngine.State.UNREACHABLE;
                case "not-probed" -> ContextEngine.State.NOT_PROBED;
                default -> throw new ScenarioException(file, YamlDocument.line(context.get("state")),
                        "state must be reachable, unreachable or not-probed, not '" + stateText + "'");
            };
            Daemon daemon = state == ContextEngine.State.REACHABLE
                    ? daemon(contextNode, Set.of("name", "host", "state", "error"), name, host)
                    : Daemon.unreachable(name, host, List.of());
            out.add(new ContextEngine(name, host, false, state, text(context.get("error"), state == ContextEngine.State.UNREACHABLE
                    ? "connection refused (nothing listens there)" : ""), daemon));
        }
        return out;
    }

    private static final Set<String> DAEMON_KEYS = Set.of("context", "host", "version", "apiVersion", "imageStore", "images", "arch",
            "insecureRegistries", "registryMirrors", "hiddenImages", "proxy");

    private Daemon daemon(Node node) throws WorkflowException, ScenarioException {
        return daemon(node, Set.of(), null, null);
    }

    private Daemon daemon(Node node, Set<String> extraKeys, String contextName, String contextHost) throws WorkflowException, ScenarioException {
        Map<String, Node> daemon = node == null ? Map.of() : YamlDocument.mapping(node, file, "daemon");
        for (Map.Entry<String, Node> entry : daemon.entrySet()) {
            if (!DAEMON_KEYS.contains(entry.getKey()) && !extraKeys.contains(entry.getKey())) {
                throw new ScenarioException(file, YamlDocument.line(entry.getValue()), "unknown key '" + entry.getKey() + "' in "
                        + (contextName == null ? "daemon" : "context " + contextName));
            }
        }
        String storeText = text(daemon.get("imageStore"), "classic");
        ImageStoreKind store = switch (storeText) {
            case "classic" -> ImageStoreKind.CLASSIC;
            case "containerd" -> ImageStoreKind.CONTAINERD;
            default -> throw new ScenarioException(file, YamlDocument.line(daemon.get("imageStore")),
                    "imageStore must be classic or containerd, not '" + storeText + "'");
        };
        List<Image> images = new ArrayList<>();
        if (daemon.get("images") != null) {
            int index = 0;
            for (Node imageNode : YamlDocument.sequence(daemon.get("images"), file, "daemon.images")) {
                Map<String, Node> image = YamlDocument.mapping(imageNode, file, "an image");
                List<String> tags = references(image.get("tags"), "tags");
                List<String> digests = new ArrayList<>(references(image.get("digests"), "digests"));
                if ("true".equals(text(image.get("pulled"), "false"))) {
                    // A pulled image carries a repo digest: it exists in its registry.
                    for (String tag : tags) {
                        ImageReference reference = ImageReference.parseOrNull(tag);
                        if (reference != null) {
                            digests.add(reference.familiar().replaceFirst(":[^:/]+$", "") + "@sha256:" + "0".repeat(63) + (index % 10));
                        }
                    }
                }
                index++;
                String id = "sha256:" + sha256(String.join(",", tags) + "#" + index + (contextName == null ? "" : "@" + contextName));
                List<Platform> platforms = new ArrayList<>();
                List<String> platformTexts = new ArrayList<>(list(image.get("platforms"), "platforms"));
                if (image.get("platform") != null) {
                    platformTexts.add(scalar(image.get("platform"), "a platform"));
                }
                for (String text : platformTexts) {
                    platforms.add(Platform.parse(text).orElseThrow(() -> new ScenarioException(file, YamlDocument.line(imageNode),
                            "platform '" + text + "' is not os/arch[/variant]")));
                }
                images.add(new Image(id, tags, digests, 1_000_000L * index, Instant.parse("2026-01-01T00:00:00Z"), platforms));
            }
        }
        List<Container> containers = new ArrayList<>();
        List<String> insecure = new ArrayList<>(List.of("127.0.0.0/8"));
        insecure.addAll(list(daemon.get("insecureRegistries"), "insecureRegistries"));
        int hidden = Daemon.NOT_COUNTED;
        if (daemon.get("hiddenImages") != null) {
            try {
                hidden = Integer.parseInt(scalar(daemon.get("hiddenImages"), "hiddenImages"));
            } catch (NumberFormatException e) {
                throw new ScenarioException(file, YamlDocument.line(daemon.get("hiddenImages")), "hiddenImages must be a number");
            }
        }
        return new Daemon(true, contextName != null ? contextName : text(daemon.get("context"), "default"),
                contextHost != null ? contextHost : text(daemon.get("host"), "unix:///var/run/docker.sock"),
                text(daemon.get("version"), "27.0.3"), text(daemon.get("apiVersion"), "1.46"), "linux", text(daemon.get("arch"), "x86_64"),
                store == ImageStoreKind.CONTAINERD ? "overlayfs" : "overlay2", store, insecure,
                list(daemon.get("registryMirrors"), "registryMirrors"), images, containers, List.of(), hidden, List.of(), proxy(daemon.get("proxy")));
    }

    /** {@code proxy: {http: URL, https: URL, noProxy: LIST}}: what dockerd pulls through. */
    private DaemonProxy proxy(Node node) throws WorkflowException, ScenarioException {
        if (node == null) {
            return DaemonProxy.NONE;
        }
        Map<String, Node> proxy = YamlDocument.mapping(node, file, "the daemon's proxy");
        for (String key : proxy.keySet()) {
            if (!List.of("http", "https", "noProxy").contains(key)) {
                throw new ScenarioException(file, YamlDocument.line(proxy.get(key)), "unknown proxy key '" + key + "' (http, https, noProxy)");
            }
        }
        return new DaemonProxy(text(proxy.get("http"), ""), text(proxy.get("https"), ""), text(proxy.get("noProxy"), ""));
    }

    private List<Registry> registries(Node node) throws WorkflowException, ScenarioException {
        List<Registry> registries = new ArrayList<>();
        if (node != null) {
            for (Node registryNode : YamlDocument.sequence(node, file, "registries")) {
                Map<String, Node> registry = YamlDocument.mapping(registryNode, file, "a registry");
                String host = required(registry, "host", registryNode);
                String problem = RegistryHosts.validate(host);
                if (!problem.isEmpty()) {
                    throw new ScenarioException(file, YamlDocument.line(registry.get("host")), "host '" + host + "' " + problem);
                }
                List<Registry.RegistryRepository> repositories = new ArrayList<>();
                if (registry.get("repositories") != null) {
                    for (Map.Entry<String, Node> repository : YamlDocument.mapping(registry.get("repositories"), file, "repositories").entrySet()) {
                        List<Registry.RegistryTag> tags = new ArrayList<>();
                        for (Node tag : YamlDocument.sequence(repository.getValue(), file, "tags of " + repository.getKey())) {
                            tags.add(new Registry.RegistryTag(scalar(tag, "a tag"), ""));
                        }
                        repositories.add(new Registry.RegistryRepository(repository.getKey(), tags));
                    }
                }
                registries.add(new Registry(host, RegistryHosts.isLoopback(host), "scenario", RegistryHosts.isLoopback(host), true, "",
                        repositories, false));
            }
        }
        registries.add(new Registry(SnapshotAssembler.DOCKER_HUB, false, "Docker Hub: not queried", false, false, "", List.of(), false));
        return registries;
    }

    private Scenario.Build build(Node node, String runner) throws WorkflowException, ScenarioException {
        if (node == null) {
            // A world without a build of its own (an exported machine): inspect it, or diagnose a Dockerfile against it.
            return new Scenario.Build(null, BuildSpec.newBuilder().dockerfile("Dockerfile").build(), null, Map.of());
        }
        Map<String, Node> build = YamlDocument.mapping(node, file, "build");
        String dockerfile = build.get("dockerfile") == null ? null : scalar(build.get("dockerfile"), "build.dockerfile");
        String workflow = build.get("workflow") == null ? null : scalar(build.get("workflow"), "build.workflow");
        String compose = build.get("compose") == null ? null : scalar(build.get("compose"), "build.compose");
        String bake = build.get("bake") == null ? null : scalar(build.get("bake"), "build.bake");
        String gitlab = build.get("gitlab") == null ? null : scalar(build.get("gitlab"), "build.gitlab");
        if (java.util.stream.Stream.of(dockerfile, workflow, compose, bake, gitlab).filter(java.util.Objects::nonNull).count() != 1) {
            throw new ScenarioException(file, YamlDocument.line(node), "build needs exactly one of 'dockerfile', 'workflow', 'compose', 'bake' "
                    + "or 'gitlab'");
        }
        if (workflow != null && !runner.equals("github-actions")) {
            throw new ScenarioException(file, YamlDocument.line(build.get("workflow")), "a workflow runs on runner: github-actions");
        }
        if (gitlab != null && !runner.equals("gitlab-ci")) {
            throw new ScenarioException(file, YamlDocument.line(build.get("gitlab")), "a GitLab CI file runs on runner: gitlab-ci");
        }
        List<NamedContext> contexts = new ArrayList<>();
        strings(build.get("contexts"), "build.contexts").forEach((k, v) -> contexts.add(new NamedContext(k, v)));
        BuildSpec spec = BuildSpec.newBuilder().dockerfile("Dockerfile").contextDir(".")
                .buildArgs(strings(build.get("buildArgs"), "build.buildArgs")).contexts(contexts).target(text(build.get("target"), ""))
                .platforms(list(build.get("platforms"), "build.platforms")).builder(text(build.get("builder"), ""))
                .load("true".equals(text(build.get("load"), "false"))).push("true".equals(text(build.get("push"), "false")))
                .pull("true".equals(text(build.get("pull"), "false"))).outputs(list(build.get("outputs"), "build.outputs"))
                .cacheTo(list(build.get("cacheTo"), "build.cacheTo")).build();
        return new Scenario.Build(dockerfile, spec, workflow, strings(build.get("files"), "build.files"), compose, bake, gitlab);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // ---- small readers ----

    private String required(Map<String, Node> map, String key, Node owner) throws ScenarioException {
        Node value = map.get(key);
        if (value == null || YamlDocument.scalar(value) == null || YamlDocument.scalar(value).isBlank()) {
            throw new ScenarioException(file, YamlDocument.line(owner), "'" + key + "' is required");
        }
        return YamlDocument.scalar(value).trim();
    }

    private String scalar(Node node, String what) throws ScenarioException {
        String value = YamlDocument.scalar(node);
        if (value == null) {
            throw new ScenarioException(file, YamlDocument.line(node), what + " must be a string");
        }
        return value;
    }

    private static String text(Node node, String fallback) {
        String value = node == null ? null : YamlDocument.scalar(node);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private List<String> list(Node node, String what) throws WorkflowException, ScenarioException {
        List<String> out = new ArrayList<>();
        if (node != null) {
            for (Node item : YamlDocument.sequence(node, file, what)) {
                out.add(scalar(item, "an entry of " + what));
            }
        }
        return out;
    }

    private List<String> references(Node node, String what) throws WorkflowException, ScenarioException {
        List<String> out = list(node, what);
        for (String reference : out) {
            if (ImageReference.parseOrNull(reference) == null) {
                throw new ScenarioException(file, YamlDocument.line(node), "'" + reference + "' is not a valid image reference");
            }
        }
        return out;
    }

    private Map<String, String> strings(Node node, String what) throws WorkflowException, ScenarioException {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            for (Map.Entry<String, Node> entry : YamlDocument.mapping(node, file, what).entrySet()) {
                out.put(entry.getKey(), scalar(entry.getValue(), what + "." + entry.getKey()));
            }
        }
        return out;
    }
}
