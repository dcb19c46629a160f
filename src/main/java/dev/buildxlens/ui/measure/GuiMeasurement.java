package dev.buildxlens.ui.measure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.buildxlens.core.Trace;
import dev.buildxlens.core.json.JsonTrees;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The benchmark's instrumented run of the real app ({@code --measure-gui FILE}): it measures, on the FX thread
 * itself, what a user feels, then writes JSON and exits.
 * <ul>
 *   <li>first frame: the first pulse laid out after the window was shown, in ms since start
 *       ({@link Trace#sinceStart()}: {@code BUILDX_LENS_T0} when the harness sets it);</li>
 *   <li>first complete picture: the first pulse laid out after the first snapshot of the machine was shown;</li>
 *   <li>the longest FX-thread stall: an {@link AnimationTimer} asks for a frame every pulse, so the longest gap
 *       between two frames is the longest time the thread could not draw. Measured twice: in the first second
 *       after the first picture (the first render of every part, with a cold JIT), and during refreshes started
 *       after that second, which is what a user who presses Refresh meets;</li>
 *   <li>filter latency in the Images tab: for each keystroke (typed into the real text field, then erased),
 *       the time from the change to the end of the next pulse's layout.</li>
 * </ul>
 */
public final class GuiMeasurement {

    private static final int REFRESHES = 3;
    private static final long SETTLE_MILLIS = 1000;
    private static final String QUERY = "lens-bench/app-4";
    private static final long GIVE_UP_MILLIS = 120_000;

    private final Stage stage;
    private final Scene scene;
    private final MainView view;
    private final MainViewModel viewModel;
    private final Path output;
    private final ObjectNode result = JsonTrees.object();
    private final List<Runnable> afterLayout = new ArrayList<>();
    private long lastFrameNanos;
    private long longestGapNanos;
    private boolean watching;

    private GuiMeasurement(Stage stage, Scene scene, MainView view, MainViewModel viewModel, Path output) {
        this.stage = stage;
        this.scene = scene;
        this.view = view;
        this.viewModel = viewModel;
        this.output = output;
    }

    /** Installs the measurement; call before the stage is shown. */
    public static void install(Stage stage, Scene scene, MainView view, MainViewModel viewModel, Path output) {
        new GuiMeasurement(stage, scene, view, viewModel, output).start();
    }

    private void start() {
        scene.addPostLayoutPulseListener(() -> {
            List<Runnable> due = new ArrayList<>(afterLayout);
            afterLayout.clear();
            due.forEach(Runnable::run);
        });
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (watching && lastFrameNanos > 0) {
                    longestGapNanos = Math.max(longestGapNanos, now - lastFrameNanos);
                }
                lastFrameNanos = now;
            }
        }.start();
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> nextLayout(() -> {
            result.put("firstFrameMs", Trace.sinceStart());
            Trace.mark("gui: first frame");
        }));
        Thread guard = new Thread(() -> {
            try {
                Thread.sleep(GIVE_UP_MILLIS);
                Platform.runLater(() -> finish("no complete picture within " + GIVE_UP_MILLIS / 1000 + " s"));
            } catch (InterruptedException ignored) {
                // Finished in time.
            }
        }, "buildx-lens-measure-guard");
        guard.setDaemon(true);
        guard.start();
        whenLoaded(() -> nextLayout(() -> {
            result.put("firstPictureMs", Trace.sinceStart());
            // CPU time so far, of the FX thread and of the whole process: on a shared machine wall time swings with
            // other tenants (steal), CPU time much less, so small changes to the first frame show in these first.
            result.put("firstPictureFxCpuMs", java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os) {
                result.put("firstPictureProcessCpuMs", os.getProcessCpuTime() / 1_000_000);
            }
            Trace.mark("gui: first complete picture");
            Snapshot snapshot = viewModel.snapshotProperty().get();
            result.put("images", snapshot.daemon().images().size());
            result.put("builders", snapshot.builders().size());
            watch();
            javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(SETTLE_MILLIS));
            settle.setOnFinished(e -> {
                result.put("longestStallFirstSecondMs", longestGapNanos / 1_000_000);
                watch();
                refreshes(REFRESHES, new ArrayList<>());
            });
            settle.play();
        }));
    }

    /** Runs when the view model has shown a picture and is no longer loading. */
    private void whenLoaded(Runnable action) {
        ChangeListener<Boolean> listener = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean before, Boolean loading) {
                if (!loading && viewModel.snapshotProperty().get() != null) {
                    viewModel.loadingProperty().removeListener(this);
                    action.run();
                }
            }
        };
        viewModel.loadingProperty().addListener(listener);
    }

    private void nextLayout(Runnable action) {
        afterLayout.add(action);
        Platform.requestNextPulse();
    }

    /** Starts a new stall measurement from the next frame on. */
    private void watch() {
        watching = true;
        lastFrameNanos = 0;
        longestGapNanos = 0;
    }

    private void refreshes(int left, List<Long> durations) {
        if (left == 0) {
            result.put("refreshes", durations.size());
            result.put("refreshMedianMs", median(durations));
            result.put("longestStallDuringRefreshMs", longestGapNanos / 1_000_000);
            watching = false;
            filterLatency();
            return;
        }
        long begun = System.nanoTime();
        whenLoaded(() -> nextLayout(() -> {
            durations.add((System.nanoTime() - begun) / 1_000_000);
            refreshes(left - 1, durations);
        }));
        viewModel.refresh();
    }

    private void filterLatency() {
        Tab images = view.tabs().getTabs().stream().filter(t -> "tab-images".equals(t.getId())).findFirst().orElseThrow();
        view.tabs().getSelectionModel().select(images);
        TextField field = (TextField) scene.lookup("#image-filter");
        List<Runnable> keystrokes = new ArrayList<>();
        for (int i = 1; i <= QUERY.length(); i++) {
            String text = QUERY.substring(0, i);
            keystrokes.add(() -> field.setText(text));
        }
        for (int i = QUERY.length() - 1; i >= 0; i--) {
            String text = QUERY.substring(0, i);
            keystrokes.add(() -> field.setText(text));
        }
        List<Long> latencies = new ArrayList<>();
        // Let the tab's first layout happen before the first keystroke is timed.
        nextLayout(() -> type(keystrokes, 0, latencies));
    }

    private void type(List<Runnable> keystrokes, int index, List<Long> latencies) {
        if (index == keystrokes.size()) {
            ObjectNode filter = result.putObject("filterLatencyMs");
            filter.put("samples", latencies.size());
            filter.put("p50", percentile(latencies, 50));
            filter.put("p95", percentile(latencies, 95));
            filter.put("max", percentile(latencies, 100));
            ArrayNode all = filter.putArray("all");
            latencies.forEach(all::add);
            finish(null);
            return;
        }
        long begun = System.nanoTime();
        keystrokes.get(index).run();
        nextLayout(() -> {
            latencies.add((System.nanoTime() - begun) / 1_000_000);
            // The next keystroke comes in a later event, as a person's would.
            Platform.runLater(() -> type(keystrokes, index + 1, latencies));
        });
    }

    private boolean finished;

    private void finish(String error) {
        if (finished) {
            return;
        }
        finished = true;
        if (error != null) {
            result.put("error", error);
        }
        int code = 0;
        try {
            Files.writeString(output, JsonTrees.pretty(result) + "\n");
        } catch (IOException e) {
            System.err.println("buildx-lens: cannot write " + output + ": " + e.getMessage());
            code = 2;
        }
        Platform.exit();
        System.exit(error == null ? code : 1);
    }

    private static long median(List<Long> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
