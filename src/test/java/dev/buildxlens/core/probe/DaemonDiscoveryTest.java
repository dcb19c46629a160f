package dev.buildxlens.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.testing.Fixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery against real endpoints that fail in the ways users meet; no daemon needed. */
class DaemonDiscoveryTest {

    @TempDir
    Path home;

    private Environment env(Map<String, String> variables) {
        return new Environment(variables, home, "Linux");
    }

    private List<DiscoveryAttempt> discover(Environment env, Duration responseTimeout) {
        DaemonDiscovery discovery = new DaemonDiscovery(env, new ContextStore(env),
                new EngineConnector(env, Duration.ofSeconds(2), responseTimeout));
        DaemonDiscovery.Outcome outcome = discovery.discover();
        assertThat(outcome.connection()).isEmpty();
        return discovery.attempts();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void docker_host_on_a_closed_port_is_one_refused_attempt() throws IOException {
        int port = closedPort();
        List<DiscoveryAttempt> attempts = discover(env(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port)), Duration.ofSeconds(3));
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.source()).isEqualTo("DOCKER_HOST");
            assertThat(a.host()).isEqualTo("tcp://127.0.0.1:" + port);
            assertThat(a.message()).isEqualTo("connection refused (nothing listens there)");
        });
    }

    @Test
    void a_socket_that_does_not_exist_says_so() {
        List<DiscoveryAttempt> attempts = discover(env(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock")), Duration.ofSeconds(3));
        assertThat(attempts).singleElement().extracting(DiscoveryAttempt::message)
                .isEqualTo("no socket at /nonexistent/docker.sock (is dockerd running?)");
    }

    @Test
    void an_empty_docker_host_counts_as_unset_and_a_missing_context_is_not_replaced() {
        List<DiscoveryAttempt> attempts = discover(env(Map.of("DOCKER_HOST", "", "DOCKER_CONTEXT", "gone")), Duration.ofSeconds(3));
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.source()).isEqualTo("DOCKER_CONTEXT=gone");
            assertThat(a.message()).startsWith("context 'gone' does not exist");
        });
    }

    @Test
    void current_context_from_config_json_is_authoritative() {
        Path config = Fixtures.path("docker-config");
        List<DiscoveryAttempt> attempts = discover(env(Map.of("DOCKER_CONFIG", config.toString())), Duration.ofSeconds(3));
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.source()).startsWith("currentContext=desktop-linux in ");
            assertThat(a.host()).isEqualTo("unix:///nonexistent/.docker/desktop/docker.sock");
            assertThat(a.message()).startsWith("no socket at");
        });
    }

    @Test
    void ssh_hosts_get_one_clear_line() {
        List<DiscoveryAttempt> attempts = discover(env(Map.of("DOCKER_CONTEXT", "remote",
                "DOCKER_CONFIG", Fixtures.path("docker-config").toString())), Duration.ofSeconds(3));
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.host()).isEqualTo("ssh://someserver");
            assertThat(a.message()).startsWith("ssh:// endpoints are not supported");
        });
    }

    @Test
    void a_server_that_accepts_and_never_answers_is_bounded_by_the_response_timeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!server.isClosed()) {
                        held.add(server.accept());
                    }
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            List<DiscoveryAttempt> attempts = discover(env(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + server.getLocalPort())),
                    Duration.ofSeconds(1));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertThat(attempts).singleElement().extracting(DiscoveryAttempt::message).asString().startsWith("no answer within 1 s");
            assertThat(seconds).as("bounded by the timeout, never a hang").isLessThan(15);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void an_http_server_that_is_not_docker_is_named_as_such() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html>hello</html>".getBytes();
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            List<DiscoveryAttempt> attempts = discover(env(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + server.getAddress().getPort())),
                    Duration.ofSeconds(3));
            assertThat(attempts).singleElement().extracting(DiscoveryAttempt::message).asString()
                    .startsWith("the server answered, but it is not a Docker daemon");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void with_nothing_configured_the_well_known_sockets_are_tried_in_order() {
        Environment env = env(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"));
        assertThat(DaemonDiscovery.wellKnownSockets(env)).containsExactly(
                "unix:///var/run/docker.sock",
                "unix://" + home.resolve(".docker/run/docker.sock"),
                "unix://" + home.resolve(".docker/desktop/docker.sock"),
                "unix:///run/user/1000/docker.sock");
        assertThat(DaemonDiscovery.wellKnownSockets(new Environment(Map.of(), home, "Windows 11")))
                .containsExactly("npipe:////./pipe/docker_engine", "npipe:////./pipe/dockerDesktopLinuxEngine");
    }
}
