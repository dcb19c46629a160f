package dev.buildxlens.core.probe;

import dev.buildxlens.core.Trace;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Looks at this machine: finds the daemon, reads its image store and containers, reads the builder store,
 * asks {@code docker buildx} when it is installed, and queries local registries, then assembles one
 * {@link Snapshot}. The slow parts (buildx CLI, registries) run in parallel and each is bounded by a timeout.
 */
public final class LiveProbe {

    /** Settings of one probe. {@code extraRegistries} are {@code --registry HOST:PORT} values. */
    public record Options(List<String> extraRegistries, Duration buildxTimeout, Duration registryTimeout, boolean useBuildxCli,
                          boolean probeOtherContexts) {
        public Options {
            extraRegistries = List.copyOf(extraRegistries);
        }

        public Options(List<String> extraRegistries, Duration buildxTimeout, Duration registryTimeout, boolean useBuildxCli) {
            this(extraRegistries, buildxTimeout, registryTimeout, useBuildxCli, true);
        }

        public static Options defaults() {
            return new Options(List.of(), Duration.ofSeconds(15), Duration.ofSeconds(5), true, true);
        }

        public Options withRegistries(List<String> registries) {
            return new Options(registries, buildxTimeout, registryTimeout, useBuildxCli, probeOtherContexts);
        }

        /** Only the current context's engine: what a benchmark of the first picture measures. */
        public Options currentContextOnly() {
            return new Options(extraRegistries, buildxTimeout, registryTimeout, useBuildxCli, false);
        }
    }

    /** How long the slow parts may take before a partial picture is handed out. */
    static final Duration PARTIAL_AFTER = Duration.ofMillis(300);

    /** How long all other contexts together may take (each is bounded by its own 2 s connect timeout too). */
    static final Duration ENGINE_BOUND = Duration.ofSeconds(8);

    private final Environment env;
    private final DockerConnector connector;
    private final Options options;
    private final Clock clock;
    private final OtherEngines otherEngines;

    public LiveProbe(Environment env, DockerConnector connector, Options options, Clock clock) {
        this(env, connector, options, clock, OtherEngines.withDefaultTimeouts(env));
    }

    public LiveProbe(Environment env, DockerConnector connector, Options options, Clock clock, OtherEngines otherEngines) {
        this.env = env;
        this.connector = connector;
        this.options = options;
        this.clock = clock;
        this.otherEngines = otherEngines;
    }

    public static LiveProbe forEnvironment(Environment env, Options options) {
        return new LiveProbe(env, EngineConnector.withDefaultTimeouts(env), options, Clock.systemUTC());
    }

    public Snapshot take() {
        return take(progress -> { });
    }

    /**
     * Takes a snapshot; when the daemon and the store files are read while {@code docker buildx ls} or a registry
     * is still answering, first hands {@code progress} a picture without them (on the calling thread), so one
     * slow part never holds back the rest.
     */
    public Snapshot take(java.util.function.Consumer<ProbeProgress> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "buildx-lens-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return take(pool, progress);
        } finally {
            pool.shutdownNow();
        }
    }

    private Snapshot take(ExecutorService pool, java.util.function.Consumer<ProbeProgress> progress) {
        List<String> problems = new ArrayList<>();
        CompletableFuture<BuildxCli.Listing> listing = options.useBuildxCli()
                ? CompletableFuture.supplyAsync(() -> new BuildxCli(env, options.buildxTimeout()).list(), pool)
                : CompletableFuture.completedFuture(BuildxCli.Listing.notAsked(""));
        CompletableFuture<BuilderStore> store = CompletableFuture.supplyAsync(() -> BuilderStoreReader.read(env.buildxDir()), pool);

        Trace.mark("probe started");
        ContextStore contexts = new ContextStore(env);
        List<DockerContext> contextList = contexts.list();
        Trace.mark("contexts read");
        // The daemon's info and lists are asked together with its version: the image list is the slow answer.
        DaemonDiscovery discovery = new DaemonDiscovery(env, contexts, candidate -> connector.connect(candidate, DaemonProbe.REQUESTS));
        DaemonDiscovery.Outcome outcome = discovery.discover();
        Trace.mark("daemon found");
        // Other contexts' engines are asked on their own threads with short timeouts, while the current one is read.
        ExecutorService enginePool = Executors.newFixedThreadPool(OtherEngines.CAP, runnable -> {
            Thread thread = new Thread(runnable, "buildx-lens-engine");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, CompletableFuture<ContextEngine>> engines = options.probeOtherContexts()
                    ? otherEngines.start(contextList, outcome.context(), enginePool) : Map.of();
            List<DiscoveryAttempt> attempts = discovery.attempts();
            Daemon daemon;
            if (outcome.connection().isPresent()) {
                try (DockerConnection connection = outcome.connection().get()) {
                    daemon = DaemonProbe.read(connection, outcome.context(), outcome.host(), attempts, problems::add, pool);
                }
            } else {
                daemon = Daemon.unreachable(outcome.context(), outcome.host(), attempts);
            }
            Trace.mark("daemon read");
            problems.addAll(contexts.problems());
            return take(pool, progress, problems, contextList, contexts, daemon, store, listing, engines);
        } finally {
            enginePool.shutdownNow();
        }
    }

    private Snapshot take(ExecutorService pool, java.util.function.Consumer<ProbeProgress> progress, List<String> problems,
                          List<DockerContext> contextList, ContextStore contexts, Daemon daemon,
                          CompletableFuture<BuilderStore> store, CompletableFuture<BuildxCli.Listing> listing,
                          Map<String, CompletableFuture<ContextEngine>> engines) {

        Map<String, String> hosts = registryHosts(daemon, problems);
        Map<String, CompletableFuture<Registry>> queries = startRegistryQueries(hosts, pool);
        String endpointKey = daemon.context().equals(DockerContext.DEFAULT) ? contexts.defaultHost() : daemon.context();
        BuilderStore builderStore = store.join();

        List<CompletableFuture<?>> slow = new ArrayList<>(queries.values());
        slow.add(listing);
        slow.addAll(engines.values());
        try {
            // A short grace: a picture that completes within it is shown once, not in two flickering steps.
            CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).get(PARTIAL_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // Still answering (or failed, which the final picture reports): show what is there.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> pending = new ArrayList<>();
        if (!listing.isDone()) {
            pending.add("docker buildx ls");
        }
        queries.forEach((host, query) -> {
            if (!query.isDone()) {
                pending.add("registry " + host);
            }
        });
        engines.forEach((name, engine) -> {
            if (!engine.isDone()) {
                pending.add("context " + name);
            }
        });
        if (!pending.isEmpty()) {
            BuildxCli.Listing listingSoFar = listing.isDone() ? listing.join() : BuildxCli.Listing.notAsked(
                    "docker buildx ls is still answering: builders from the store files for now");
            List<Registry> registriesSoFar = new ArrayList<>();
            queries.forEach((host, query) -> registriesSoFar.add(query.isDone() ? query.join()
                    : new Registry(host, dev.buildxlens.core.model.RegistryHosts.isLoopback(host), hosts.get(host), false, false,
                            "still being queried", List.of(), false)));
            registriesSoFar.add(dockerHub());
            progress.accept(new ProbeProgress(SnapshotAssembler.assemble(new ProbeResults(clock.instant(), contextList, daemon,
                    endpointKey, builderStore, listingSoFar, env.get("BUILDX_BUILDER"), registriesSoFar, List.copyOf(problems),
                    enginesSoFar(engines))), pending));
            Trace.mark("partial picture");
        }

        List<Registry> registries = collectRegistries(hosts, queries);
        registries.add(dockerHub());
        Trace.mark("registries read");
        List<ContextEngine> otherEngines = collectEngines(engines);
        Trace.mark("other contexts read");
        ProbeResults facts = new ProbeResults(clock.instant(), contextList, daemon, endpointKey, builderStore,
                listing.join(), env.get("BUILDX_BUILDER"), registries, problems, otherEngines);
        Snapshot snapshot = SnapshotAssembler.assemble(facts);
        Trace.mark("snapshot assembled");
        return snapshot;
    }

    /**
     * Registries to query: {@code --registry} values, then running registry containers by their published
     * ports (a port published on all interfaces or on loopback is reached as {@code localhost:<port>}).
     */
    private Map<String, String> registryHosts(Daemon daemon, List<String> problems) {
        Map<String, String> hosts = new LinkedHashMap<>();
        for (String host : options.extraRegistries()) {
            hosts.putIfAbsent(host, "--registry");
        }
        for (Container container : daemon.containers()) {
            if (!container.looksLikeRegistry()) {
                continue;
            }
            if (!container.running()) {
                problems.add("registry container " + container.name() + " is " + container.state() + ": nothing can pull from it");
                continue;
            }
            if ("host".equals(container.networkMode())) {
                // DaemonProbe read where it listens (REGISTRY_HTTP_ADDR, else the image's :5000); none when it could not.
                container.ports().forEach(port -> hosts.putIfAbsent("localhost:" + port.hostPort(),
                        "container " + container.name() + " (host network)"));
                continue;
            }
            for (Container.PublishedPort port : container.ports()) {
                if (!"tcp".equals(port.protocol())) {
                    continue;
                }
                String ip = port.hostIp();
                boolean local = ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") || ip.startsWith("127.");
                String host = (local ? "localhost" : ip) + ":" + port.hostPort();
                hosts.putIfAbsent(host, "container " + container.name());
            }
        }
        return hosts;
    }

    /** The other contexts as far as they answered: one still being asked is shown as such, not as unreachable. */
    private static List<ContextEngine> enginesSoFar(Map<String, CompletableFuture<ContextEngine>> engines) {
        List<ContextEngine> out = new ArrayList<>();
        engines.forEach((name, engine) -> out.add(engine.isDone() ? engine.join() : stillAsking(name, engine)));
        return out;
    }

    private static ContextEngine stillAsking(String name, CompletableFuture<ContextEngine> engine) {
        return new ContextEngine(name, "", false, ContextEngine.State.NOT_PROBED, "still being probed",
                Daemon.unreachable(name, "", List.of()));
    }

    private static List<ContextEngine> collectEngines(Map<String, CompletableFuture<ContextEngine>> engines) {
        List<ContextEngine> out = new ArrayList<>();
        long deadline = System.nanoTime() + ENGINE_BOUND.toNanos();
        engines.forEach((name, engine) -> {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                out.add(engine.get(left, TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                out.add(new ContextEngine(name, "", false, ContextEngine.State.UNREACHABLE,
                        "no complete answer within " + ENGINE_BOUND.toSeconds() + " s", Daemon.unreachable(name, "", List.of())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(stillAsking(name, engine));
            }
        });
        return out;
    }

    private static Registry dockerHub() {
        return new Registry(SnapshotAssembler.DOCKER_HUB, false, "Docker Hub: unqualified names resolve here; not queried",
                false, false, "", List.of(), false);
    }

    private Map<String, CompletableFuture<Registry>> startRegistryQueries(Map<String, String> hosts, ExecutorService pool) {
        Map<String, CompletableFuture<Registry>> queries = new LinkedHashMap<>();
        if (hosts.isEmpty()) {
            // The HTTP client sets up TLS when it is built (about 100 ms); nothing to query, nothing to pay.
            return queries;
        }
        RegistryClient client = new RegistryClient(Duration.ofSeconds(2), options.registryTimeout());
        hosts.forEach((host, source) -> queries.put(host, CompletableFuture.supplyAsync(() -> client.query(host, source), pool)));
        return queries;
    }

    private List<Registry> collectRegistries(Map<String, String> hosts, Map<String, CompletableFuture<Registry>> queries) {
        List<Registry> out = new ArrayList<>();
        queries.forEach((host, query) -> {
            try {
                // Each request is bounded by the client's timeouts; this bound catches a registry that trickles.
                out.add(query.get(options.registryTimeout().toMillis() * 4 + 2000, TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                out.add(new Registry(host, dev.buildxlens.core.model.RegistryHosts.isLoopback(host), hosts.get(host),
                        true, false, "no complete answer in time", List.of(), false));
            }
        });
        return out;
    }
}
