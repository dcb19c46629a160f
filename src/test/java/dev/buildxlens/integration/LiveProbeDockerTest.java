package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.testing.DockerCli;
import dev.buildxlens.testing.DockerTestSupport;
import dev.buildxlens.testing.TestBuilderStore;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The live probe against the real dockerd, with images and containers this test makes itself. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveProbeDockerTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String repository = "lens-it-" + run + "/base";
    private final String builderName = "lensit" + run;
    private final String nodeContainer = "buildx_buildkit_" + builderName + "0";
    private final String otherContainer = "lens-it-" + run + "-other";

    private DockerTestSupport.Daemon daemon;
    private String multiTagId;
    private String danglingId;
    private Snapshot snapshot;

    @BeforeAll
    void createImagesContainersAndBuilderStore(@TempDir Path temp) throws Exception {
        daemon = DockerTestSupport.connect();
        DockerClient client = daemon.client();
        danglingId = DockerTestSupport.importImage(daemon, repository, "old", "first " + run);
        // Importing the same tag again leaves the first image without a tag: dangling.
        DockerTestSupport.importImage(daemon, repository, "old", "second " + run);
        multiTagId = DockerTestSupport.importImage(daemon, repository, "1", "multi " + run);
        client.tagImageCmd(multiTagId, repository, "latest").exec();
        client.tagImageCmd(multiTagId, "lens-it-" + run + "/alias", "2").exec();

        client.createContainerCmd(multiTagId).withName(nodeContainer).withCmd("/hello.txt")
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(nodeContainer + "_state", new Volume("/var/lib/buildkit"))))
                .exec();
        client.createContainerCmd(multiTagId).withName(otherContainer).withCmd("/hello.txt").exec();

        Environment env = TestBuilderStore.in(temp).builder(builderName, "docker-container", daemon.host(), Map.of())
                .environment(daemon.host());
        snapshot = LiveProbe.forEnvironment(env, LiveProbe.Options.defaults()).take();
    }

    @AfterAll
    void removeWhatWasCreated() {
        if (daemon == null) {
            return;
        }
        DockerClient client = daemon.client();
        for (String container : List.of(nodeContainer, otherContainer)) {
            DockerTestSupport.removeQuietly(() -> client.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec());
        }
        DockerTestSupport.removeQuietly(() -> client.removeVolumeCmd(nodeContainer + "_state").exec());
        for (String image : new String[] {repository + ":old", multiTagId, danglingId}) {
            if (image != null) {
                DockerTestSupport.removeQuietly(() -> client.removeImageCmd(image).withForce(true).exec());
            }
        }
        daemon.close();
    }

    private Optional<Image> image(String id) {
        return snapshot.daemon().images().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    @Test
    void the_daemon_is_reachable_with_its_facts() {
        assertThat(snapshot.daemon().reachable()).isTrue();
        assertThat(snapshot.daemon().serverVersion()).isNotBlank();
        assertThat(snapshot.daemon().apiVersion()).matches("\\d+\\.\\d+");
        assertThat(snapshot.daemon().imageStore().label()).isIn("classic", "containerd");
        assertThat(snapshot.daemon().host()).isEqualTo(daemon.host());
    }

    @Test
    void an_image_with_several_tags_appears_with_all_of_them() {
        assertThat(image(multiTagId)).get().satisfies(i -> assertThat(i.tags())
                .containsExactlyInAnyOrder(repository + ":1", repository + ":latest", "lens-it-" + run + "/alias:2"));
    }

    @Test
    void a_dangling_image_appears_without_tags() {
        assertThat(image(danglingId)).get().satisfies(i -> {
            assertThat(i.tags()).isEmpty();
            assertThat(i.dangling()).isTrue();
        });
    }

    @Test
    void a_container_named_like_a_builder_node_is_tied_to_its_builder() {
        BuilderNode node = snapshot.builder(builderName).orElseThrow().nodes().get(0);
        assertThat(node.container().name()).isEqualTo(nodeContainer);
        assertThat(node.container().state()).isEqualTo("stopped");
        assertThat(node.container().stateVolumePresent()).isTrue();
        assertThat(node.status()).isEqualTo("stopped");
        assertThat(snapshot.builder(builderName).orElseThrow().canRead()).doesNotContain(snapshot.daemon().storeId());
        assertThat(snapshot.builder("default").orElseThrow().canRead()).contains(snapshot.daemon().storeId());
    }

    @Test
    void images_and_containers_are_exactly_what_the_docker_cli_lists() throws Exception {
        Optional<Path> docker = DockerCli.find();
        if (docker.isEmpty()) {
            DockerTestSupport.unavailable("no docker CLI to compare with");
        }
        Set<String> cliImageIds = new HashSet<>(DockerCli.lines(docker.get(), daemon.host(), "images", "-a", "-q", "--no-trunc"));
        Set<String> probedImageIds = new HashSet<>(snapshot.daemon().images().stream().map(Image::id).toList());
        assertThat(probedImageIds).isEqualTo(cliImageIds);

        Set<String> cliTags = new HashSet<>(DockerCli.lines(docker.get(), daemon.host(), "images", "-a", "--format", "{{.Repository}}:{{.Tag}}"));
        cliTags.remove("<none>:<none>");
        Set<String> probedTags = new HashSet<>(snapshot.daemon().images().stream().flatMap(i -> i.tags().stream()).toList());
        assertThat(probedTags).isEqualTo(cliTags);

        Set<String> cliContainers = new HashSet<>(DockerCli.lines(docker.get(), daemon.host(), "ps", "-a", "--format", "{{.Names}}"));
        Set<String> probedContainers = new HashSet<>(snapshot.daemon().containers().stream().map(Container::name).toList());
        assertThat(probedContainers).isEqualTo(cliContainers).contains(nodeContainer, otherContainer);
    }
}
