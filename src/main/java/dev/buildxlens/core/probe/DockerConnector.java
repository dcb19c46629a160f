package dev.buildxlens.core.probe;

import java.util.List;

/** Opens a connection to one daemon endpoint, or says in one line why it could not. */
@FunctionalInterface
public interface DockerConnector {

    DockerConnection connect(DaemonCandidate candidate) throws DaemonUnavailableException;

    /**
     * As {@link #connect(DaemonCandidate)}, with the GET requests on {@code ahead} (paths without an API version)
     * sent at once, while the daemon's version is asked; their answers wait in the connection. A connector that
     * cannot do that just connects.
     */
    default DockerConnection connect(DaemonCandidate candidate, List<String> ahead) throws DaemonUnavailableException {
        return connect(candidate);
    }
}
