package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.storemap.StoreMapViewModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step-through's "apply the fix" replays on a fixed world: network=host for an unreachable loopback registry. */
class StoreMapViewModelTest {

    @Test
    void an_unreachable_loopback_registry_is_fixed_with_network_host() {
        StoreMapViewModel viewModel = new StoreMapViewModel();
        viewModel.show(Snapshots.world().builder("ci", "docker-container", Map.of()).current("ci")
                .registry("localhost:5000", "foo/bar", "latest").build());
        viewModel.stepThrough("localhost:5000/foo/bar:latest");
        while (viewModel.nextStep()) {
            // to the end
        }
        assertThat(viewModel.stepErrorProperty().get()).contains("connection refused");
        assertThat(viewModel.applyFixAndReplay("localhost:5000/foo/bar:latest")).isEqualTo("add-network-host");
        while (viewModel.nextStep()) {
            // to the end
        }
        assertThat(viewModel.stepCaptionProperty().get()).startsWith("What if (add-network-host), a replay: nothing on this machine changed.")
                .contains("on ci: Registry localhost:5000");
        assertThat(viewModel.stepErrorProperty().get()).isEmpty();
        assertThat(viewModel.highlightProperty().get().badges()).containsEntry("registry:localhost:5000", "4 · ✓ found here");
    }
}
