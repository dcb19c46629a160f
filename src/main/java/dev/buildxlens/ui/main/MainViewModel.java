package dev.buildxlens.ui.main;

import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Messages;
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
 * store map and the images. Views bind to the read-only properties and call {@link #refresh()}; the probe runs on
 * the {@link TaskExecutor}. While a refresh runs the last picture stays visible.
 */
public final class MainViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Supplier<Snapshot> snapshotSource;
    private final TaskExecutor executor;
    private final Clock clock;
    private final StoreMapViewModel storeMap = new StoreMapViewModel();
    private final ImagesViewModel images = new ImagesViewModel();
    private final dev.buildxlens.ui.diagnose.DiagnoseViewModel diagnose;

    // ---- Properties ----
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyStringWrapper daemonSummary = new ReadOnlyStringWrapper(this, "daemonSummary", "Looking at this machine…");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper bannerTitle = new ReadOnlyStringWrapper(this, "bannerTitle", "");
    private final ReadOnlyListWrapper<String> bannerLines =
            new ReadOnlyListWrapper<>(this, "bannerLines", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<BuilderRow> builders =
            new ReadOnlyListWrapper<>(this, "builders", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<String> selectedBuilderDetails =
            new ReadOnlyListWrapper<>(this, "selectedBuilderDetails", FXCollections.observableArrayList());
    private String selectedBuilder;

    public MainViewModel(Supplier<Snapshot> snapshotSource, TaskExecutor executor) {
        this(snapshotSource, executor, Clock.systemUTC());
    }

    public MainViewModel(Supplier<Snapshot> snapshotSource, TaskExecutor executor, Clock clock) {
        this.snapshotSource = snapshotSource;
        this.executor = executor;
        this.clock = clock;
        this.diagnose = new dev.buildxlens.ui.diagnose.DiagnoseViewModel(snapshot::get, executor);
    }

    public dev.buildxlens.ui.diagnose.DiagnoseViewModel diagnose() {
        return diagnose;
    }

    public StoreMapViewModel storeMap() {
        return storeMap;
    }

    public ImagesViewModel images() {
        return images;
    }

    /** True while a probe runs. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
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

    public ReadOnlyListProperty<BuilderRow> buildersProperty() {
        return builders.getReadOnlyProperty();
    }

    /** For the selected builder: its nodes, then each store with the verdict and the reason. */
    public ReadOnlyListProperty<String> selectedBuilderDetailsProperty() {
        return selectedBuilderDetails.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** Takes a new snapshot in the background; ignored while one is already being taken. */
    public void refresh() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        executor.execute(snapshotSource, this::show, this::fail);
    }

    /** Shows why the named builder can or cannot read each store; null clears the selection. */
    public void selectBuilder(String name) {
        selectedBuilder = name;
        Snapshot current = snapshot.get();
        if (name == null || current == null) {
            selectedBuilderDetails.clear();
            return;
        }
        selectedBuilderDetails.setAll(current.builder(name).map(BuilderDetails::lines).orElse(List.of()));
    }

    /** Something unexpected happened elsewhere: say so in the banner, keep the picture. */
    public void reportUnexpected(String message) {
        bannerTitle.set("Something went wrong (details in the log file):");
        bannerLines.setAll(List.of(message));
    }

    private void show(Snapshot result) {
        loading.set(false);
        snapshot.set(result);
        Daemon daemon = result.daemon();
        daemonSummary.set(daemon.reachable()
                ? "Docker " + daemon.serverVersion() + " · " + daemon.imageStore().label() + " image store · "
                  + daemon.images().size() + (daemon.images().size() == 1 ? " image" : " images") + " · context " + daemon.context()
                : "Daemon unreachable · context " + daemon.context() + (daemon.host().isEmpty() ? "" : " (" + daemon.host() + ")"));
        String buildx = result.notes().stream().anyMatch(n -> n.startsWith("docker buildx plugin") || n.startsWith("no docker CLI"))
                ? "buildx: store files only" : "buildx: plugin";
        status.set("context " + daemon.context() + " · " + (daemon.host().isEmpty() ? "no host" : daemon.host())
                + (daemon.reachable() ? " · API " + daemon.apiVersion() + " · " + daemon.imageStore().label() + " image store" : " · unreachable")
                + " · " + buildx + " · refreshed " + TIME.format(clock.instant()));
        List<String> lines = new ArrayList<>();
        if (!daemon.reachable()) {
            bannerTitle.set("No Docker daemon answered. Builders below come from the store files. Tried:");
            daemon.attempts().forEach(a -> lines.add(a.line()));
        } else if (!result.problems().isEmpty()) {
            bannerTitle.set("Some things could not be read:");
        } else {
            bannerTitle.set("");
        }
        lines.addAll(result.problems());
        bannerLines.setAll(lines);
        builders.setAll(result.builders().stream().map(BuilderRow::of).toList());
        images.show(imageRows(result));
        storeMap.show(result);
        String keep = selectedBuilder != null ? selectedBuilder : result.currentBuilder().map(Builder::name).orElse(null);
        selectBuilder(keep);
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
