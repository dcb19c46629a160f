package dev.buildxlens.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryTrustTest {

    private static Daemon daemon(List<String> insecure, List<String> caHosts) {
        return new Daemon(true, "default", "unix:///var/run/docker.sock", "27.0.3", "1.46", "linux", "x86_64", "overlay2",
                ImageStoreKind.CLASSIC, insecure, List.of(), List.of(), List.of(), List.of(), Daemon.NOT_COUNTED, caHosts, DaemonProxy.NONE);
    }

    private static BuilderNode node(String config) {
        return new BuilderNode("ci0", "default", "running", "", List.of(), Map.of(), List.of(), config, null);
    }

    @Test
    void a_named_insecure_registry_or_an_ip_in_an_insecure_cidr_needs_the_setting_loopback_does_not() {
        Daemon daemon = daemon(List.of("127.0.0.0/8", "10.20.0.0/16", "registry.lab:5000"), List.of("secure.lab"));
        assertThat(RegistryTrust.special(daemon, "registry.lab:5000")).hasValue("insecure");
        assertThat(RegistryTrust.special(daemon, "10.20.3.4:5000")).hasValue("insecure");
        assertThat(RegistryTrust.special(daemon, "10.21.3.4:5000")).isEmpty();
        assertThat(RegistryTrust.special(daemon, "localhost:5000")).isEmpty();
        assertThat(RegistryTrust.special(daemon, "127.0.0.1:5000")).isEmpty();
        assertThat(RegistryTrust.special(daemon, "secure.lab")).hasValue("ca");
        assertThat(RegistryTrust.configuredHosts(daemon)).containsExactly("registry.lab:5000", "secure.lab");
    }

    @Test
    void the_builders_own_buildkitd_toml_covers_a_registry_only_with_the_matching_setting() {
        String toml = """
                debug = true
                [registry."registry.lab:5000"]
                  http = true   # plain HTTP
                [registry."secure.lab"]
                  ca = ["/etc/certs/lab.crt"]
                [registry."docker.io"]
                  mirrors = ["mirror.gcr.io"]
                [worker.oci]
                  gc = false
                """;
        assertThat(RegistryTrust.covered(node(toml), "registry.lab:5000", "insecure")).isTrue();
        assertThat(RegistryTrust.covered(node(toml), "secure.lab", "ca")).isTrue();
        assertThat(RegistryTrust.covered(node(toml), "secure.lab", "insecure")).isFalse();
        assertThat(RegistryTrust.covered(node(""), "registry.lab:5000", "insecure")).isFalse();
        assertThat(RegistryTrust.hasDockerHubMirrors(node(toml))).isTrue();
        assertThat(BuildkitdConfig.parse(toml).registries()).containsOnlyKeys("registry.lab:5000", "secure.lab", "docker.io");
    }
}
