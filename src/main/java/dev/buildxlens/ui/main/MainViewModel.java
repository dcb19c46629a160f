package dev.buildxlens.ui.main;

import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Messages;
import dev.buildxlens.ui.builders.BuilderRow;
import dev.buildxlens.ui.builders.BuildersViewModel;
import dev.buildxlens.ui.images.ImagesViewModel;
import dev.buildxlens.ui.storemap.StoreMapViewModel;
import dev.buildxlens.ui.task.TaskExecutor;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

/**
 * State of the main window: the latest snapshot in the words the views show, and the child view models of the
 * store map, the builders and the images. Views bind to the read-only properties and call {@link #refresh()}; the
 * probe runs on the {@link TaskExecutor}. While a refresh runs the last picture stays visible.
 */
public final class MainViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private SnapshotSource snapshotSource;
    private final SnapshotSource liveSource;
    /** The folder a lesson's files were laid out in, deleted when the lesson is left or the app ends; null for none. */
    private volatile java.nio.file.Path lessonFolder;
    /** What the Diagnose tab had on this machine before a lesson replaced it: put back when the machine is shown again. */
    private java.nio.file.Path liveFile;
    private dev.buildxlens.ui.diagnose.DiagnoseViewModel.BuildOptions liveOptions;
    /** The file the Diagnose tab opens once the world being loaded is shown. */
    private PendingFile openWhenShown;
    private final TaskExecutor executor;
    private final Clock clock;
    private final StoreMapViewModel storeMap = new StoreMapViewModel();
    private final ImagesViewModel images = new ImagesViewModel();
    private final BuildersViewModel builders;
    private final LessonsViewModel lessons;
    private final dev.buildxlens.ui.diagnose.DiagnoseViewModel diagnose;
    private final dev.buildxlens.ui.doctor.DoctorViewModel doctor;

    // ---- Properties ----
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper stillLoading = new ReadOnlyStringWrapper(this, "stillLoading", "");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", false);
    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyStringWrapper daemonSummary = new ReadOnlyStringWrapper(this, "daemonSummary", "Looking at this machine…");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper bannerTitle = new ReadOnlyStringWrapper(this, "bannerTitle", "");
    private final ReadOnlyListWrapper<String> bannerLines =
            new ReadOnlyListWrapper<>(this, "bannerLines", FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper lessonTitle = new ReadOnlyStringWrapper(this, "lessonTitle", "");
    private final ReadOnlyListWrapper<String> lessonCaptions =
            new ReadOnlyListWrapper<>(this, "lessonCaptions", FXCollections.observableArrayList());

    public MainViewModel(Supplier<Snapshot> snapshotSource, TaskExecutor executor) {
        this(SnapshotSource.of(snapshotSource), executor, Clock.systemUTC());
    }

    public MainViewModel(Supplier<Snapshot> snapshotSource, TaskExecutor executor, Clock clock) {
        this(SnapshotSource.of(snapshotSource), executor, clock);
    }

    public MainViewModel(SnapshotSource snapshotSource, TaskExecutor executor, Clock clock) {
        this.snapshotSource = snapshotSource;
        this.liveSource = snapshotSource;
        this.executor = executor;
        this.clock = clock;
        this.diagnose = new dev.buildxlens.ui.diagnose.DiagnoseViewModel(snapshot::get, executor);
        // A command changed the machine: look at it again.
        this.builders = new BuildersViewModel(executor, this::refresh);
        this.lessons = new LessonsViewModel(executor);
        this.doctor = new dev.buildxlens.ui.doctor.DoctorViewModel(executor);
    }

    /** The built-in lessons, for the Scenarios menu. */
    public LessonsViewModel lessons() {
        return lessons;
    }

    public dev.buildxlens.ui.diagnose.DiagnoseViewModel diagnose() {
        return diagnose;
    }

    /** Help → Check this machine: the doctor's checklist for the world shown. */
    public dev.buildxlens.ui.doctor.DoctorViewModel doctor() {
        return doctor;
    }

    public StoreMapViewModel storeMap() {
        return storeMap;
    }

    public ImagesViewModel images() {
        return images;
    }

    /** The Builders tab: rows, the selected builder's details, the commands offered for it. */
    public BuildersViewModel builders() {
        return builders;
    }

    /** True while a probe runs. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /**
     * True while the picture is the last one of a daemon that has since stopped answering: it is kept (marked in the
     * banner and the summary) rather than replaced by an empty one, until a refresh reaches the daemon again.
     */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** What a partial picture still waits for ("Still loading: docker buildx ls, registry localhost:5000"), or "". */
    public ReadOnlyStringProperty stillLoadingProperty() {
        return stillLoading.getReadOnlyProperty();
    }

    /** The latest snapshot, or null before the first one arrives. */
    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** One line about the daemon: version, store kind, context and host. */
    public ReadOnlyStringProperty daemonSummaryProperty() {
        return daemonSummary.getReadOnlyProperty();
    }

    /** The status bar: context and host, API version, image store, buildx, time of the last refresh. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The banner headline; empty when there is nothing to warn about. */
    public ReadOnlyStringProperty bannerTitleProperty() {
        return bannerTitle.getReadOnlyProperty();
    }

    /** Discovery attempts and problems shown under the banner headline. */
    public ReadOnlyListProperty<String> bannerLinesProperty() {
        return bannerLines.getReadOnlyProperty();
    }

    /** The lesson shown instead of this machine ("Scenario: … (level)"); empty on the live machine. */
    public ReadOnlyStringProperty lessonTitleProperty() {
        return lessonTitle.getReadOnlyProperty();
    }

    /** The lesson's goal and steps, in its own caption area (never the problem banner); empty on the live machine. */
    public ReadOnlyListProperty<String> lessonCaptionsProperty() {
        return lessonCaptions.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** Takes a new snapshot in the background; ignored while one is already being taken. */
    public void refresh() {
        if (loading.get()) {
            return;
        }
        load();
    }

    /** Results of a world that was switched away from are dropped: only the latest generation is shown. */
    private int generation;

    private void load() {
        int mine = ++generation;
        loading.set(true);
        doctor.pictureLoading();
        SnapshotSource source = snapshotSource;
        executor.execute(() -> prepare(source.take(progress -> {
            Prepared partial = prepare(progress.snapshot());
            executor.onUiThread(() -> {
                if (mine == generation && loading.get()) {
                    showPartial(partial, progress.pending());
                }
            });
        })), result -> {
            if (mine == generation) {
                show(result);
            }
        }, error -> {
            if (mine == generation) {
                stillLoading.set("");
                doctor.pictureFailed(Messages.firstLine(error));
                fail(error);
            }
        });
    }

    /**
     * Shows a lesson: its world, its goal and steps as captions, its build options in the Diagnose tab, and
     * {@code file} (its build, or the user's own) diagnosed there once its world is in place. A {@code temporary} file
     * is not remembered in Recent; {@code folder} is the temporary folder the lesson's files were laid out in
     * (deleted when the lesson is left), or null.
     */
    public void useLesson(dev.buildxlens.core.scenario.Scenario scenario, java.nio.file.Path file, boolean temporary,
                          java.nio.file.Path folder) {
        List<String> captions = new ArrayList<>();
        if (!scenario.goal().isEmpty()) {
            captions.add("Goal: " + scenario.goal());
        }
        for (int i = 0; i < scenario.steps().size(); i++) {
            captions.add((i + 1) + ". " + scenario.steps().get(i));
        }
        switchWorld(SnapshotSource.of(scenario::snapshot), "Scenario: " + scenario.title() + " (" + scenario.level() + ")",
                captions, folder);
        // The lesson's own build options (platforms, named contexts, outputs…) and its runner's image store.
        diagnose.useBuildOptions(scenario.build().spec(), scenario.snapshot().daemon().imageStore());
        openWhenShown = file == null ? null : new PendingFile(file, temporary);
        load();
    }

    /** Back to the live machine after a scenario, with the file and build options the Diagnose tab had on it. */
    public void useLiveWorld() {
        switchWorld(liveSource, "", List.of(), null);
        if (liveOptions != null) {
            diagnose.restore(liveOptions);
        }
        openWhenShown = liveFile == null ? null : new PendingFile(liveFile, false);
        liveFile = null;
        liveOptions = null;
        load();
    }

    /** A file to diagnose once the world it belongs to is shown; a temporary one is not remembered in Recent. */
    private record PendingFile(java.nio.file.Path file, boolean temporary) {
    }

    /**
     * Whatever the last world derived goes with it: the map's selection and step-through (and its what-if), the
     * Builders selection, the Diagnose tab's file and findings, and the last lesson's folder. Leaving this machine
     * keeps its Diagnose file and build options to put back when it is shown again.
     */
    private void switchWorld(SnapshotSource source, String title, List<String> captions, java.nio.file.Path folder) {
        if (snapshotSource == liveSource && source != liveSource) {
            liveFile = diagnose.fileProperty().get();
            liveOptions = diagnose.buildOptions();
        }
        this.snapshotSource = source;
        lessonTitle.set(title);
        lessonCaptions.setAll(captions);
        builders.clearSelection();
        storeMap.forgetWorld();
        diagnose.close();
        openWhenShown = null;
        deleteLessonFolder();
        lessonFolder = folder;
    }

    /** Deletes the folder of the lesson shown, if it has one: off the FX thread. */
    private void deleteLessonFolder() {
        java.nio.file.Path folder = lessonFolder;
        lessonFolder = null;
        if (folder != null) {
            executor.runInBackground(() -> dev.buildxlens.core.scenario.ScenarioRunner.delete(folder));
        }
    }

    /** The app ends: the lesson's folder goes now, on the calling thread (a shutdown hook may call this). */
    public void deleteLessonFilesNow() {
        diagnose.deletePastedNow();
        java.nio.file.Path folder = lessonFolder;
        lessonFolder = null;
        dev.buildxlens.core.scenario.ScenarioRunner.delete(folder);
    }

    /** The lesson shown now: its title and captions (empty on the live machine). */
    public String narrativeTitle() {
        return lessonTitle.get();
    }

    public List<String> narrative() {
        return List.copyOf(lessonCaptions);
    }

    /** Writes a file the user asked for, atomically and off the FX thread; the status bar gets the outcome. */
    public void writeFile(java.nio.file.Path target, String content, String doneMessage) {
        executor.execute(() -> {
            try {
                dev.buildxlens.core.files.AtomicFiles.write(target, content);
                return doneMessage;
            } catch (java.io.IOException e) {
                return "Could not write " + target.getFileName() + ": " + Messages.firstLine(e);
            }
        }, status::set, error -> status.set("Could not write " + target.getFileName() + ": " + Messages.firstLine(error)));
    }

    /** One line for the status bar about something the user just did. */
    public void reportStatus(String message) {
        status.set(message);
    }

    /** Something unexpected happened elsewhere: say so in the banner, keep the picture. */
    public void reportUnexpected(String message) {
        bannerTitle.set("Something went wrong (details in the log file):");
        bannerLines.setAll(List.of(message));
    }

    /**
     * A snapshot with the rows and the map model the views need, made off the FX thread: building 10,000 image
     * rows there stalled refreshes by about 100 ms (src/test/bench/run.sh at 10,000 images).
     */
    private record Prepared(Snapshot snapshot, List<BuilderRow> builderRows, List<ImageRow> imageRows,
                            dev.buildxlens.ui.storemap.StoreMapModel map) {
    }

    private Prepared prepare(Snapshot result) {
        return new Prepared(result, result.builders().stream().map(BuilderRow::of).toList(), imageRows(result),
                dev.buildxlens.ui.storemap.StoreMapModel.of(result));
    }

    /** The daemon answered before and does not now: keep its picture, say so, and say what was tried. */
    private void showStale(Snapshot kept, Snapshot now) {
        String since = TIME.format(kept.takenAt());
        stale.set(true);
        daemonSummary.set("Stale (picture of " + since + ") · the daemon stopped answering · context " + now.daemon().context());
        bannerTitle.set("The Docker daemon stopped answering. The picture below is from " + since
                + " and may be out of date; Refresh when the daemon is back. Tried:");
        List<String> lines = new ArrayList<>();
        now.daemon().attempts().forEach(a -> lines.add(a.line()));
        bannerLines.setAll(lines);
        status.set("context " + now.daemon().context() + " · " + now.daemon().host() + " · unreachable · picture of " + since
                + " kept · checked " + TIME.format(clock.instant()));
        // The map keeps the last picture; the checklist is about the machine as it is now.
        doctor.pictureTaken(now, true, "");
        loading.set(false);
    }

    /** The picture so far, while the named slow parts are still answering; loading goes on. */
    private void showPartial(Prepared partial, List<String> pending) {
        stillLoading.set("Still loading: " + String.join(", ", pending));
        show(partial, false);
    }

    private void show(Prepared prepared) {
        stillLoading.set("");
        show(prepared, true);
    }

    private void show(Prepared prepared, boolean complete) {
        Snapshot result = prepared.snapshot();
        Snapshot shown = snapshot.get();
        boolean lostDaemon = complete && !result.daemon().reachable() && shown != null && shown.daemon().reachable()
                && snapshotSource == liveSource && shown.origin().equals(result.origin());
        if (lostDaemon) {
            showStale(shown, result);
            return;
        }
        stale.set(false);
        snapshot.set(result);
        Daemon daemon = result.daemon();
        daemonSummary.set(daemon.reachable()
                ? "Docker " + daemon.serverVersion() + " · " + daemon.imageStore().label() + " image store · "
                  + daemon.images().size() + (daemon.images().size() == 1 ? " image" : " images") + " · context " + daemon.context()
                : "Daemon unreachable · context " + daemon.context() + (daemon.host().isEmpty() ? "" : " (" + daemon.host() + ")"));
        String buildx = result.origin().startsWith("scenario") ? "world: " + result.origin() : switch (result.client().buildx()) {
            case INSTALLED -> "buildx: plugin" + (result.client().buildxVersion().isEmpty() ? "" : " " + buildxVersion(result.client().buildxVersion()));
            case MISSING -> "buildx: not installed (builders from the store files)";
            case FAILED -> "buildx: failing (builders from the store files)";
            case UNKNOWN -> "buildx: not checked yet";
        };
        status.set("context " + daemon.context() + " · " + (daemon.host().isEmpty() ? "no host" : daemon.host())
                + (daemon.reachable() ? " · API " + daemon.apiVersion() + " · " + daemon.imageStore().label() + " image store" : " · unreachable")
                + " · " + buildx + " · refreshed " + TIME.format(clock.instant()));
        List<String> lines = new ArrayList<>();
        if (!daemon.reachable()) {
            bannerTitle.set("No Docker daemon answered. Builders below come from the store files; the Scenarios menu has "
                    + "worlds to explore without Docker. Tried:");
            daemon.attempts().forEach(a -> lines.add(a.line()));
        } else if (!result.problems().isEmpty()) {
            bannerTitle.set("Some things could not be read:");
        } else {
            bannerTitle.set("");
        }
        lines.addAll(result.problems());
        bannerLines.setAll(lines);
        // Each child keeps rows that did not change: replacing them re-renders rows for nothing.
        builders.show(result, prepared.builderRows());
        images.show(prepared.imageRows());
        storeMap.show(result, prepared.map());
        diagnose.builders(result.builders().stream().map(Builder::name).toList());
        if (complete) {
            PendingFile pending = openWhenShown;
            openWhenShown = null;
            if (pending != null) {
                // The world's file (a lesson's build, or the user's own back on this machine), judged against it.
                if (pending.temporary()) {
                    diagnose.openLessonFile(pending.file());
                } else {
                    diagnose.open(pending.file());
                }
            } else {
                // A Dockerfile judged against an earlier picture is judged again: its findings must match this one.
                diagnose.worldChanged(result);
            }
        }
        // Last: whoever waits for the end of loading finds the whole picture in place.
        if (complete) {
            doctor.pictureTaken(result, snapshotSource == liveSource, lessonTitle.get().replaceFirst("^Scenario: ", ""));
            loading.set(false);
        }
    }

    /** {@code github.com/docker/buildx v0.20.1 abc…} → {@code v0.20.1}. */
    private static String buildxVersion(String versionLine) {
        String[] words = versionLine.trim().split("\\s+");
        return words.length >= 2 ? words[1] : versionLine.trim();
    }

    private List<ImageRow> imageRows(Snapshot result) {
        String daemonStore = result.daemon().storeId();
        List<String> usable = new ArrayList<>();
        List<String> notUsable = new ArrayList<>();
        for (Builder builder : result.builders()) {
            (builder.canRead().contains(daemonStore) ? usable : notUsable).add(builder.name());
        }
        List<ImageRow> rows = new ArrayList<>(result.daemon().images().size());
        for (Image image : result.daemon().images()) {
            rows.add(ImageRow.of(image, usable, notUsable, clock.instant()));
        }
        return rows;
    }

    private void fail(Throwable error) {
        loading.set(false);
        bannerTitle.set("Looking at this machine failed:");
        bannerLines.setAll(List.of(Messages.firstLine(error)));
    }
}
