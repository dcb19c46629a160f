package dev.buildxlens.core.probe;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A docker CLI context: its name, the docker endpoint host and, for TLS endpoints, the directory holding
 * {@code ca.pem}/{@code cert.pem}/{@code key.pem}.
 */
public record DockerContext(String name, String description, String host, boolean skipTlsVerify, Path tlsDir) {

    public static final String DEFAULT = "default";

    public Optional<Path> tls() {
        return Optional.ofNullable(tlsDir);
    }
}
