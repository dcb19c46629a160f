package dev.buildxlens.core.probe;

import dev.buildxlens.core.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Talks HTTP/1.1 to dockerd over its Unix socket with the JDK's own Unix-domain channels, one short connection
 * per request. This is the path nearly every Linux and macOS user takes, and it is what makes {@code inspect}
 * about as fast as {@code docker images}: docker-java's zerodep transport spends about 250 ms setting up
 * (configuration, SSL context) before its first request. Non-blocking I/O with a selector gives real timeouts,
 * which blocking Unix-domain channels do not have.
 */
final class UnixSocketTransport implements EngineTransport {

    private final Path socket;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final String userAgent = "buildx-lens/" + Version.current();

    UnixSocketTransport(Path socket, Duration connectTimeout, Duration responseTimeout) {
        this.socket = socket;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public Response get(String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(connectTimeout.toMillis()) == 0) {
                    throw new SocketTimeoutException("no connection within " + connectTimeout.toSeconds() + " s");
                }
                channel.finishConnect();
                selector.selectedKeys().clear();
            }
            long deadline = System.nanoTime() + responseTimeout.toNanos();
            ByteBuffer request = ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: " + userAgent
                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (request.hasRemaining()) {
                await(selector, deadline);
                channel.write(request);
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream raw = new ByteArrayOutputStream(64 * 1024);
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (true) {
                await(selector, deadline);
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                if (raw.size() + read > MAX_RESPONSE_BYTES) {
                    throw new IOException("the answer to " + path + " is larger than " + MAX_RESPONSE_BYTES / (1024 * 1024) + " MB");
                }
                raw.write(buffer.array(), 0, read);
                buffer.clear();
            }
            return HttpResponses.parse(raw.toByteArray());
        }
    }

    private void await(Selector selector, long deadline) throws IOException {
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining <= 0 || selector.select(remaining) == 0) {
            throw new SocketTimeoutException("no answer within " + responseTimeout.toSeconds() + " s");
        }
        selector.selectedKeys().clear();
    }

    @Override
    public void close() {
        // Every request has its own connection, closed when the answer is read.
    }
}
