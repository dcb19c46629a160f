package dev.buildxlens.core.probe;

import java.io.IOException;

/**
 * One way of sending GET requests to a Docker Engine API endpoint. Every request is bounded by the transport's
 * timeouts; a daemon that accepts and never answers ends in an {@link IOException}, never a hang.
 */
public interface EngineTransport extends AutoCloseable {

    /** The body of an answer the daemon gave, whatever its status. */
    record Response(int status, byte[] body) {
    }

    /** Answers larger than this are refused: the image list of 10,000 images is about 3.5 MB. */
    long MAX_RESPONSE_BYTES = 256L * 1024 * 1024;

    Response get(String path) throws IOException;

    @Override
    void close();
}
