package dev.buildxlens.core.probe;

import dev.buildxlens.core.Trace;
import dev.buildxlens.core.model.Container;
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
    public record Options(List<String> extraRegistries, Duration buildxTimeout, Duration registryTimeout, boolean useBuildxCli) {
        public Options {
            extraRegistries = List.copyOf(extraRegistries);
        }

        public static Options defaults() {
            return new Options(List.of(), Duration.ofSeconds(15), Duration.ofSeconds(5), true);
        }

        public Options withRegistries(List<String> registries) {
            return new Options(registries, buildxTimeout, registryTimeout, useBuildxCli);
        }
    }

    private final Environment env;
    private final DockerConnector connector;
    private final Options options;
    private final Clock clock;

    public LiveProbe(Environment env, DockerConnector connector, Options options, Clock clock) {
        this.env = env;
        this.connector = connector;
        this.options = options;
        this.clock = clock;
    }

    public static LiveProbe forEnvironment(Environment env, Options options) {
        return new LiveProbe(env, EngineConnector.withDefaultTimeouts(env), options, Clock.systemUTC());
    }

    public Snapshot take() {
        ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "buildx-lens-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return take(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private Snapshot take(ExecutorService pool) {
        List<String> problems = new ArrayList<>();
        CompletableFuture<BuildxCli.Listing> listing = options.useBuildxCli()
                ? CompletableFuture.supplyAsync(() -> new BuildxCli(env, options.buildxTimeout()).list(), pool)
                : CompletableFuture.completedFuture(new BuildxCli.Listing(java.util.Optional.empty(), "", ""));
        CompletableFuture<BuilderStore> store = CompletableFuture.supplyAsync(() -> BuilderStoreReader.read(env.buildxDir()), pool);

        Trace.mark("probe started");
        ContextStore contexts = new ContextStore(env);
        List<DockerContext> contextList = contexts.list();
        Trace.mark("contexts read");
        DaemonDiscovery discovery = new DaemonDiscovery(env, contexts, connector);
        DaemonDiscovery.Outcome outcome = discovery.discover();
        Trace.mark("daemon found");
        List<DiscoveryAttempt> attempts = discovery.attempts();
        Daemon daemon;
        if (outcome.connection().isPresent()) {
            try (DockerConnection connection = outcome.connection().get()) {
                daemon = DaemonProbe.read(connection, outcome.context(), outcome.host(), attempts, problems::add);
            }
        } else {
            daemon = Daemon.unreachable(outcome.context(), outcome.host(), attempts);
        }
        Trace.mark("daemon read");
        problems.addAll(contexts.problems());

        List<Registry> registries = queryRegistries(registryHosts(daemon, problems), pool);
        registries.add(new Registry(SnapshotAssembler.DOCKER_HUB, false,
                "Docker Hub: unqualified names resolve here; not queried", false, false, "", List.of(), false));

        Trace.mark("registries read");
        String endpointKey = daemon.context().equals(DockerContext.DEFAULT) ? contexts.defaultHost() : daemon.context();
        ProbeResults facts = new ProbeResults(clock.instant(), contextList, daemon, endpointKey, store.join(),
                listing.join(), env.get("BUILDX_BUILDER"), registries, problems);
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
                hosts.putIfAbsent("localhost:5000", "container " + container.name() + " (host network)");
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

    private List<Registry> queryRegistries(Map<String, String> hosts, ExecutorService pool) {
        List<Registry> out = new ArrayList<>();
        if (hosts.isEmpty()) {
            // The HTTP client sets up TLS when it is built (about 100 ms); nothing to query, nothing to pay.
            return out;
        }
        RegistryClient client = new RegistryClient(Duration.ofSeconds(2), options.registryTimeout());
        List<CompletableFuture<Registry>> queries = new ArrayList<>();
        hosts.forEach((host, source) -> queries.add(CompletableFuture.supplyAsync(() -> client.query(host, source), pool)));
        List<String> order = new ArrayList<>(hosts.keySet());
        for (int i = 0; i < queries.size(); i++) {
            try {
                // Each request is bounded by the client's timeouts; this bound catches a registry that trickles.
                out.add(queries.get(i).get(options.registryTimeout().toMillis() * 4 + 2000, TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                String host = order.get(i);
                out.add(new Registry(host, dev.buildxlens.core.model.RegistryHosts.isLoopback(host), hosts.get(host),
                        true, false, "no complete answer in time", List.of(), false));
            }
        }
        return out;
    }
}
