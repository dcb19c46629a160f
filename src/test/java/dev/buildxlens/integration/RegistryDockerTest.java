package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.core.report.ImageLocations;
import dev.buildxlens.testing.DockerTestSupport;
import dev.buildxlens.testing.LocalRegistry;
import dev.buildxlens.testing.TestBuilderStore;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A tag pushed by the real daemon to a real registry shows up in the snapshot, tied to the daemon image. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryDockerTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String localName = "lens-it-" + run + "/dmca-base";
    private final String remoteRepository = "foo/bar" + run;

    private DockerTestSupport.Daemon daemon;
    private LocalRegistry registry;
    private String imageId;
    private String pushedRef;
    private Snapshot snapshot;

    @BeforeAll
    void pushAnImageAndProbe(@TempDir Path temp) throws Exception {
        daemon = DockerTestSupport.connect();
        registry = LocalRegistry.start(temp);
        DockerClient client = daemon.client();
        imageId = DockerTestSupport.importImage(daemon, localName, "latest", "base " + run);
        String target = registry.host() + "/" + remoteRepository;
        client.tagImageCmd(imageId, target, "latest").exec();
        pushedRef = target + ":latest";
        boolean pushed = client.pushImageCmd(target).withTag("latest")
                .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<>())
                .awaitCompletion(60, TimeUnit.SECONDS);
        assertThat(pushed).as("push finished in time").isTrue();

        Environment env = TestBuilderStore.in(temp).environment(daemon.host());
        snapshot = LiveProbe.forEnvironment(env, LiveProbe.Options.defaults().withRegistries(List.of(registry.host()))).take();
    }

    @AfterAll
    void cleanUp() {
        if (daemon != null) {
            DockerClient client = daemon.client();
            for (String ref : new String[] {pushedRef, localName + ":latest"}) {
                if (ref != null) {
                    DockerTestSupport.removeQuietly(() -> client.removeImageCmd(ref).withForce(true).exec());
                }
            }
            daemon.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private Registry probedRegistry() {
        return snapshot.registries().stream().filter(r -> r.host().equals(registry.host())).findFirst().orElseThrow();
    }

    @Test
    void the_registry_lists_the_pushed_tag_with_its_digest() {
        Registry probed = probedRegistry();
        assertThat(probed.queried()).isTrue();
        assertThat(probed.reachable()).as(probed.error()).isTrue();
        assertThat(probed.loopback()).isTrue();
        assertThat(probed.source()).isEqualTo("--registry");
        Registry.RegistryRepository repository = probed.repositories().stream()
                .filter(r -> r.name().equals(remoteRepository)).findFirst().orElseThrow();
        assertThat(repository.tags()).singleElement().satisfies(tag -> {
            assertThat(tag.tag()).isEqualTo("latest");
            assertThat(tag.digest()).startsWith("sha256:");
        });
    }

    @Test
    void the_daemon_image_is_known_to_be_in_the_registry_too() {
        Image image = snapshot.daemon().images().stream().filter(i -> i.id().equals(imageId)).findFirst().orElseThrow();
        assertThat(image.tags()).contains(localName + ":latest", pushedRef);
        assertThat(new ImageLocations(snapshot).registryCopies(image)).containsExactly(registry.host() + "/" + remoteRepository + ":latest");
    }

    @Test
    void the_docker_driver_can_read_the_loopback_registry() {
        assertThat(snapshot.store("registry:" + registry.host())).isPresent();
        assertThat(snapshot.builder("default").orElseThrow().canRead()).contains("registry:" + registry.host());
    }
}
