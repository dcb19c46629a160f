package dev.buildxlens.core.probe;

import com.github.dockerjava.api.DockerClient;

/** A docker-java client that has answered a ping, and the version it reported. Closed by its owner. */
public record DockerConnection(DockerClient client, String serverVersion, String apiVersion) implements AutoCloseable {

    @Override
    public void close() {
        try {
            client.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // Closing an already broken connection has nothing useful to report.
        }
    }
}
