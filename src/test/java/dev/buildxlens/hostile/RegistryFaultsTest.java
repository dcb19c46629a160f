package dev.buildxlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.probe.RegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Registries at their worst, served by a real HTTP server on 127.0.0.1: each answer becomes one honest line on the
 * registry (never an exception, never a hang), and hostile names never reach a URL.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegistryFaultsTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private String serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Registry query(String host) {
        return new RegistryClient(Duration.ofSeconds(1), Duration.ofSeconds(1)).query(host, "test");
    }

    @Test
    void status_codes_become_one_line_each() throws IOException {
        for (int status : new int[] {401, 403, 404, 500}) {
            String host = serve(exchange -> reply(exchange, status, "{\"errors\":[]}"));
            Registry registry = query(host);
            assertThat(registry.reachable()).isFalse();
            assertThat(registry.error()).as("HTTP " + status).isEqualTo(status == 401 || status == 403
                    ? "/v2/_catalog needs authentication (HTTP " + status + "); not queried with credentials"
                    : "/v2/_catalog answered HTTP " + status);
            stop();
        }
    }

    @Test
    void garbage_and_oversized_answers_are_refused() throws IOException {
        String host = serve(exchange -> reply(exchange, 200, "<html>welcome to nginx</html>"));
        assertThat(query(host).error()).isEqualTo("/v2/_catalog did not answer JSON: not a distribution registry?");
        stop();
        host = serve(exchange -> reply(exchange, 200, "{\"repositories\":[\"" + "a".repeat(3 * 1024 * 1024) + "\"]}"));
        assertThat(query(host).error()).startsWith("/v2/_catalog answered more than");
    }

    @Test
    void a_registry_that_does_not_answer_in_time_is_bounded() throws IOException {
        String host = serve(exchange -> Thread.sleep(5000));
        long start = System.nanoTime();
        Registry registry = query(host);
        assertThat(registry.error()).isEqualTo("/v2/_catalog: no answer within 1 s");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4000);
    }

    @Test
    void hostile_repository_names_and_tags_never_reach_a_url() throws IOException {
        java.util.List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
        String host = serve(exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            paths.add(exchange.getRequestMethod() + " " + path);
            if (path.equals("/v2/_catalog")) {
                reply(exchange, 200, "{\"repositories\":[\"ok/app\",\"../../admin\",\"a b\",\"UPPER\",\"x?y=1\"]}");
            } else if (path.equals("/v2/ok/app/tags/list")) {
                reply(exchange, 200, "{\"name\":\"ok/app\",\"tags\":[\"v1\",\"../../../x\",\"$(id)\"]}");
            } else {
                exchange.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "b".repeat(64));
                reply(exchange, 200, "");
            }
        });
        Registry registry = query(host);
        assertThat(registry.reachable()).isTrue();
        assertThat(registry.truncated()).as("skipped entries make the listing incomplete").isTrue();
        assertThat(registry.repositories()).singleElement().satisfies(repository -> {
            assertThat(repository.name()).isEqualTo("ok/app");
            assertThat(repository.tags()).extracting(Registry.RegistryTag::tag).containsExactly("v1");
        });
        assertThat(paths).containsExactly("GET /v2/_catalog", "GET /v2/ok/app/tags/list", "HEAD /v2/ok/app/manifests/v1");
    }
}
