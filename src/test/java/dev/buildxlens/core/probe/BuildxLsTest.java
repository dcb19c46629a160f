package dev.buildxlens.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.buildxlens.testing.Fixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildxLsTest {

    @Test
    void collapses_the_duplicated_lines_of_buildx_before_0_21() throws IOException {
        List<BuildxLs.LsBuilder> builders = BuildxLs.parse(Fixtures.text("buildx-ls/v0.13-duplicated.jsonl"));
        assertThat(builders).hasSize(1);
        BuildxLs.LsBuilder builder = builders.get(0);
        assertThat(builder.name()).isEqualTo("default");
        assertThat(builder.current()).isEmpty();
        assertThat(builder.lastActivity()).as("the zero time means never").isEmpty();
        BuildxLs.LsNode node = builder.nodes().get(0);
        assertThat(node.status()).isEqualTo("running");
        assertThat(node.version()).isEqualTo("v0.14.1");
        assertThat(node.platforms()).startsWith("linux/amd64", "linux/amd64/v2");
    }

    @Test
    void reads_sorted_keys_current_and_errors_of_buildx_0_24() throws IOException {
        List<BuildxLs.LsBuilder> builders = BuildxLs.parse(Fixtures.text("buildx-ls/v0.24-current.jsonl"));
        assertThat(builders).extracting(BuildxLs.LsBuilder::name).containsExactly("ci-builder", "default", "kube");
        BuildxLs.LsBuilder ci = builders.get(0);
        assertThat(ci.current()).contains(true);
        assertThat(ci.lastActivity()).contains(Instant.parse("2025-03-04T10:11:12Z"));
        assertThat(ci.node("ci-builder0").orElseThrow().version()).isEqualTo("v0.20.1");
        BuildxLs.LsBuilder kube = builders.get(2);
        assertThat(kube.error()).contains("kubeconfig missing");
        assertThat(kube.nodes().get(0).endpoint()).isEqualTo("kubernetes:///kube?deployment=builder-amd64&kubeconfig=");
    }

    @Test
    void names_the_line_that_is_not_json() {
        String output = Fixtures.text("buildx-ls/v0.13-duplicated.jsonl") + "ERROR: something went wrong\n";
        assertThatThrownBy(() -> BuildxLs.parse(output)).hasMessage("buildx ls output line 3 is not JSON");
    }
}
