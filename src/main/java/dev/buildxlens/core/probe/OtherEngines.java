package dev.buildxlens.core.probe;

import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Probes the engines of the contexts that are not current, each in parallel and with a short connect timeout:
 * an image loaded into Docker Desktop is not in colima's engine, and after installing one (or after
 * {@code setup-docker-action}) the CLI's context moves and images "disappear". A context the probe cannot speak to
 * ({@code ssh://}) is not probed rather than called unreachable, and only the first {@link #CAP} are asked, so a
 * machine with many remote contexts is not held up by them.
 */
public final class OtherEngines {

    /** At most this many other contexts are asked; the rest are listed as not probed. */
    public static final int CAP = 8;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    private final Environment env;
    private final DockerConnector connector;

    public OtherEngines(Environment env, DockerConnector connector) {
        this.env = env;
        this.connector = connector;
    }

    public static OtherEngines withDefaultTimeouts(Environment env) {
        return new OtherEngines(env, new EngineConnector(env, CONNECT_TIMEOUT, RESPONSE_TIMEOUT));
    }

    /** Starts one probe per other context; each future completes (never fails) with that context's engine. */
    public Map<String, CompletableFuture<ContextEngine>> start(List<DockerContext> contexts, String currentContext, Executor pool) {
        Map<String, CompletableFuture<ContextEngine>> out = new LinkedHashMap<>();
        int asked = 0;
        for (DockerContext context : contexts) {
            if (context.name().equals(currentContext)) {
                continue;
            }
            String notProbed = whyNotProbed(context);
            if (notProbed.isEmpty() && asked >= CAP) {
                notProbed = "not probed (more than " + CAP + " other contexts)";
            }
            if (!notProbed.isEmpty()) {
                out.put(context.name(), CompletableFuture.completedFuture(notProbed(context, notProbed)));
                continue;
            }
            asked++;
            out.put(context.name(), CompletableFuture.supplyAsync(() -> probe(context), pool));
        }
        return out;
    }

    /** "" when the probe can speak to the context's endpoint, else why not (shown instead of "unreachable"). */
    static String whyNotProbed(DockerContext context) {
        if (context.host().isEmpty()) {
            return "";
        }
        String scheme;
        try {
            URI uri = URI.create(context.host());
            scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
        return scheme.equals("ssh") ? "not probed (ssh:// is not supported yet)" : "";
    }

    private static ContextEngine notProbed(DockerContext context, String why) {
        Daemon daemon = Daemon.unreachable(context.name(), context.host(), List.of());
        return new ContextEngine(context.name(), context.host(), false, ContextEngine.State.NOT_PROBED, why, daemon);
    }

    private ContextEngine probe(DockerContext context) {
        String source = "context " + context.name();
        if (context.host().isEmpty()) {
            String why = "context '" + context.name() + "' has no docker endpoint";
            return new ContextEngine(context.name(), "", false, ContextEngine.State.UNREACHABLE, why,
                    Daemon.unreachable(context.name(), "", List.of(new DiscoveryAttempt(source, "", false, why))));
        }
        DaemonCandidate candidate = DaemonCandidate.ofContext(source, context);
        try (DockerConnection connection = connector.connect(candidate)) {
            List<DiscoveryAttempt> attempts = List.of(new DiscoveryAttempt(source, context.host(), true,
                    "Docker " + connection.serverVersion() + " answered"));
            List<String> problems = new ArrayList<>();
            Daemon daemon = DaemonProbe.read(connection, context.name(), context.host(), attempts, problems::add);
            return new ContextEngine(context.name(), context.host(), false, ContextEngine.State.REACHABLE,
                    String.join("; ", problems), daemon);
        } catch (DaemonUnavailableException e) {
            return new ContextEngine(context.name(), context.host(), false, ContextEngine.State.UNREACHABLE, e.getMessage(),
                    Daemon.unreachable(context.name(), context.host(),
                            List.of(new DiscoveryAttempt(source, context.host(), false, e.getMessage()))));
        } catch (RuntimeException e) {
            // One context's odd answer must not cost the picture of the others.
            String why = "probe failed: " + Messages.firstLine(e);
            return new ContextEngine(context.name(), context.host(), false, ContextEngine.State.UNREACHABLE, why,
                    Daemon.unreachable(context.name(), context.host(), List.of(new DiscoveryAttempt(source, context.host(), false, why))));
        }
    }

}
