package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.StoreAccess;
import dev.buildxlens.ui.builders.BuilderRow;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The view model with a synchronous executor: no toolkit, no threads, no daemon. */
class MainViewModelTest {

    private static Snapshot unreachableSnapshot() {
        Daemon daemon = Daemon.unreachable("default", "unix:///var/run/docker.sock",
                List.of(new DiscoveryAttempt("well-known socket", "unix:///var/run/docker.sock", false, "no socket at /var/run/docker.sock")));
        Builder ci = new Builder("ci", "docker-container", true, false, null,
                List.of(new BuilderNode("ci0", "unix:///var/run/docker.sock", "unknown", "", List.of(), Map.of(), List.of(), "", null)),
                List.of(new StoreAccess("daemon:default", Access.CANNOT_READ, "isolated"),
                        new StoreAccess("registry:localhost:5000", Access.ONLY_WITH_NETWORK_HOST, "own network"),
                        new StoreAccess("registry:docker.io", Access.CAN_READ, "network")), "");
        return new Snapshot(Instant.EPOCH, "test", daemon, List.of(ci), List.of(), List.of(), List.of("instances/broken: not valid JSON"), List.of());
    }

    @Test
    void an_unreachable_daemon_shows_the_attempts_in_the_banner_and_still_lists_builders() {
        MainViewModel viewModel = new MainViewModel(MainViewModelTest::unreachableSnapshot, new CurrentThreadTaskExecutor());
        viewModel.refresh();

        assertThat(viewModel.loadingProperty().get()).isFalse();
        assertThat(viewModel.daemonSummaryProperty().get()).startsWith("Daemon unreachable");
        assertThat(viewModel.bannerTitleProperty().get()).contains("No Docker daemon answered");
        assertThat(viewModel.bannerLinesProperty()).containsExactly(
                "[failed] well-known socket (unix:///var/run/docker.sock): no socket at /var/run/docker.sock",
                "instances/broken: not valid JSON");
        BuilderRow row = viewModel.builders().buildersProperty().get(0);
        assertThat(row.displayName()).isEqualTo("ci  ★ current");
        assertThat(row.canRead()).isEqualTo("registry:docker.io");
        assertThat(row.cannotRead()).isEqualTo("daemon:default, registry:localhost:5000 (only with network=host)");
        assertThat(viewModel.images().shownRows()).isEmpty();
        assertThat(viewModel.statusProperty().get()).contains("context default").contains("unreachable");
        assertThat(viewModel.builders().selectedBuilderDetailsProperty()).as("nothing is selected until the user selects").isEmpty();
        viewModel.builders().selectBuilder("ci");
        assertThat(viewModel.builders().selectedBuilderDetailsProperty()).containsExactly(
                "Node ci0 · unix:///var/run/docker.sock · unknown",
                "CANNOT READ daemon:default: isolated",
                "ONLY WITH network=host registry:localhost:5000: own network",
                "CAN READ registry:docker.io: network");
        viewModel.builders().selectBuilder(null);
        assertThat(viewModel.builders().selectedBuilderDetailsProperty()).isEmpty();
    }

    @Test
    void a_failing_probe_is_a_banner_line_not_a_crash() {
        MainViewModel viewModel = new MainViewModel(() -> {
            throw new IllegalStateException("disk on fire");
        }, new CurrentThreadTaskExecutor());
        viewModel.refresh();
        assertThat(viewModel.loadingProperty().get()).isFalse();
        assertThat(viewModel.bannerLinesProperty()).containsExactly("disk on fire");
    }

    @Test
    void a_partial_picture_is_shown_while_slow_parts_answer_and_loading_ends_with_the_whole_one() {
        Snapshot partial = unreachableSnapshot();
        Snapshot whole = new Snapshot(Instant.EPOCH.plusSeconds(1), "test", partial.daemon(), partial.builders(), List.of(),
                List.of(), List.of(), List.of("docker buildx 0.24"));
        List<String> seen = new java.util.ArrayList<>();
        MainViewModel[] holder = new MainViewModel[1];
        dev.buildxlens.ui.main.SnapshotSource source = progress -> {
            progress.accept(new dev.buildxlens.core.probe.ProbeProgress(partial, List.of("docker buildx ls", "registry localhost:5000")));
            MainViewModel viewModel = holder[0];
            seen.add(viewModel.stillLoadingProperty().get() + " | loading=" + viewModel.loadingProperty().get()
                    + " | builders=" + viewModel.builders().buildersProperty().size());
            return whole;
        };
        holder[0] = new MainViewModel(source, new CurrentThreadTaskExecutor(), java.time.Clock.systemUTC());
        holder[0].refresh();

        assertThat(seen).containsExactly("Still loading: docker buildx ls, registry localhost:5000 | loading=true | builders=1");
        assertThat(holder[0].stillLoadingProperty().get()).isEmpty();
        assertThat(holder[0].loadingProperty().get()).isFalse();
        assertThat(holder[0].snapshotProperty().get()).isSameAs(whole);
    }

    @Test
    void an_unchanged_refresh_keeps_the_image_rows_and_the_map_model() {
        MainViewModel viewModel = new MainViewModel(MainViewModelTest::unreachableSnapshot, new CurrentThreadTaskExecutor());
        viewModel.refresh();
        var model = viewModel.storeMap().modelProperty().get();
        int[] builderChanges = {0};
        viewModel.builders().buildersProperty().addListener((javafx.collections.ListChangeListener<BuilderRow>) c -> builderChanges[0]++);
        viewModel.refresh();
        assertThat(viewModel.storeMap().modelProperty().get()).as("an equal map is not replaced").isSameAs(model);
        assertThat(builderChanges[0]).as("equal builder rows are not replaced").isZero();
    }
}
