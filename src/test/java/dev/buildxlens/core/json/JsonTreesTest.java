package dev.buildxlens.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streaming reader and writer against ObjectMapper, which they replace on the hot path. */
class JsonTreesTest {

    private static final String SAMPLE = """
            {"Id":"sha256:abc","RepoTags":["a:1","b:2"],"Size":123456789012,"Created":1767225600,
             "Labels":null,"Ratio":0.5,"Huge":123456789012345678901234567890,"Flag":true,"Empty":{},"List":[],
             "Nested":{"k":[1,{"x":"\\u0026<>\\"quoted\\""}]},"Text":"caf\\u00e9 ✓"}""";

    @Test
    void reads_the_same_tree_as_object_mapper() throws IOException {
        JsonNode ours = JsonTrees.parse(SAMPLE.getBytes(StandardCharsets.UTF_8));
        JsonNode theirs = new ObjectMapper().readTree(SAMPLE);
        assertThat(ours).isEqualTo(theirs);
        assertThat(JsonTrees.parse(SAMPLE)).isEqualTo(theirs);
    }

    @Test
    void writes_what_object_mappers_indented_output_writes() throws IOException {
        JsonNode tree = new ObjectMapper().readTree(SAMPLE);
        String expected = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
        assertThat(JsonTrees.pretty(tree)).isEqualTo(expected);
        assertThat(JsonTrees.compact(tree)).isEqualTo(new ObjectMapper().writeValueAsString(tree));
    }

    @Test
    void behaves_like_read_tree_at_the_edges() throws IOException {
        assertThat(JsonTrees.parse("").isMissingNode()).isTrue();
        assertThat(JsonTrees.parse("{\"a\":1,\"a\":2}").get("a").asInt()).as("last duplicate wins").isEqualTo(2);
        assertThat(JsonTrees.parse("[1] trailing").size()).as("content after the value is ignored").isEqualTo(1);
        assertThatThrownBy(() -> JsonTrees.parse("{\"a\":[1,2")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonTrees.parse("{\"a\" 1}")).isInstanceOf(IOException.class);
    }

    @Test
    void credentials_in_a_docker_config_are_skipped_not_kept(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("config.json"),
                "{\"auths\":{\"r.io\":{\"auth\":\"c2VjcmV0\"}},\"currentContext\":\"ctx\",\"credHelpers\":{\"x\":\"y\"},"
                + "\"cliPluginsExtraDirs\":[\"/opt/p\"]}");
        JsonNode read = JsonTrees.parseObjectSkipping(config, java.util.Set.of("auths", "credHelpers"));
        assertThat(read.has("auths")).isFalse();
        assertThat(read.has("credHelpers")).isFalse();
        assertThat(read.get("currentContext").asText()).isEqualTo("ctx");
        assertThat(read.get("cliPluginsExtraDirs").get(0).asText()).isEqualTo("/opt/p");
        assertThat(JsonTrees.compact(read)).doesNotContain("c2VjcmV0");
    }
}
