package dev.buildxlens.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.core.model.DiscoveryAttempt;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Unix-socket transport against real sockets served by the test: answers, silence and impostors. */
class UnixSocketTransportTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    /** Serves every connection on a socket in {@code dir}: reads the request line, writes what {@code answer} gives (null: nothing). */
    private Path serve(Function<String, String> answer) throws IOException {
        Path socket = dir.resolve("test.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        open.add(server);
        Thread thread = new Thread(() -> {
            while (server.isOpen()) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return;
                }
                open.add(client);
                // Each connection on its own thread, as dockerd answers them: one slow answer holds up no other.
                Thread handler = new Thread(() -> {
                    try {
                        ByteBuffer buffer = ByteBuffer.allocate(8192);
                        StringBuilder request = new StringBuilder();
                        while (!request.toString().contains("\r\n\r\n") && client.read(buffer) > 0) {
                            request.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1));
                            buffer.clear();
                        }
                        String reply = answer.apply(request.toString().split("\r\n")[0]);
                        if (reply != null) {
                            client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
                            client.close();
                        }
                    } catch (IOException e) {
                        // The client went away; the test checks what it saw.
                    }
                }, "test-unix-connection");
                handler.setDaemon(true);
                handler.start();
            }
        }, "test-unix-server");
        thread.setDaemon(true);
        thread.start();
        return socket;
    }

    private static String json(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void sends_a_get_and_reads_a_chunked_answer() throws IOException {
        List<String> requests = new ArrayList<>();
        Path socket = serve(line -> {
            requests.add(line);
            return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[1,\r\n2\r\n2]\r\n0\r\n\r\n";
        });
        EngineTransport.Response response = new UnixSocketTransport(socket, Duration.ofSeconds(1), Duration.ofSeconds(2))
                .get("/images/json?all=1");
        assertThat(requests).containsExactly("GET /images/json?all=1 HTTP/1.1");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }

    @Test
    void a_server_that_accepts_and_never_answers_times_out() throws IOException {
        Path socket = serve(line -> null);
        long start = System.nanoTime();
        assertThatThrownBy(() -> new UnixSocketTransport(socket, Duration.ofSeconds(1), Duration.ofMillis(700)).get("/version"))
                .isInstanceOf(SocketTimeoutException.class).hasMessageStartingWith("no answer within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private List<DiscoveryAttempt> discover(Path socket) {
        Environment env = new Environment(Map.of("DOCKER_HOST", "unix://" + socket), dir, "Linux");
        DaemonDiscovery discovery = new DaemonDiscovery(env, new ContextStore(env),
                new EngineConnector(env, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        discovery.discover().connection().ifPresent(DockerConnection::close);
        return discovery.attempts();
    }

    @Test
    void an_http_server_that_is_not_docker_is_named_as_such() throws IOException {
        Path socket = serve(line -> "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
        assertThat(discover(socket)).singleElement().extracting(DiscoveryAttempt::message).asString()
                .startsWith("the server answered, but it is not a Docker daemon (HTTP 404");
    }

    @Test
    void a_daemon_answering_version_connects_and_its_lists_are_read() throws IOException {
        Path socket = serve(line -> switch (line.split(" ")[1]) {
            case "/version" -> json("{\"Version\":\"99.0.0\",\"ApiVersion\":\"1.99\"}");
            case "/info" -> json("{\"OSType\":\"linux\",\"Architecture\":\"x86_64\",\"Driver\":\"overlay2\","
                    + "\"DriverStatus\":[[\"driver-type\",\"io.containerd.snapshotter.v1\"]],"
                    + "\"RegistryConfig\":{\"InsecureRegistryCIDRs\":[\"127.0.0.0/8\"],\"IndexConfigs\":{\"reg.lan:5000\":{\"Secure\":false,\"Mirrors\":[]}}}}");
            case "/images/json?all=1" -> json("[{\"Id\":\"sha256:1\",\"RepoTags\":[\"a:1\"],\"RepoDigests\":null,\"Size\":5,\"Created\":1},"
                    + "{\"Id\":\"sha256:2\",\"RepoTags\":[\"<none>:<none>\"],\"Size\":7,\"Created\":2}]");
            case "/containers/json?all=1" -> json("{\"message\":\"disk full\"}").replace("200 OK", "500 Internal Server Error");
            default -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        });
        Environment env = new Environment(Map.of("DOCKER_HOST", "unix://" + socket), dir, "Linux");
        DaemonDiscovery discovery = new DaemonDiscovery(env, new ContextStore(env),
                new EngineConnector(env, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        DaemonDiscovery.Outcome outcome = discovery.discover();
        assertThat(outcome.connection()).isPresent();
        List<String> problems = new ArrayList<>();
        try (DockerConnection connection = outcome.connection().get()) {
            assertThat(connection.serverVersion()).isEqualTo("99.0.0");
            var daemon = DaemonProbe.read(connection, "default", outcome.host(), discovery.attempts(), problems::add);
            assertThat(daemon.imageStore()).isEqualTo(dev.buildxlens.core.model.ImageStoreKind.CONTAINERD);
            assertThat(daemon.insecureRegistries()).containsExactly("127.0.0.0/8", "reg.lan:5000");
            assertThat(daemon.images()).as("newest first, the daemon's <none> tag dropped")
                    .extracting(dev.buildxlens.core.model.Image::tags).containsExactly(List.of(), List.of("a:1"));
            assertThat(daemon.containers()).isEmpty();
        }
        assertThat(problems).containsExactly("listing containers failed: HTTP 500: disk full");
    }

    @Test
    void a_daemon_that_goes_away_in_the_middle_of_a_read_leaves_the_rest_and_says_what_failed() throws IOException {
        List<String> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        Path[] socket = new Path[1];
        socket[0] = serve(line -> {
            String path = line.split(" ")[1];
            served.add(path);
            if (path.equals("/info")) {
                // The daemon stops right after this answer: its socket disappears, as when dockerd exits.
                try {
                    Files.deleteIfExists(socket[0]);
                    for (AutoCloseable closeable : open) {
                        if (closeable instanceof ServerSocketChannel server) {
                            server.close();
                        }
                    }
                } catch (Exception ignored) {
                    // The test checks the outcome below.
                }
                return json("{\"OSType\":\"linux\",\"Architecture\":\"x86_64\",\"Driver\":\"overlay2\"}");
            }
            return json("{\"Version\":\"99.0.0\",\"ApiVersion\":\"1.99\"}");
        });
        Environment env = new Environment(Map.of("DOCKER_HOST", "unix://" + socket[0]), dir, "Linux");
        DaemonDiscovery discovery = new DaemonDiscovery(env, new ContextStore(env),
                new EngineConnector(env, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        DaemonDiscovery.Outcome outcome = discovery.discover();
        List<String> problems = new ArrayList<>();
        long start = System.nanoTime();
        try (DockerConnection connection = outcome.connection().orElseThrow()) {
            var daemon = DaemonProbe.read(connection, "default", outcome.host(), discovery.attempts(), problems::add);
            assertThat(daemon.os()).as("what was read before is kept").isEqualTo("linux");
            assertThat(daemon.images()).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).doesNotContain("Exception"));
        assertThat(problems.get(0)).startsWith("listing images failed: the daemon stopped answering (");
        assertThat(problems.get(1)).startsWith("listing containers failed: the daemon stopped answering (");
    }

    @Test
    void the_lists_are_asked_together_with_the_version_and_each_once() throws IOException {
        List<String> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch imagesAsked = new java.util.concurrent.CountDownLatch(1);
        Path socket = serve(line -> {
            String path = line.split(" ")[1];
            served.add(path);
            return switch (path) {
                case "/version" -> {
                    // Answered only once the image list has been asked for: proof that it went out before this answer.
                    try {
                        yield imagesAsked.await(5, java.util.concurrent.TimeUnit.SECONDS)
                                ? json("{\"Version\":\"99.0.0\",\"ApiVersion\":\"1.99\"}")
                                : "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        yield null;
                    }
                }
                case "/info" -> json("{\"OSType\":\"linux\",\"Architecture\":\"x86_64\",\"Driver\":\"overlay2\"}");
                case "/images/json?all=1" -> {
                    imagesAsked.countDown();
                    yield json("[{\"Id\":\"sha256:1\",\"RepoTags\":[\"a:1\"],\"Size\":5,\"Created\":1}]");
                }
                case "/containers/json?all=1" -> json("{\"message\":\"disk full\"}").replace("200 OK", "500 Internal Server Error");
                default -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
            };
        });
        Environment env = new Environment(Map.of("DOCKER_HOST", "unix://" + socket), dir, "Linux");
        EngineConnector connector = new EngineConnector(env, Duration.ofSeconds(1), Duration.ofSeconds(8));
        DaemonDiscovery discovery = new DaemonDiscovery(env, new ContextStore(env), c -> connector.connect(c, DaemonProbe.REQUESTS));
        DaemonDiscovery.Outcome outcome = discovery.discover();
        assertThat(outcome.connection()).as(discovery.attempts().toString()).isPresent();
        List<String> problems = new ArrayList<>();
        try (DockerConnection connection = outcome.connection().get()) {
            var daemon = DaemonProbe.read(connection, "default", outcome.host(), discovery.attempts(), problems::add);
            assertThat(daemon.os()).isEqualTo("linux");
            assertThat(daemon.images()).extracting(dev.buildxlens.core.model.Image::tags).containsExactly(List.of("a:1"));
        }
        assertThat(problems).as("an answer sent ahead fails as it would when asked").containsExactly(
                "listing containers failed: HTTP 500: disk full");
        assertThat(served).containsExactlyInAnyOrder("/version", "/info", "/images/json?all=1", "/containers/json?all=1");
    }

    @Test
    void a_server_that_is_not_docker_is_named_as_such_when_the_lists_were_asked_ahead_and_nothing_hangs() throws IOException {
        // The lists are never answered: closing the failed connection must drop them, not wait for them.
        Path socket = serve(line -> line.contains("/version") ? "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found" : null);
        Environment env = new Environment(Map.of("DOCKER_HOST", "unix://" + socket), dir, "Linux");
        EngineConnector connector = new EngineConnector(env, Duration.ofSeconds(1), Duration.ofSeconds(30));
        DaemonDiscovery discovery = new DaemonDiscovery(env, new ContextStore(env), c -> connector.connect(c, DaemonProbe.REQUESTS));
        long start = System.nanoTime();
        assertThat(discovery.discover().connection()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(discovery.attempts()).singleElement().extracting(DiscoveryAttempt::message).asString()
                .startsWith("the server answered, but it is not a Docker daemon (HTTP 404");
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("buildx-lens-request-ahead")))
                .as("the requests sent ahead end with the connection").allSatisfy(t -> {
                    try {
                        t.join(5000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    assertThat(t.isAlive()).isFalse();
                });
    }
}
