package dev.buildxlens.core.probe;

import java.nio.file.Path;

/**
 * A daemon endpoint to try, with where it came from. {@code tlsDir} holds the client certificates when the
 * endpoint needs TLS; {@code tlsVerify} mirrors {@code DOCKER_TLS_VERIFY}.
 */
public record DaemonCandidate(String source, String context, String host, Path tlsDir, boolean tlsVerify) {

    /** How the Docker CLI connects to a stored context: its TLS files, verified unless the context skips verification. */
    public static DaemonCandidate ofContext(String source, DockerContext context) {
        boolean verify = context.tls().isPresent() && !context.skipTlsVerify();
        return new DaemonCandidate(source, context.name(), context.host(), context.tlsDir(), verify);
    }
}
