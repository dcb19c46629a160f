package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Opens a connection to one daemon endpoint and checks that a Docker daemon answers {@code /version}. Unix sockets
 * go through the JDK's own channels ({@link UnixSocketTransport}); {@code tcp://} (with TLS) and named pipes go
 * through docker-java's transport. Explicit timeouts mean a daemon that accepts and never answers cannot hang the
 * app. Cheap checks come first (does the socket exist, may we open it), so the common failures say exactly what
 * is wrong without waiting for a timeout.
 */
public final class EngineConnector implements DockerConnector {

    private final Environment env;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public EngineConnector(Environment env, Duration connectTimeout, Duration responseTimeout) {
        this.env = env;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    public static EngineConnector withDefaultTimeouts(Environment env) {
        return new EngineConnector(env, Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @Override
    public DockerConnection connect(DaemonCandidate candidate) throws DaemonUnavailableException {
        return connect(candidate, List.of());
    }

    @Override
    public DockerConnection connect(DaemonCandidate candidate, List<String> ahead) throws DaemonUnavailableException {
        String host = candidate.host();
        URI uri;
        try {
            uri = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw new DaemonUnavailableException("not a valid docker host URL: " + Messages.firstLine(e));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        switch (scheme) {
            case "unix" -> checkSocket(Path.of(uri.getPath()));
            case "tcp" -> {
                if (uri.getHost() == null || uri.getPort() < 0) {
                    throw new DaemonUnavailableException("a tcp:// docker host needs a host and a port, e.g. tcp://127.0.0.1:2375");
                }
                checkTlsFiles(candidate);
            }
            case "npipe" -> {
                if (!env.windows()) {
                    throw new DaemonUnavailableException("named pipes exist only on Windows");
                }
            }
            case "ssh" -> throw new DaemonUnavailableException("ssh:// endpoints are not supported (docker-java has no SSH "
                    + "transport); forward the socket instead, e.g. ssh -NL /tmp/docker.sock:/var/run/docker.sock "
                    + (uri.getHost() == null ? "host" : uri.getHost()) + ", then DOCKER_HOST=unix:///tmp/docker.sock");
            default -> throw new DaemonUnavailableException("unsupported docker host scheme '" + scheme + "://'");
        }
        EngineTransport opened = open(candidate, uri, scheme);
        EngineTransport transport = ahead.isEmpty() ? opened : RequestsAhead.send(opened, ahead);
        try {
            EngineTransport.Response answer = transport.get("/version");
            dev.buildxlens.core.Trace.mark("daemon: /version answered");
            JsonNode version = new DockerConnection(transport, "", "").json(answer, "/version");
            dev.buildxlens.core.Trace.mark("daemon: /version read");
            String api = Json.text(version, "ApiVersion");
            if (!version.isObject() || api.isEmpty()) {
                throw new IOException("its /version answer has no ApiVersion");
            }
            String server = Json.text(version, "Version");
            return new DockerConnection(transport, server.isEmpty() ? "?" : server, api);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw new DaemonUnavailableException(describe(e), e);
        }
    }

    private EngineTransport open(DaemonCandidate candidate, URI uri, String scheme) throws DaemonUnavailableException {
        if (scheme.equals("unix")) {
            return new UnixSocketTransport(Path.of(uri.getPath()), connectTimeout, responseTimeout);
        }
        try {
            return DockerJavaTransport.open(uri, env.dockerConfigDir(), candidate.tlsDir(), candidate.tlsVerify(),
                    connectTimeout, responseTimeout);
        } catch (RuntimeException e) {
            throw new DaemonUnavailableException("cannot set up a client: " + Messages.firstLine(e), e);
        }
    }

    /**
     * When TLS verification is asked for, the client certificate files must be there: the Docker CLI refuses to
     * connect without them, and a request must never silently go out in plain text instead.
     */
    private void checkTlsFiles(DaemonCandidate candidate) throws DaemonUnavailableException {
        if (!candidate.tlsVerify()) {
            return;
        }
        Path dir = candidate.tlsDir() != null ? candidate.tlsDir()
                : env.get("DOCKER_CERT_PATH").map(Path::of).orElse(env.dockerConfigDir());
        for (String name : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            if (!Files.isReadable(dir.resolve(name))) {
                throw new DaemonUnavailableException("TLS verification is on (DOCKER_TLS_VERIFY or the context), but "
                        + dir.resolve(name) + " is missing or unreadable: not connecting without it");
            }
        }
    }

    private static void checkSocket(Path socket) throws DaemonUnavailableException {
        if (!Files.exists(socket)) {
            throw new DaemonUnavailableException("no socket at " + socket + " (is dockerd running?)");
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            throw new DaemonUnavailableException("permission denied on " + socket
                    + " (add your user to the 'docker' group, or use a rootless daemon)");
        }
    }

    private String describe(Exception e) {
        String message = Messages.firstLine(e);
        String lower = message.toLowerCase();
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return "no answer within " + responseTimeout.toSeconds() + " s (" + message + ")";
        }
        if (lower.contains("permission denied")) {
            return "permission denied (" + message + ")";
        }
        if (lower.contains("connection refused")) {
            return "connection refused (nothing listens there)";
        }
        if (lower.startsWith("http ") || lower.contains("not json") || lower.contains("not an http")
                || lower.contains("apiversion")) {
            return "the server answered, but it is not a Docker daemon (" + message + ")";
        }
        return message;
    }
}
