package dev.buildxlens.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.buildxlens.core.doctor.Check;
import dev.buildxlens.core.doctor.DoctorInputs;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.testing.Snapshots;
import dev.buildxlens.ui.doctor.DoctorViewModel;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.task.CurrentThreadTaskExecutor;
import dev.buildxlens.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Help → Check this machine, through the main view model as the app wires it: the checks of the world shown, the
 * shell's facts only for this machine, nothing while the window is closed, and never the checks of an older picture.
 */
class DoctorViewModelTest {

    private static Snapshot healthy() {
        return Snapshots.world().builder("ci", "docker-container", Map.of()).current("ci").localImage("base:1").build();
    }

    private static Snapshot noEngine() {
        Daemon daemon = Daemon.unreachable("default", "unix:///var/run/docker.sock",
                List.of(new DiscoveryAttempt("well-known socket", "unix:///var/run/docker.sock", false, "no socket")));
        return new Snapshot(java.time.Instant.EPOCH, "test", daemon, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static List<String> ids(DoctorViewModel doctor) {
        return doctor.checksProperty().stream().map(Check::id).toList();
    }

    @Test
    void the_checks_are_the_command_lines_and_this_shells_facts_count_on_this_machine() {
        AtomicReference<Snapshot> world = new AtomicReference<>(healthy());
        MainViewModel viewModel = new MainViewModel(world::get, new CurrentThreadTaskExecutor());
        AtomicInteger factsRead = new AtomicInteger();
        viewModel.doctor().useMachineFacts(snapshot -> {
            factsRead.incrementAndGet();
            return new DoctorInputs(snapshot, Optional.of("tcp://10.0.0.9:2376"), Optional.of("colima"), Optional.of("gone"));
        });
        viewModel.refresh();
        assertThat(viewModel.doctor().checksProperty()).as("nothing is worked out while the window is closed").isEmpty();
        assertThat(factsRead).hasValue(0);

        viewModel.doctor().setActive(true);
        DoctorInputs expected = new DoctorInputs(world.get(), Optional.of("tcp://10.0.0.9:2376"), Optional.of("colima"), Optional.of("gone"));
        assertThat(viewModel.doctor().checksProperty()).containsExactlyElementsOf(dev.buildxlens.core.doctor.MachineDoctor.checks(expected));
        assertThat(ids(viewModel.doctor())).contains("engine", "docker-host-overrides-context", "current-builder", "builder:ci");
        assertThat(viewModel.doctor().subjectProperty().get()).isEqualTo("This machine");
        assertThat(viewModel.doctor().summaryProperty().get()).doesNotStartWith("•").contains("in " + ids(viewModel.doctor()).size() + " checks");
        assertThat(viewModel.doctor().reportableProperty().get()).isTrue();
        assertThat(viewModel.doctor().markdown()).startsWith("## Buildx Lens doctor").contains("DOCKER_HOST");
        assertThat(viewModel.doctor().issueBody()).contains("### buildx-lens doctor").contains("<details>");

        viewModel.doctor().setActive(false);
        assertThat(viewModel.doctor().checksProperty()).isEmpty();
        assertThat(viewModel.doctor().reportableProperty().get()).isFalse();
    }

    @Test
    void a_lesson_is_judged_by_its_world_alone_and_leaving_it_checks_this_machine_again() throws Exception {
        MainViewModel viewModel = new MainViewModel(DoctorViewModelTest::healthy, new CurrentThreadTaskExecutor());
        viewModel.doctor().useMachineFacts(snapshot ->
                new DoctorInputs(snapshot, Optional.of("tcp://10.0.0.9:2376"), Optional.of("colima"), Optional.empty()));
        viewModel.doctor().setActive(true);
        viewModel.refresh();
        assertThat(ids(viewModel.doctor())).contains("docker-host-overrides-context");

        var lesson = Scenarios.builtIn("classic-ci");
        viewModel.useLesson(lesson, null, false, null);
        assertThat(ids(viewModel.doctor())).as("this shell's DOCKER_HOST says nothing about a lesson")
                .doesNotContain("docker-host-overrides-context")
                .containsExactlyElementsOf(dev.buildxlens.core.doctor.MachineDoctor.checks(DoctorInputs.of(lesson.snapshot()))
                        .stream().map(Check::id).toList());
        assertThat(viewModel.doctor().subjectProperty().get()).startsWith(lesson.title()).contains("a lesson");

        viewModel.useLiveWorld();
        assertThat(ids(viewModel.doctor())).contains("docker-host-overrides-context");
        assertThat(viewModel.doctor().subjectProperty().get()).isEqualTo("This machine");
    }

    @Test
    void a_lost_daemon_is_checked_as_it_is_now_while_the_map_keeps_its_last_picture() {
        AtomicReference<Snapshot> world = new AtomicReference<>(healthy());
        MainViewModel viewModel = new MainViewModel(world::get, new CurrentThreadTaskExecutor());
        viewModel.doctor().setActive(true);
        viewModel.refresh();
        assertThat(viewModel.doctor().checksProperty().get(0).status()).isEqualTo(Check.Status.OK);

        world.set(noEngine());
        viewModel.refresh();
        assertThat(viewModel.staleProperty().get()).as("the map keeps the last picture").isTrue();
        assertThat(viewModel.doctor().checksProperty().get(0).id()).isEqualTo("engine");
        assertThat(viewModel.doctor().checksProperty().get(0).status()).isEqualTo(Check.Status.ERROR);
        assertThat(viewModel.doctor().summaryProperty().get()).endsWith("No Docker engine answers.");
    }

    /** Runs work only when told: a check outlives the picture it was started for. */
    private static final class HeldExecutor implements TaskExecutor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> void execute(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            held.add(() -> onSuccess.accept(work.get()));
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(held);
            held.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void a_check_of_an_older_picture_is_dropped_and_a_refresh_clears_what_was_shown() {
        HeldExecutor executor = new HeldExecutor();
        DoctorViewModel doctor = new DoctorViewModel(executor);
        doctor.setActive(true);
        assertThat(doctor.checkingProperty().get()).as("no picture yet").isTrue();

        doctor.pictureTaken(healthy(), true, "");
        assertThat(doctor.checkingProperty().get()).isTrue();
        assertThat(doctor.summaryProperty().get()).isEqualTo("Checking…");
        doctor.pictureTaken(noEngine(), true, "");
        executor.runAll();
        assertThat(doctor.checksProperty()).as("only the latest picture's checks").hasSize(
                dev.buildxlens.core.doctor.MachineDoctor.checks(DoctorInputs.of(noEngine())).size());
        assertThat(doctor.checksProperty().get(0).status()).isEqualTo(Check.Status.ERROR);
        assertThat(doctor.checkingProperty().get()).isFalse();

        doctor.pictureLoading();
        assertThat(doctor.checksProperty()).as("the old picture's checks go when a new one is taken").isEmpty();
        assertThat(doctor.reportableProperty().get()).isFalse();
        assertThat(doctor.issueBody()).isEmpty();
        doctor.pictureFailed("the probe timed out");
        assertThat(doctor.summaryProperty().get()).isEqualTo("Nothing was checked: the probe timed out");
        assertThat(doctor.checkingProperty().get()).isFalse();
    }
}
