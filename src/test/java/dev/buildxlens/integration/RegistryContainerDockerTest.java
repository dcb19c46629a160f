package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.testing.DockerTestSupport;
import dev.buildxlens.testing.RegistryImage;
import dev.buildxlens.testing.TestBuilderStore;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A running registry container is found by its image and published port, and queried, with no --registry flag. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryContainerDockerTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String containerName = "lens-it-registry-" + run;
    private final String builderName = "lensreg" + run;

    private final String hostNetworkName = "lens-it-registry-host-" + run;
    private DockerTestSupport.Daemon daemon;
    private String registryHost;
    private String hostNetworkRegistry;
    private Snapshot snapshot;

    @BeforeAll
    void startARegistryContainer(@TempDir Path temp) throws Exception {
        daemon = DockerTestSupport.connect();
        DockerClient client = daemon.client();
        String image = RegistryImage.ensure(daemon);
        ExposedPort port = ExposedPort.tcp(5000);
        Ports bindings = new Ports();
        bindings.bind(port, new Ports.Binding("127.0.0.1", null));
        String id = client.createContainerCmd(image).withName(containerName).withExposedPorts(port)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings)).exec().getId();
        client.startContainerCmd(id).exec();
        Ports.Binding[] published = client.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings().get(port);
        registryHost = "localhost:" + published[0].getHostPortSpec();
        waitForRegistry(registryHost);

        // A second registry on the host network: it publishes nothing and listens where REGISTRY_HTTP_ADDR says.
        int free;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        hostNetworkRegistry = "localhost:" + free;
        String hostId = client.createContainerCmd(image).withName(hostNetworkName).withEnv("REGISTRY_HTTP_ADDR=127.0.0.1:" + free)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")).exec().getId();
        client.startContainerCmd(hostId).exec();
        waitForRegistry(hostNetworkRegistry);

        Environment env = TestBuilderStore.in(temp).builder(builderName, "docker-container", daemon.host(), java.util.Map.of())
                .environment(daemon.host());
        snapshot = LiveProbe.forEnvironment(env, LiveProbe.Options.defaults()).take();
    }

    private void waitForRegistry(String registryHost) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + registryHost + "/v2/")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the registry container did not answer on " + registryHost);
    }

    @AfterAll
    void removeTheContainer() {
        if (daemon != null) {
            DockerTestSupport.removeQuietly(() -> daemon.client().removeContainerCmd(containerName).withForce(true).withRemoveVolumes(true).exec());
            DockerTestSupport.removeQuietly(() -> daemon.client().removeContainerCmd(hostNetworkName).withForce(true).withRemoveVolumes(true).exec());
            DockerTestSupport.removeQuietly(() -> daemon.client().removeImageCmd(RegistryImage.NAME).exec());
            daemon.close();
        }
    }

    @Test
    void the_container_is_recognised_as_a_registry() {
        Container container = snapshot.daemon().containers().stream().filter(c -> c.name().equals(containerName)).findFirst().orElseThrow();
        assertThat(container.looksLikeRegistry()).isTrue();
        assertThat(container.ports()).anySatisfy(p -> assertThat(p.containerPort()).isEqualTo(5000));
    }

    @Test
    void the_registry_is_queried_through_its_published_port() {
        Registry registry = snapshot.registries().stream().filter(r -> r.host().equals(registryHost)).findFirst().orElseThrow();
        assertThat(registry.source()).isEqualTo("container " + containerName);
        assertThat(registry.reachable()).as(registry.error()).isTrue();
        assertThat(registry.loopback()).isTrue();
    }

    @Test
    void a_registry_on_the_host_network_is_queried_where_it_listens_not_on_an_assumed_port() {
        Registry registry = snapshot.registries().stream().filter(r -> r.host().equals(hostNetworkRegistry)).findFirst().orElseThrow();
        assertThat(registry.source()).isEqualTo("container " + hostNetworkName + " (host network)");
        assertThat(registry.reachable()).as(registry.error()).isTrue();
        assertThat(snapshot.registries()).noneMatch(r -> r.source().contains(hostNetworkName) && !r.host().equals(hostNetworkRegistry));
    }

    @Test
    void a_container_builder_without_network_host_cannot_reach_it() {
        assertThat(snapshot.builder(builderName).orElseThrow().accessTo("registry:" + registryHost).orElseThrow().access())
                .isEqualTo(Access.ONLY_WITH_NETWORK_HOST);
        assertThat(snapshot.builder("default").orElseThrow().canRead()).contains("registry:" + registryHost);
    }
}
