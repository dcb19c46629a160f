package dev.buildxlens.core.probe;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Connects with docker-java over the zerodep transport, with explicit timeouts so that a daemon that accepts
 * and never answers cannot hang the app. Cheap checks come first (does the socket exist, may we open it),
 * so the common failures say exactly what is wrong without waiting for a timeout.
 */
public final class DockerJavaConnector implements DockerConnector {

    private final Environment env;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public DockerJavaConnector(Environment env, Duration connectTimeout, Duration responseTimeout) {
        this.env = env;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    public static DockerJavaConnector withDefaultTimeouts(Environment env) {
        return new DockerJavaConnector(env, Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @Override
    public DockerConnection connect(DaemonCandidate candidate) throws DaemonUnavailableException {
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
        DockerClient client = open(candidate, uri);
        try {
            client.pingCmd().exec();
            Version version = client.versionCmd().exec();
            String server = version.getVersion() == null ? "?" : version.getVersion();
            String api = version.getApiVersion() == null ? "" : version.getApiVersion();
            return new DockerConnection(client, server, api);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new DaemonUnavailableException(describe(e), e);
        }
    }

    private DockerClient open(DaemonCandidate candidate, URI uri) throws DaemonUnavailableException {
        try {
            DefaultDockerClientConfig.Builder config = new DefaultDockerClientConfig.Builder()
                    .withDockerHost(uri.toString())
                    .withDockerConfig(env.dockerConfigDir().toString())
                    .withDockerTlsVerify(candidate.tlsDir() != null && candidate.tlsVerify());
            if (candidate.tlsDir() != null) {
                config.withDockerCertPath(candidate.tlsDir().toString());
            }
            DefaultDockerClientConfig built = config.build();
            ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                    .dockerHost(built.getDockerHost())
                    .sslConfig(built.getSSLConfig())
                    .maxConnections(8)
                    .connectionTimeout(connectTimeout)
                    .responseTimeout(responseTimeout)
                    .build();
            return DockerClientImpl.getInstance(built, http);
        } catch (RuntimeException e) {
            throw new DaemonUnavailableException("cannot set up a client: " + Messages.firstLine(e), e);
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

    private String describe(RuntimeException e) {
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
        if (e.getClass().getSimpleName().contains("NotFound") || lower.contains("404") || lower.contains("not found")) {
            return "the server answered, but it is not a Docker daemon (" + message + ")";
        }
        return message;
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // Nothing to add to the original failure.
        }
    }
}
