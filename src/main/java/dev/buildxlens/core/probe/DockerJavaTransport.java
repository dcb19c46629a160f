package dev.buildxlens.core.probe;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * docker-java's zerodep transport, for the endpoints the Unix-socket transport does not cover: {@code tcp://}
 * with or without TLS client certificates (docker-java reads {@code ca.pem}, {@code cert.pem}, {@code key.pem})
 * and Windows named pipes. Its timeouts bound every request.
 */
final class DockerJavaTransport implements EngineTransport {

    private final DockerHttpClient http;

    private DockerJavaTransport(DockerHttpClient http) {
        this.http = http;
    }

    static DockerJavaTransport open(URI host, Path dockerConfig, Path tlsDir, boolean tlsVerify,
                                    Duration connectTimeout, Duration responseTimeout) {
        DefaultDockerClientConfig.Builder config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(host.toString())
                .withDockerConfig(dockerConfig.toString())
                .withDockerTlsVerify(tlsDir != null && tlsVerify);
        if (tlsDir != null) {
            config.withDockerCertPath(tlsDir.toString());
        }
        DefaultDockerClientConfig built = config.build();
        return new DockerJavaTransport(new ZerodepDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig())
                .maxConnections(8)
                .connectionTimeout(connectTimeout)
                .responseTimeout(responseTimeout)
                .build());
    }

    @Override
    public Response get(String path) throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path)
                .putHeader("Accept", "application/json")
                .build();
        try (DockerHttpClient.Response response = http.execute(request);
             InputStream body = response.getBody()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_RESPONSE_BYTES + 1));
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("the answer to " + path + " is larger than " + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB");
            }
            return new Response(response.getStatusCode(), bytes);
        } catch (RuntimeException e) {
            // docker-java wraps I/O failures (refused, timed out, TLS) in unchecked exceptions.
            throw new IOException(Messages.firstLine(e), e);
        }
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing an already broken connection has nothing useful to report.
        }
    }
}
