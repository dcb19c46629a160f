package dev.buildxlens.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRulesTest {

    @Test
    void loopback_registries_are_localhost_ipv6_loopback_and_127_slash_8() {
        assertThat(RegistryHosts.isLoopback("localhost:5000")).isTrue();
        assertThat(RegistryHosts.isLoopback("LOCALHOST")).isTrue();
        assertThat(RegistryHosts.isLoopback("127.0.0.1:5001")).isTrue();
        assertThat(RegistryHosts.isLoopback("127.1.2.3")).isTrue();
        assertThat(RegistryHosts.isLoopback("[::1]:5000")).isTrue();
        assertThat(RegistryHosts.isLoopback("registry:5000")).isFalse();
        assertThat(RegistryHosts.isLoopback("host.docker.internal:5000")).isFalse();
        assertThat(RegistryHosts.isLoopback("docker.io")).isFalse();
    }

    @Test
    void registry_flag_values_are_validated() {
        assertThat(RegistryHosts.validate("localhost:5000")).isEmpty();
        assertThat(RegistryHosts.validate("[::1]:5000")).isEmpty();
        assertThat(RegistryHosts.validate("registry.internal")).isEmpty();
        assertThat(RegistryHosts.validate("localhost:99999")).contains("port");
        assertThat(RegistryHosts.validate("localhost:5000/foo")).contains("without a scheme or path");
        assertThat(RegistryHosts.validate("bad host")).contains("is not HOST[:PORT]");
    }

    @Test
    void builder_containers_and_registry_containers_are_recognised_by_name_and_image() {
        Container node = new Container("1", "buildx_buildkit_ci-builder0", "moby/buildkit:buildx-stable-1", "", "running", List.of(), "host", List.of());
        assertThat(node.builderNodeName()).contains("ci-builder0");
        assertThat(node.looksLikeRegistry()).isFalse();
        for (String image : List.of("registry:2", "registry", "docker.io/library/registry:2.8", "ghcr.io/distribution/distribution:3",
                "localhost:5000/registry@sha256:abc")) {
            assertThat(new Container("2", "r", image, "", "running", List.of(), "", List.of()).looksLikeRegistry()).as(image).isTrue();
        }
        assertThat(new Container("3", "x", "my-registry-ui:1", "", "running", List.of(), "", List.of()).looksLikeRegistry()).isFalse();
        assertThat(new Container("4", "buildx_buildkit_", "x", "", "running", List.of(), "", List.of()).builderNodeName()).isEmpty();
    }

    @Test
    void secret_driver_options_and_url_passwords_are_redacted() {
        Map<String, String> redacted = Secrets.redactDriverOpts(Map.of(
                "env.AWS_SECRET_ACCESS_KEY", "abc", "env.JAEGER_TRACE", "localhost:6831",
                "env.https_proxy", "http://me:pa55@proxy:8080", "network", "host"));
        assertThat(redacted).containsEntry("env.AWS_SECRET_ACCESS_KEY", Secrets.REDACTED)
                .containsEntry("env.JAEGER_TRACE", "localhost:6831")
                .containsEntry("env.https_proxy", "http://<redacted>@proxy:8080")
                .containsEntry("network", "host");
    }
}
