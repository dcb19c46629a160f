package dev.buildxlens.core.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Store;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.core.model.StoreKind;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class VisibilityRulesTest {

    private static final String SOCKET = "unix:///var/run/docker.sock";
    private static final Store DAEMON = new Store("daemon:default", StoreKind.DAEMON, "default", "");
    private static final Store OTHER_DAEMON = new Store("daemon:desktop-linux", StoreKind.DAEMON, "desktop-linux", "");
    private static final Store LOCAL_REGISTRY = new Store("registry:localhost:5000", StoreKind.REGISTRY, "localhost:5000", "");
    private static final Store LOOPBACK_IP_REGISTRY = new Store("registry:127.0.0.1:5001", StoreKind.REGISTRY, "127.0.0.1:5001", "");
    private static final Store HUB = new Store("registry:docker.io", StoreKind.REGISTRY, "docker.io", "");
    private static final Store CI_CACHE = new Store("buildkit:ci", StoreKind.BUILDKIT, "ci", "");
    private static final Store OTHER_CACHE = new Store("buildkit:other", StoreKind.BUILDKIT, "other", "");
    private static final List<Store> STORES = List.of(DAEMON, OTHER_DAEMON, LOCAL_REGISTRY, LOOPBACK_IP_REGISTRY, HUB, CI_CACHE, OTHER_CACHE);
    private static final Predicate<String> LOCAL = endpoint -> endpoint.equals(SOCKET) || endpoint.equals("default");

    private static BuilderNode node(String name, String endpoint, Map<String, String> opts) {
        return new BuilderNode(name, endpoint, "running", "", List.of(), opts, List.of(), "", null);
    }

    private static Builder builder(String name, String driver, BuilderNode... nodes) {
        return new Builder(name, driver, false, false, null, List.of(nodes), List.of(), "");
    }

    private static Access access(Builder builder, Store store) {
        return VisibilityRules.accessFor(builder, STORES, LOCAL).stream()
                .filter(a -> a.storeId().equals(store.id())).map(StoreAccess::access).findFirst().orElse(null);
    }

    @Test
    void docker_driver_reads_its_own_daemon_store_and_every_registry() {
        Builder docker = builder("default", "docker", node("default", "default", Map.of()));
        assertThat(access(docker, DAEMON)).isEqualTo(Access.CAN_READ);
        assertThat(access(docker, OTHER_DAEMON)).isEqualTo(Access.CANNOT_READ);
        assertThat(access(docker, LOCAL_REGISTRY)).isEqualTo(Access.CAN_READ);
        assertThat(access(docker, HUB)).isEqualTo(Access.CAN_READ);
        assertThat(VisibilityRules.accessFor(docker, STORES, LOCAL)).extracting(StoreAccess::storeId)
                .doesNotContain("buildkit:ci", "buildkit:other");
    }

    @Test
    void docker_container_builder_never_reads_the_daemon_store() {
        Builder ci = builder("ci", "docker-container", node("ci0", SOCKET, Map.of()));
        assertThat(access(ci, DAEMON)).isEqualTo(Access.CANNOT_READ);
        assertThat(access(ci, HUB)).isEqualTo(Access.CAN_READ);
        assertThat(access(ci, CI_CACHE)).isEqualTo(Access.CACHE_ONLY);
        assertThat(access(ci, OTHER_CACHE)).isNull();
        assertThat(ci.withAccess(VisibilityRules.accessFor(ci, STORES, LOCAL)).canRead())
                .containsExactly("registry:docker.io");
    }

    @Test
    void docker_container_reaches_loopback_registries_only_with_network_host() {
        Builder bridged = builder("ci", "docker-container", node("ci0", SOCKET, Map.of()));
        assertThat(access(bridged, LOCAL_REGISTRY)).isEqualTo(Access.ONLY_WITH_NETWORK_HOST);
        assertThat(access(bridged, LOOPBACK_IP_REGISTRY)).isEqualTo(Access.ONLY_WITH_NETWORK_HOST);

        Builder host = builder("ci", "docker-container", node("ci0", SOCKET, Map.of("network", "host")));
        assertThat(access(host, LOCAL_REGISTRY)).isEqualTo(Access.CAN_READ);
        assertThat(access(host, DAEMON)).as("network=host does not open the image store").isEqualTo(Access.CANNOT_READ);
    }

    @Test
    void network_host_on_another_machine_does_not_reach_this_machines_localhost() {
        Builder far = builder("far", "docker-container", node("far0", "ssh://build@other", Map.of("network", "host")));
        assertThat(access(far, LOCAL_REGISTRY)).isEqualTo(Access.CANNOT_READ);
    }

    @Test
    void kubernetes_remote_and_unknown_drivers_see_neither_daemon_nor_loopback() {
        for (String driver : List.of("kubernetes", "remote", "cloud", "nomad")) {
            Builder b = builder("x", driver, node("x0", "tcp://somewhere:1234", Map.of("network", "host")));
            assertThat(access(b, DAEMON)).as(driver).isEqualTo(Access.CANNOT_READ);
            assertThat(access(b, LOCAL_REGISTRY)).as(driver).isEqualTo(Access.CANNOT_READ);
            assertThat(access(b, HUB)).as(driver).isEqualTo(Access.CAN_READ);
        }
    }

    @Test
    void a_multi_node_builder_sees_a_store_only_as_well_as_its_worst_node() {
        Builder mixed = builder("mixed", "docker-container",
                node("mixed0", SOCKET, Map.of("network", "host")), node("mixed1", SOCKET, Map.of()));
        StoreAccess verdict = VisibilityRules.accessFor(mixed, STORES, LOCAL).stream()
                .filter(a -> a.storeId().equals(LOCAL_REGISTRY.id())).findFirst().orElseThrow();
        assertThat(verdict.access()).isEqualTo(Access.ONLY_WITH_NETWORK_HOST);
        assertThat(verdict.reason()).startsWith("node mixed1:");
    }
}
