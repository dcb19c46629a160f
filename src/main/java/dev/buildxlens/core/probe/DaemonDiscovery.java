package dev.buildxlens.core.probe;

import dev.buildxlens.core.model.DiscoveryAttempt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the daemon exactly like the Docker CLI does (buildx-facts §2, {@code resolveContextName}): the first
 * configured source is authoritative ({@code DOCKER_HOST}, else {@code DOCKER_CONTEXT}, else {@code currentContext}
 * in config.json) and its failure is reported, never papered over by another source. Only when nothing is
 * configured are the well-known sockets tried, in order. Every step leaves one line in {@link #attempts()}.
 */
public final class DaemonDiscovery {

    private final Environment env;
    private final ContextStore contexts;
    private final DockerConnector connector;
    private final List<DiscoveryAttempt> attempts = new ArrayList<>();

    public DaemonDiscovery(Environment env, ContextStore contexts, DockerConnector connector) {
        this.env = env;
        this.contexts = contexts;
        this.connector = connector;
    }

    /** The outcome: a connection when one worked, and the context and host the CLI would use either way. */
    public record Outcome(Optional<DockerConnection> connection, String context, String host) {
    }

    public List<DiscoveryAttempt> attempts() {
        return List.copyOf(attempts);
    }

    public Outcome discover() {
        Optional<String> dockerHost = env.get("DOCKER_HOST");
        if (dockerHost.isPresent()) {
            return tryOne(new DaemonCandidate("DOCKER_HOST", DockerContext.DEFAULT, dockerHost.get(),
                    tlsDirFromEnv(), env.get("DOCKER_TLS_VERIFY").isPresent()));
        }
        Optional<String> contextVar = env.get("DOCKER_CONTEXT");
        if (contextVar.isPresent()) {
            return fromContext("DOCKER_CONTEXT=" + contextVar.get(), contextVar.get());
        }
        Optional<String> configured = contexts.configuredCurrentContext();
        if (configured.isPresent()) {
            return fromContext("currentContext=" + configured.get() + " in "
                    + env.dockerConfigDir().resolve("config.json"), configured.get());
        }
        return wellKnownSockets();
    }

    private Outcome fromContext(String source, String name) {
        Optional<DockerContext> context;
        try {
            context = contexts.find(name);
        } catch (IOException e) {
            attempts.add(new DiscoveryAttempt(source, "", false, "context '" + name + "' cannot be read: " + Messages.firstLine(e)));
            return new Outcome(Optional.empty(), name, "");
        }
        if (context.isEmpty()) {
            attempts.add(new DiscoveryAttempt(source, "", false, "context '" + name + "' does not exist (no "
                    + env.dockerConfigDir().resolve("contexts/meta/" + Hashes.sha256Hex(name) + "/meta.json") + ")"));
            return new Outcome(Optional.empty(), name, "");
        }
        DockerContext found = context.get();
        if (found.host().isEmpty()) {
            attempts.add(new DiscoveryAttempt(source, "", false, "context '" + name + "' has no docker endpoint"));
            return new Outcome(Optional.empty(), name, "");
        }
        return tryOne(DaemonCandidate.ofContext(source, found));
    }

    /** Where Docker Engine, Docker Desktop and rootless Docker put their sockets, in the order they are tried. */
    public static List<String> wellKnownSockets(Environment env) {
        List<String> sockets = new ArrayList<>();
        if (env.windows()) {
            sockets.add("npipe:////./pipe/docker_engine");
            sockets.add("npipe:////./pipe/dockerDesktopLinuxEngine");
        } else {
            sockets.add("unix:///var/run/docker.sock");
            sockets.add("unix://" + env.home().resolve(".docker/run/docker.sock"));
            sockets.add("unix://" + env.home().resolve(".docker/desktop/docker.sock"));
            env.get("XDG_RUNTIME_DIR").ifPresent(dir -> sockets.add("unix://" + Path.of(dir).resolve("docker.sock")));
        }
        return sockets;
    }

    private Outcome wellKnownSockets() {
        List<String> sockets = wellKnownSockets(env);
        for (String socket : sockets) {
            Outcome outcome = tryOne(new DaemonCandidate("well-known socket", DockerContext.DEFAULT, socket, null, false));
            if (outcome.connection().isPresent()) {
                return outcome;
            }
        }
        // Nothing answered: the CLI would have used the platform default, so report that one.
        return new Outcome(Optional.empty(), DockerContext.DEFAULT, sockets.get(0));
    }

    private Outcome tryOne(DaemonCandidate candidate) {
        try {
            DockerConnection connection = connector.connect(candidate);
            attempts.add(new DiscoveryAttempt(candidate.source(), candidate.host(), true,
                    "Docker " + connection.serverVersion() + " answered"));
            return new Outcome(Optional.of(connection), candidate.context(), candidate.host());
        } catch (DaemonUnavailableException e) {
            attempts.add(new DiscoveryAttempt(candidate.source(), candidate.host(), false, e.getMessage()));
            return new Outcome(Optional.empty(), candidate.context(), candidate.host());
        }
    }

    private Path tlsDirFromEnv() {
        Path dir = env.get("DOCKER_CERT_PATH").map(Path::of).orElse(env.dockerConfigDir());
        boolean wanted = env.get("DOCKER_TLS_VERIFY").isPresent() || env.get("DOCKER_CERT_PATH").isPresent();
        return wanted && Files.isDirectory(dir) ? dir : null;
    }
}
