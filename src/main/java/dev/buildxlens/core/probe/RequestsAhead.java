package dev.buildxlens.core.probe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A transport that has already sent some requests: the ones a probe always makes once the daemon answers (its info,
 * image list and container list), sent together with the {@code /version} handshake instead of after it. They do
 * not depend on its answer (the paths carry no API version), so the daemon works on the image list, the slow one
 * (about 70 ms at 1,000 images), while the handshake runs. Each is asked on its own thread over its own connection,
 * bounded by the transport's timeouts; an answer is handed out once, to the first {@link #get} of its path, and
 * every other path goes to the transport as usual. Closing cancels what nobody collected (a failed handshake).
 */
final class RequestsAhead implements EngineTransport {

    private final EngineTransport transport;
    private final ExecutorService threads;
    private final Map<String, Future<Response>> answers = new ConcurrentHashMap<>();

    private RequestsAhead(EngineTransport transport, ExecutorService threads) {
        this.transport = transport;
        this.threads = threads;
    }

    static RequestsAhead send(EngineTransport transport, List<String> paths) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, paths.size()), runnable -> {
            Thread thread = new Thread(runnable, "buildx-lens-request-ahead");
            thread.setDaemon(true);
            return thread;
        });
        RequestsAhead ahead = new RequestsAhead(transport, threads);
        for (String path : paths) {
            ahead.answers.put(path, threads.submit(() -> transport.get(path)));
        }
        threads.shutdown();
        return ahead;
    }

    @Override
    public Response get(String path) throws IOException {
        Future<Response> answer = answers.remove(path);
        if (answer == null) {
            return transport.get(path);
        }
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + path);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        answers.values().forEach(answer -> answer.cancel(true));
        answers.clear();
        threads.shutdownNow();
        transport.close();
    }
}
