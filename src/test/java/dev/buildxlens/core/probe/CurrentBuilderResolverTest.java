package dev.buildxlens.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CurrentBuilderResolverTest {

    private static final String SOCKET = "unix:///var/run/docker.sock";
    private static final Set<String> KNOWN = Set.of("default", "desktop-linux", "ci-builder", "laptop", "team");

    private static BuilderStore store(BuilderStore.CurrentPointer current, Map<String, String> defaults) {
        return new BuilderStore(Path.of("/store"), true, java.util.List.of(), Map.of(), Optional.ofNullable(current), defaults, java.util.List.of());
    }

    private static String resolve(Optional<String> variable, BuilderStore store, String context, String key) {
        return CurrentBuilderResolver.resolve(variable, store, context, key, KNOWN).builder();
    }

    @Test
    void defaults_file_names_match_the_reference_hashes() {
        assertThat(CurrentBuilderResolver.defaultsFileName(SOCKET)).isEqualTo("13c4025c96f36e94b348");
        assertThat(CurrentBuilderResolver.defaultsFileName("desktop-linux")).isEqualTo("fe9c6bd7a66301f49ca9");
    }

    @Test
    void buildx_builder_variable_wins_over_everything() {
        BuilderStore store = store(new BuilderStore.CurrentPointer(SOCKET, "ci-builder", true), Map.of());
        assertThat(resolve(Optional.of("laptop"), store, "default", SOCKET)).isEqualTo("laptop");
    }

    @Test
    void current_applies_when_its_key_is_the_present_endpoint() {
        BuilderStore store = store(new BuilderStore.CurrentPointer(SOCKET, "ci-builder", false), Map.of());
        assertThat(resolve(Optional.empty(), store, "default", SOCKET)).isEqualTo("ci-builder");
    }

    @Test
    void current_of_another_endpoint_does_not_apply_unless_global() {
        BuilderStore local = store(new BuilderStore.CurrentPointer(SOCKET, "ci-builder", false), Map.of());
        assertThat(resolve(Optional.empty(), local, "desktop-linux", "desktop-linux")).isEqualTo("desktop-linux");

        BuilderStore global = store(new BuilderStore.CurrentPointer(SOCKET, "ci-builder", true), Map.of());
        assertThat(resolve(Optional.empty(), global, "desktop-linux", "desktop-linux")).isEqualTo("ci-builder");
    }

    @Test
    void an_empty_name_means_the_context_builder() {
        BuilderStore store = store(new BuilderStore.CurrentPointer(SOCKET, "", false), Map.of("13c4025c96f36e94b348", "team"));
        assertThat(resolve(Optional.empty(), store, "default", SOCKET)).isEqualTo("default");
    }

    @Test
    void defaults_apply_when_current_does_not() {
        BuilderStore store = store(new BuilderStore.CurrentPointer("desktop-linux", "laptop", false), Map.of("13c4025c96f36e94b348", "team"));
        assertThat(resolve(Optional.empty(), store, "default", SOCKET)).isEqualTo("team");
    }

    @Test
    void a_current_builder_that_was_removed_falls_through_to_the_context_builder() {
        BuilderStore store = store(new BuilderStore.CurrentPointer(SOCKET, "deleted-builder", false), Map.of());
        var resolution = CurrentBuilderResolver.resolve(Optional.empty(), store, "default", SOCKET, KNOWN);
        assertThat(resolution.builder()).isEqualTo("default");
        assertThat(resolution.reason()).contains("context 'default'");
    }

    @Test
    void nothing_selected_means_the_context_builder() {
        assertThat(resolve(Optional.empty(), store(null, Map.of()), "desktop-linux", "desktop-linux")).isEqualTo("desktop-linux");
    }

    @Test
    void a_current_pointer_to_a_deleted_builder_falls_back_and_says_so() {
        BuilderStore store = store(new BuilderStore.CurrentPointer(SOCKET, "deleted", false), Map.of());
        CurrentBuilderResolver.Resolution resolution = CurrentBuilderResolver.resolve(Optional.empty(), store, "default", SOCKET, KNOWN);
        assertThat(resolution.builder()).isEqualTo("default");
        assertThat(resolution.reason()).endsWith("; the store's 'current' names 'deleted', which no longer exists");
    }
}
