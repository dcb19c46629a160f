package dev.buildxlens.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.testing.SecondDaemon;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.main.SnapshotSource;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon that stops and comes back (a second dockerd the test owns, so the shared one is untouched): the app
 * keeps the last picture marked stale, says what it tried, and recovers on the next refresh without a restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DaemonRestartDockerTest {

    @TempDir
    Path home;

    @Test
    void the_picture_goes_stale_when_the_daemon_stops_and_recovers_on_refresh() throws Exception {
        // Unix socket paths are limited to about 100 bytes: JUnit's temp dir is short enough.
        try (SecondDaemon daemon = new SecondDaemon(home.resolve("d")).start()) {
            Environment env = new Environment(Map.of("DOCKER_HOST", daemon.host(), "DOCKER_CONFIG", home.resolve(".docker").toString(),
                    "HOME", home.toString(), "PATH", "/nonexistent"), home, "Linux");
            SnapshotSource live = progress -> LiveProbe.forEnvironment(env, LiveProbe.Options.defaults()).take(progress);
            MainViewModel viewModel = new MainViewModel(live, new CurrentThreadTaskExecutor(), Clock.systemUTC());

            viewModel.refresh();
            Snapshot first = viewModel.snapshotProperty().get();
            assertThat(first.daemon().reachable()).isTrue();
            assertThat(viewModel.staleProperty().get()).isFalse();

            daemon.stop();
            long start = System.nanoTime();
            viewModel.refresh();
            assertThat((System.nanoTime() - start) / 1_000_000).as("a stopped daemon is noticed at once").isLessThan(5000);
            assertThat(viewModel.staleProperty().get()).isTrue();
            assertThat(viewModel.snapshotProperty().get()).as("the last picture is kept").isSameAs(first);
            assertThat(viewModel.loadingProperty().get()).isFalse();
            assertThat(viewModel.daemonSummaryProperty().get()).startsWith("Stale (picture of ");
            assertThat(viewModel.bannerTitleProperty().get()).startsWith("The Docker daemon stopped answering.");
            assertThat(viewModel.bannerLinesProperty()).singleElement().asString()
                    .startsWith("[failed] DOCKER_HOST (" + daemon.host() + "):");

            daemon.start();
            viewModel.refresh();
            assertThat(viewModel.staleProperty().get()).isFalse();
            assertThat(viewModel.snapshotProperty().get().daemon().reachable()).isTrue();
            assertThat(viewModel.snapshotProperty().get()).isNotSameAs(first);
            assertThat(viewModel.bannerLinesProperty()).isEqualTo(List.of());
        }
    }
}
