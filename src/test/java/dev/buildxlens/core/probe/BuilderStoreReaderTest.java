package dev.buildxlens.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderStoreReaderTest {

    private final BuilderStore store = BuilderStoreReader.read(Fixtures.path("buildx-store"));

    @Test
    void reads_every_readable_builder_and_names_the_corrupt_file() {
        assertThat(store.builders()).extracting(StoredBuilder::name).containsExactly(
                "builder-8fa135e1-9bce-4a29-9368-46a09a1d750d", "ci-builder", "future", "kube", "laptop",
                "remote-bk", "remote-ctr");
        assertThat(store.problems()).anySatisfy(p -> assertThat(p).contains("instances/broken").contains("not valid JSON"));
    }

    @Test
    void reads_driver_opts_flags_and_null_platforms_of_a_docker_container_builder() {
        StoredBuilder ci = store.builder("ci-builder").orElseThrow();
        assertThat(ci.driver()).isEqualTo("docker-container");
        StoredBuilder.StoredNode node = ci.nodes().get(0);
        assertThat(node.name()).isEqualTo("ci-builder0");
        assertThat(node.endpoint()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(node.platforms()).isEmpty();
        assertThat(node.driverOpts()).containsEntry("network", "host").containsEntry("image", "moby/buildkit:v0.20.0");
        assertThat(node.flags()).containsExactly("--allow-insecure-entitlement=network.host");
    }

    @Test
    void decodes_the_embedded_buildkitd_toml_of_setup_buildx_action() {
        StoredBuilder gha = store.builder("builder-8fa135e1-9bce-4a29-9368-46a09a1d750d").orElseThrow();
        assertThat(gha.nodes().get(0).buildkitdConfig())
                .isEqualTo("[registry]\n[registry.'localhost:5000']\nhttp = true\ninsecure = true\n");
        assertThat(gha.nodes().get(0).flags()).containsExactly(
                "--allow-insecure-entitlement", "security.insecure", "--allow-insecure-entitlement", "network.host");
    }

    @Test
    void reads_kubernetes_endpoints_with_go_escaped_ampersands_and_platform_objects() {
        StoredBuilder kube = store.builder("kube").orElseThrow();
        assertThat(kube.nodes()).hasSize(2);
        assertThat(kube.nodes().get(0).endpoint()).isEqualTo("kubernetes:///kube?deployment=builder-amd64&kubeconfig=");
        assertThat(kube.nodes().get(1).platforms()).containsExactly("linux/arm64");
        assertThat(store.builder("laptop").orElseThrow().nodes().get(0).platforms()).containsExactly("linux/amd64", "linux/arm/v7");
    }

    @Test
    void keeps_an_unknown_driver_and_ignores_unknown_fields() {
        StoredBuilder future = store.builder("future").orElseThrow();
        assertThat(future.driver()).isEqualTo("nomad");
        assertThat(future.nodes().get(0).endpoint()).isEqualTo("nomad://cluster");
    }

    @Test
    void reads_activity_current_and_defaults_and_reports_a_bad_time() {
        assertThat(store.activity()).containsEntry("ci-builder", Instant.parse("2025-03-04T10:11:12Z"));
        assertThat(store.problems()).anySatisfy(p -> assertThat(p).contains("activity/laptop").contains("RFC 3339"));
        assertThat(store.current()).contains(new BuilderStore.CurrentPointer("unix:///var/run/docker.sock", "ci-builder", false));
        assertThat(store.defaults()).containsEntry("fe9c6bd7a66301f49ca9", "laptop");
    }

    @Test
    void a_missing_store_is_empty_not_an_error(@TempDir Path temp) {
        BuilderStore missing = BuilderStoreReader.read(temp.resolve("nope"));
        assertThat(missing.exists()).isFalse();
        assertThat(missing.builders()).isEmpty();
        assertThat(missing.problems()).isEmpty();
    }

    @Test
    void an_unreadable_current_file_and_an_oversized_instance_are_problems_not_failures(@TempDir Path temp) throws Exception {
        Path dir = Fixtures.copy("buildx-store", temp.resolve("store"));
        Files.writeString(dir.resolve("current"), "{\"Key\":");
        Files.write(dir.resolve("instances/huge"), new byte[(int) BuilderStoreReader.MAX_FILE_BYTES + 1]);
        Files.createDirectories(dir.resolve("instances/adirectory"));

        BuilderStore read = BuilderStoreReader.read(dir);

        assertThat(read.current()).isEmpty();
        assertThat(read.problems()).anySatisfy(p -> assertThat(p).contains("current: not valid JSON"));
        assertThat(read.problems()).anySatisfy(p -> assertThat(p).contains("instances/huge").contains("too large"));
        assertThat(read.problems()).anySatisfy(p -> assertThat(p).contains("instances/adirectory"));
        assertThat(read.builders()).extracting(StoredBuilder::name).contains("ci-builder", "kube");
    }

    @Test
    void a_refresh_reuses_unchanged_builder_files_and_rereads_changed_ones(@TempDir java.nio.file.Path store) throws Exception {
        java.nio.file.Path instances = java.nio.file.Files.createDirectories(store.resolve("instances"));
        String one = "{\"Name\":\"one\",\"Driver\":\"docker-container\",\"Nodes\":[],\"Dynamic\":false}";
        java.nio.file.Files.writeString(instances.resolve("one"), one);
        java.nio.file.Files.writeString(instances.resolve("two"), one.replace("one", "two"));
        BuilderStore first = BuilderStoreReader.read(store);
        BuilderStore second = BuilderStoreReader.read(store);
        assertThat(second.builders().get(0)).as("unchanged file, same parsed builder").isSameAs(first.builders().get(0));

        java.nio.file.Files.writeString(instances.resolve("two"), one.replace("one", "two").replace("docker-container", "remote"));
        java.nio.file.Files.setLastModifiedTime(instances.resolve("two"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        BuilderStore third = BuilderStoreReader.read(store);
        assertThat(third.builders()).extracting(StoredBuilder::driver).containsExactly("docker-container", "remote");
        assertThat(third.builders().get(0)).isSameAs(first.builders().get(0));
    }
}
