package dev.buildxlens.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Secrets;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.testing.Fixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {

    private static final String SOCKET = "unix:///var/run/docker.sock";

    private static Daemon daemon(List<Container> containers) {
        return new Daemon(true, "default", SOCKET, "20.10.24", "1.41", "linux", "x86_64", "overlay2",
                ImageStoreKind.CLASSIC, List.of("127.0.0.0/8"), List.of(), List.of(), containers,
                List.of(new DiscoveryAttempt("well-known socket", SOCKET, true, "Docker 20.10.24 answered")));
    }

    private static Container container(String name, String state, String network, List<String> volumes) {
        return new Container("id-" + name, name, "moby/buildkit:buildx-stable-1", "sha256:1", state, List.of(), network, volumes);
    }

    private static Snapshot assemble(Daemon daemon, BuildxCli.Listing listing, Optional<String> buildxBuilder) {
        List<DockerContext> contexts = List.of(new DockerContext("default", "", SOCKET, false, null),
                new DockerContext("desktop-linux", "", "unix:///nonexistent", false, null));
        ProbeResults facts = new ProbeResults(Instant.parse("2026-11-28T00:00:00Z"), contexts, daemon, SOCKET,
                BuilderStoreReader.read(Fixtures.path("buildx-store")), listing, buildxBuilder,
                List.of(new Registry("docker.io", false, "Docker Hub", false, false, "", List.of(), false),
                        new Registry("localhost:5000", true, "container registry", true, true, "", List.of(), false)),
                List.of());
        return SnapshotAssembler.assemble(facts);
    }

    private static BuildxCli.Listing noCli() {
        return new BuildxCli.Listing(Optional.empty(), new dev.buildxlens.core.model.DockerClient("/usr/bin/docker", "20.10.24",
                dev.buildxlens.core.model.DockerClient.Plugin.MISSING, "", "docker buildx plugin not installed", "linux"),
                "docker buildx plugin not installed");
    }

    @Test
    void every_context_is_a_docker_builder_and_instances_are_added() {
        Snapshot snapshot = assemble(daemon(List.of()), noCli(), Optional.empty());
        assertThat(snapshot.builders()).extracting(Builder::name).contains("default", "desktop-linux", "ci-builder", "kube", "future");
        Builder defaultBuilder = snapshot.builder("default").orElseThrow();
        assertThat(defaultBuilder.fromDockerContext()).isTrue();
        assertThat(defaultBuilder.status()).isEqualTo("running");
        assertThat(snapshot.builder("desktop-linux").orElseThrow().status()).isEqualTo("unknown");
        assertThat(snapshot.notes()).contains("docker buildx plugin not installed");
    }

    @Test
    void current_comes_from_the_current_file_for_this_endpoint() {
        Snapshot snapshot = assemble(daemon(List.of()), noCli(), Optional.empty());
        assertThat(snapshot.currentBuilder().map(Builder::name)).contains("ci-builder");
        assertThat(assemble(daemon(List.of()), noCli(), Optional.of("kube")).currentBuilder().map(Builder::name)).contains("kube");
    }

    @Test
    void docker_container_nodes_are_tied_to_their_containers() {
        Snapshot snapshot = assemble(daemon(List.of(
                container("buildx_buildkit_ci-builder0", "running", "host", List.of("buildx_buildkit_ci-builder0_state")),
                container("buildx_buildkit_laptop0", "exited", "default", List.of()))), noCli(), Optional.empty());

        var ci = snapshot.builder("ci-builder").orElseThrow().nodes().get(0);
        assertThat(ci.status()).isEqualTo("running");
        assertThat(ci.container().state()).isEqualTo("running");
        assertThat(ci.container().networkMode()).isEqualTo("host");
        assertThat(ci.container().stateVolumePresent()).isTrue();
        assertThat(snapshot.builder("laptop").orElseThrow().status()).isEqualTo("stopped");
        assertThat(snapshot.builder("builder-8fa135e1-9bce-4a29-9368-46a09a1d750d").orElseThrow().nodes().get(0).container().state())
                .isEqualTo("missing");
        assertThat(snapshot.builder("builder-8fa135e1-9bce-4a29-9368-46a09a1d750d").orElseThrow().status()).isEqualTo("inactive");
    }

    @Test
    void can_read_follows_the_driver() {
        Snapshot snapshot = assemble(daemon(List.of()), noCli(), Optional.empty());
        assertThat(snapshot.builder("default").orElseThrow().canRead())
                .containsExactly("daemon:default", "registry:docker.io", "registry:localhost:5000");
        assertThat(snapshot.builder("ci-builder").orElseThrow().canRead())
                .containsExactly("registry:docker.io", "registry:localhost:5000");
        assertThat(snapshot.builder("laptop").orElseThrow().accessTo("registry:localhost:5000").orElseThrow().access())
                .isEqualTo(Access.ONLY_WITH_NETWORK_HOST);
        assertThat(snapshot.builder("kube").orElseThrow().canRead()).containsExactly("registry:docker.io");
        assertThat(snapshot.stores()).extracting(s -> s.id()).contains("daemon:default", "daemon:desktop-linux",
                "buildkit:ci-builder", "buildkit:kube", "registry:docker.io", "registry:localhost:5000")
                .doesNotContain("buildkit:default");
    }

    @Test
    void buildx_ls_adds_status_version_and_current() throws IOException {
        var listing = new BuildxCli.Listing(Optional.of(BuildxLs.parse(Fixtures.text("buildx-ls/v0.24-current.jsonl"))),
                new dev.buildxlens.core.model.DockerClient("/usr/bin/docker", "28.2.2", dev.buildxlens.core.model.DockerClient.Plugin.INSTALLED,
                        "github.com/docker/buildx v0.24.0", "", "linux"), "");
        Snapshot snapshot = assemble(daemon(List.of()), listing, Optional.empty());
        var ci = snapshot.builder("ci-builder").orElseThrow();
        assertThat(ci.current()).isTrue();
        assertThat(ci.nodes().get(0).buildkitVersion()).isEqualTo("v0.20.1");
        assertThat(ci.nodes().get(0).platforms()).contains("linux/amd64/v2");
        assertThat(snapshot.builder("kube").orElseThrow().error()).contains("kubeconfig missing");
        assertThat(snapshot.builder("kube").orElseThrow().nodes().get(0).status()).isEqualTo("error");
    }

    @Test
    void store_problems_reach_the_snapshot_and_secrets_do_not() {
        Snapshot snapshot = assemble(daemon(List.of()), noCli(), Optional.empty());
        assertThat(snapshot.problems()).anySatisfy(p -> assertThat(p).contains("instances/broken"));
        var opts = snapshot.builder("future").orElseThrow().nodes().get(0).driverOpts();
        assertThat(opts.get("env.GITHUB_TOKEN")).isEqualTo(Secrets.REDACTED);
        assertThat(opts.get("env.HTTP_PROXY")).isEqualTo("http://<redacted>@proxy:3128");
    }

    @Test
    void with_no_daemon_builders_still_come_from_the_store_files() {
        Daemon unreachable = Daemon.unreachable("default", SOCKET,
                List.of(new DiscoveryAttempt("well-known socket", SOCKET, false, "no socket")));
        Snapshot snapshot = assemble(unreachable, noCli(), Optional.empty());
        assertThat(snapshot.builder("default").orElseThrow().status()).isEqualTo("error");
        assertThat(snapshot.builder("ci-builder").orElseThrow().nodes().get(0).container().state()).isEqualTo("unknown");
        assertThat(snapshot.builders()).hasSizeGreaterThan(5);
        // What the docker driver would read from a daemon that does not answer is unknown, never "can read"; an
        // isolated builder cannot read it whatever the daemon does.
        assertThat(snapshot.builder("default").orElseThrow().accessTo("daemon:default").orElseThrow().access()).isEqualTo(Access.UNKNOWN);
        assertThat(snapshot.builder("default").orElseThrow().canRead()).doesNotContain("daemon:default");
        assertThat(snapshot.builder("ci-builder").orElseThrow().accessTo("daemon:default").orElseThrow().access()).isEqualTo(Access.CANNOT_READ);
    }
}
