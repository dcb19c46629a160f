package dev.buildxlens.core.probe;

/** Opens a connection to one daemon endpoint, or says in one line why it could not. */
@FunctionalInterface
public interface DockerConnector {

    DockerConnection connect(DaemonCandidate candidate) throws DaemonUnavailableException;
}
