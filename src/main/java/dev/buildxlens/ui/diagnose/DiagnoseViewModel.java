package dev.buildxlens.ui.diagnose;

import dev.buildxlens.core.build.BuildFlags;
import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.diagnose.BuildCheck;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.ImageCheck;
import dev.buildxlens.core.diagnose.Severity;
import dev.buildxlens.core.files.AtomicFiles;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.fix.UnifiedDiff;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.files.Repositories;
import dev.buildxlens.core.pipeline.BuildInput;
import dev.buildxlens.core.pipeline.BuildInputs;
import dev.buildxlens.core.pipeline.DiagnosisPipeline;
import dev.buildxlens.core.pipeline.FixChoices;
import dev.buildxlens.core.pipeline.InputKind;
import dev.buildxlens.core.pipeline.PipelineResult;
import dev.buildxlens.core.probe.Messages;
import dev.buildxlens.core.report.FixReport;
import dev.buildxlens.ui.task.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;

/**
 * The Diagnose tab: any build file the command line reads, told apart by name and content as {@code diagnose PATH}
 * does ({@link BuildInputs}): a Dockerfile (diagnosed against the current snapshot, with the options of
 * {@code docker buildx build}), a Compose or Bake file (against the snapshot, on the builder picked or the current
 * one), a GitHub workflow or a GitLab CI file (on a simulated runner), through the same {@link DiagnosisPipeline} as
 * the command line; the source of the file the selected finding is in (the opened file, a Dockerfile a service
 * builds, an included GitLab file) with the findings' lines marked, the findings, the images, and the fixes of the
 * selected finding (attached by its key). File reads and analysis run on the executor.
 */
public final class DiagnoseViewModel {

    private final Supplier<Snapshot> currentSnapshot;
    private final TaskExecutor executor;

    private final StringProperty builder = new SimpleStringProperty(this, "builder", "");
    private final StringProperty buildArgs = new SimpleStringProperty(this, "buildArgs", "");
    private final StringProperty buildContexts = new SimpleStringProperty(this, "buildContexts", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty platforms = new SimpleStringProperty(this, "platforms", "");
    private final StringProperty outputs = new SimpleStringProperty(this, "outputs", "");
    private final StringProperty cacheTo = new SimpleStringProperty(this, "cacheTo", "");
    private final BooleanProperty load = new SimpleBooleanProperty(this, "load", false);
    private final BooleanProperty push = new SimpleBooleanProperty(this, "push", false);
    private final BooleanProperty pull = new SimpleBooleanProperty(this, "pull", false);
    /** The image store a workflow's runners are assumed to use; UNKNOWN: the one each job's runs-on implies. */
    private final ObjectProperty<ImageStoreKind> imageStore = new SimpleObjectProperty<>(this, "imageStore", ImageStoreKind.UNKNOWN);
    private final StringProperty registry = new SimpleStringProperty(this, "registry", FixChoices.DEFAULT_REGISTRY);
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    /** What the tab opens, said for people. */
    public static final String KINDS = "a Dockerfile, a GitHub workflow, a GitLab CI file, a Compose file, a Bake file or a build log";
    private static final String OPEN_HINT = "Open " + KINDS + " (or drop it here).";
    private static final String OPEN_TO_SEE = "Open " + KINDS + " to see its findings.";
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", OPEN_HINT);
    private final ReadOnlyStringWrapper findingsPlaceholder = new ReadOnlyStringWrapper(this, "findingsPlaceholder", OPEN_TO_SEE);
    private final ReadOnlyObjectWrapper<InputKind> kind = new ReadOnlyObjectWrapper<>(this, "kind");
    private final ReadOnlyObjectWrapper<Path> shownFile = new ReadOnlyObjectWrapper<>(this, "shownFile");
    private final javafx.beans.property.ReadOnlyBooleanWrapper dockerfileOptions =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "dockerfileOptions", true);
    private final javafx.beans.property.ReadOnlyBooleanWrapper builderOption = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "builderOption", true);
    private final javafx.beans.property.ReadOnlyBooleanWrapper runnerOption = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "runnerOption", true);
    private final ReadOnlyStringWrapper optionsNote = new ReadOnlyStringWrapper(this, "optionsNote", "");
    private final ReadOnlyStringWrapper sourceTitle = new ReadOnlyStringWrapper(this, "sourceTitle", "Source");
    private final ReadOnlyListWrapper<Path> sourceFiles = new ReadOnlyListWrapper<>(this, "sourceFiles", FXCollections.observableArrayList());
    private final javafx.beans.property.ReadOnlyBooleanWrapper localImagesUnknown =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "localImagesUnknown", false);
    private final javafx.beans.property.ReadOnlyIntegerWrapper finishedRuns = new javafx.beans.property.ReadOnlyIntegerWrapper(this, "finishedRuns");
    private final ReadOnlyListWrapper<SourceLine> source = new ReadOnlyListWrapper<>(this, "source", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<Finding> findings = new ReadOnlyListWrapper<>(this, "findings", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<ImageCheck> images = new ReadOnlyListWrapper<>(this, "images", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<FixPlan> fixes = new ReadOnlyListWrapper<>(this, "fixes", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<NotOffered> notOffered = new ReadOnlyListWrapper<>(this, "notOffered", FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<Finding> selectedFinding = new ReadOnlyObjectWrapper<>(this, "selectedFinding");
    private final ReadOnlyListWrapper<String> recent = new ReadOnlyListWrapper<>(this, "recent", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<String> builderNames = new ReadOnlyListWrapper<>(this, "builderNames", FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<List<Path>> watchedFiles = new ReadOnlyObjectWrapper<>(this, "watchedFiles", List.of());
    private final javafx.beans.property.ReadOnlyIntegerWrapper selectedLine = new javafx.beans.property.ReadOnlyIntegerWrapper(this, "selectedLine");
    /** A log's causes it is consistent with but cannot establish, each with the facts that would decide it; and what was read. */
    private final ReadOnlyListWrapper<String> possibleCauses = new ReadOnlyListWrapper<>(this, "possibleCauses", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<String> logNotes = new ReadOnlyListWrapper<>(this, "logNotes", FXCollections.observableArrayList());
    /** Line numbers of a log shown in part (too large to show whole): the evidence lines only, with their numbers. */
    private Map<Path, List<Integer>> numbering = Map.of();
    /** The folder pasted logs are written to, deleted when the tab is closed or the app ends; null until a paste. */
    private volatile Path pasteFolder;
    private PipelineResult result;
    /** The last run's texts of every file it read, and where each finding's file is on disk (absent: not on disk). */
    private Map<Path, List<String>> texts = Map.of();
    private Map<String, Path> findingFiles = Map.of();
    private Map<Path, String> names = Map.of();
    /** A lesson's file is read without this machine's environment (compose and bake interpolate with it). */
    private boolean lessonFile;
    private int generation;
    /** The picture the open file was last diagnosed against (used only by the kinds judged on this machine). */
    private Snapshot judgedAgainst;

    public DiagnoseViewModel(Supplier<Snapshot> currentSnapshot, TaskExecutor executor) {
        this.currentSnapshot = currentSnapshot;
        this.executor = executor;
        kind.addListener((o, before, now) -> optionsFor(now));
    }

    /** Where the platforms of a live build's local images are read (on the executor, with the rest of a run). */
    private volatile dev.buildxlens.core.pipeline.ImageDetails imageDetails = dev.buildxlens.core.pipeline.ImageDetails.NONE;

    public void useImageDetails(dev.buildxlens.core.pipeline.ImageDetails details) {
        this.imageDetails = details;
    }

    /**
     * Which of the toolbar's options the open kind takes, as on the command line: a Dockerfile every build option; a
     * Compose or Bake file the builder (their build options are in the file); a workflow the runner's image store; a
     * GitLab pipeline none (its jobs say everything). Nothing open yet: all of them, for the file to come.
     */
    private void optionsFor(InputKind now) {
        dockerfileOptions.set(now == null || now == InputKind.DOCKERFILE);
        builderOption.set(now == null || BuildInputs.usesMachine(now));
        runnerOption.set(now == null || now == InputKind.GITHUB_WORKFLOW);
        optionsNote.set(now == null || now == InputKind.DOCKERFILE ? "" : switch (now) {
            case COMPOSE -> "A Compose file: its build options are in the file; the builder picked here applies";
            case BAKE -> "A Bake file: its build options are in the file; the builder picked here applies";
            case GITHUB_WORKFLOW -> "A workflow: its steps give the build options; the runner's image store picked here applies";
            case LOG -> "A build log: everything is read from its lines; no option here applies";
            default -> "A GitLab CI file: its jobs give the build options";
        });
    }

    // ---- Properties: the build options, as on the command line ----

    /** The builder to diagnose with (empty: the current builder). */
    public StringProperty builderProperty() {
        return builder;
    }

    /** Build args, {@code NAME=value} separated by spaces or new lines. */
    public StringProperty buildArgsProperty() {
        return buildArgs;
    }

    /** Named contexts, {@code NAME=VALUE} ({@code docker-image://REF}, {@code oci-layout://PATH:TAG}, a folder) separated by spaces. */
    public StringProperty buildContextsProperty() {
        return buildContexts;
    }

    public StringProperty targetProperty() {
        return target;
    }

    /** Platforms, comma separated. */
    public StringProperty platformsProperty() {
        return platforms;
    }

    /** Outputs ({@code --output}), separated by spaces. */
    public StringProperty outputsProperty() {
        return outputs;
    }

    /** Cache exports ({@code --cache-to}), separated by spaces. */
    public StringProperty cacheToProperty() {
        return cacheTo;
    }

    public BooleanProperty loadProperty() {
        return load;
    }

    public BooleanProperty pushProperty() {
        return push;
    }

    public BooleanProperty pullProperty() {
        return pull;
    }

    /** The image store assumed for a workflow's runner (a Dockerfile build uses the snapshot's). */
    public ObjectProperty<ImageStoreKind> imageStoreProperty() {
        return imageStore;
    }

    /** The registry the bridge fixes push to (HOST:PORT; a workflow's service is on localhost). */
    public StringProperty registryProperty() {
        return registry;
    }

    // ---- Properties: what the diagnosis shows ----

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** How many diagnoses have finished (shown or failed): what waits for "the Diagnose tab is up to date" watches it. */
    public javafx.beans.property.ReadOnlyIntegerProperty finishedRunsProperty() {
        return finishedRuns.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * What the findings list says while it is empty: that no file is open, that nothing was found, or that whether
     * anything is wrong is unknown (the daemon does not answer, or the file could not be diagnosed).
     */
    public ReadOnlyStringProperty findingsPlaceholderProperty() {
        return findingsPlaceholder.getReadOnlyProperty();
    }

    /** True when the daemon did not answer: which images are local, and so what the builder can use, is unknown. */
    public javafx.beans.property.ReadOnlyBooleanProperty localImagesUnknownProperty() {
        return localImagesUnknown.getReadOnlyProperty();
    }

    /** For an opened log: "local-image-invisible: … (needs builder-driver: …)", one per possible cause. */
    public ReadOnlyListProperty<String> possibleCausesProperty() {
        return possibleCauses.getReadOnlyProperty();
    }

    /** For an opened log: what was read from it (kind, builder, failing step and image, versions). */
    public ReadOnlyListProperty<String> logNotesProperty() {
        return logNotes.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<SourceLine> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<Finding> findingsProperty() {
        return findings.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<ImageCheck> imagesProperty() {
        return images.getReadOnlyProperty();
    }

    /** The fixes for the selected finding, recommended first. */
    public ReadOnlyListProperty<FixPlan> fixesProperty() {
        return fixes.getReadOnlyProperty();
    }

    /** The catalog fixes of the selected finding that are not offered here, with the reason. */
    public ReadOnlyListProperty<NotOffered> notOfferedProperty() {
        return notOffered.getReadOnlyProperty();
    }

    /** The finding whose fixes are shown. */
    public ReadOnlyObjectProperty<Finding> selectedFindingProperty() {
        return selectedFinding.getReadOnlyProperty();
    }

    /**
     * The line of the shown source the selected finding is at (1-based); 0 when no finding is selected, or the source
     * shows another file than the finding's (picked with {@link #showSource(Path)}, or an inline Dockerfile's finding).
     */
    public javafx.beans.property.ReadOnlyIntegerProperty selectedLineProperty() {
        return selectedLine.getReadOnlyProperty();
    }

    /** Whether the Dockerfile build options (args, target, platforms, contexts, outputs, cache, --load/--push/--pull) apply. */
    public javafx.beans.property.ReadOnlyBooleanProperty dockerfileOptionsProperty() {
        return dockerfileOptions.getReadOnlyProperty();
    }

    /** Whether the builder picked applies (a Dockerfile, Compose or Bake build on this machine). */
    public javafx.beans.property.ReadOnlyBooleanProperty builderOptionProperty() {
        return builderOption.getReadOnlyProperty();
    }

    /** Whether the runner's image store applies (a GitHub workflow). */
    public javafx.beans.property.ReadOnlyBooleanProperty runnerOptionProperty() {
        return runnerOption.getReadOnlyProperty();
    }

    /** For a kind that takes few of the toolbar's options, which ones and where the rest are; empty otherwise. */
    public ReadOnlyStringProperty optionsNoteProperty() {
        return optionsNote.getReadOnlyProperty();
    }

    /** The kind of the open file, once it was told (null before, or when it could not be). */
    public ReadOnlyObjectProperty<InputKind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /**
     * The file whose lines {@link #sourceProperty()} shows: the opened one, or the one the selected finding is in (the
     * Dockerfile a compose service or bake target builds, a GitLab file it includes, a workflow's composite action).
     */
    public ReadOnlyObjectProperty<Path> shownFileProperty() {
        return shownFile.getReadOnlyProperty();
    }

    /** The heading of the source: which file it is, named from the opened file's folder. */
    public ReadOnlyStringProperty sourceTitleProperty() {
        return sourceTitle.getReadOnlyProperty();
    }

    /** Every file the last diagnosis read, the opened one first: each can be shown with {@link #showSource(Path)}. */
    public ReadOnlyListProperty<Path> sourceFilesProperty() {
        return sourceFiles.getReadOnlyProperty();
    }

    /**
     * The files the diagnosis shown depends on: the opened file, and every file the pipeline read for it (a workflow's
     * Dockerfiles and composite actions, a GitLab file's includes, the Dockerfiles of compose services and bake targets,
     * compose's other files). A change to any of them calls for {@link #rerun()}.
     */
    public ReadOnlyObjectProperty<List<Path>> watchedFilesProperty() {
        return watchedFiles.getReadOnlyProperty();
    }

    /** The builders of the world shown, for the picker ("" = the current one). */
    public ReadOnlyListProperty<String> builderNamesProperty() {
        return builderNames.getReadOnlyProperty();
    }

    public void builders(List<String> names) {
        List<String> all = new ArrayList<>();
        all.add("");
        all.addAll(names);
        builderNames.setAll(all);
    }

    /** Restores the recent files remembered from an earlier run. */
    public void remember(List<String> files) {
        recent.setAll(files.stream().limit(8).toList());
    }

    /** Files opened recently, newest first. */
    public ReadOnlyListProperty<String> recentProperty() {
        return recent.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** Takes a lesson's build options (its Dockerfile build, or its runner's image store) before its file is opened. */
    public void useBuildOptions(BuildSpec spec, ImageStoreKind store) {
        builder.set(spec.builder());
        buildArgs.set(String.join(" ", spec.buildArgs().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        buildContexts.set(String.join(" ", spec.contexts().stream().map(c -> c.name() + "=" + c.value()).toList()));
        target.set(spec.target());
        platforms.set(String.join(",", spec.platforms()));
        outputs.set(String.join(" ", spec.outputs()));
        cacheTo.set(String.join(" ", spec.cacheTo()));
        load.set(spec.load());
        push.set(spec.push());
        pull.set(spec.pull());
        imageStore.set(store == null ? ImageStoreKind.UNKNOWN : store);
    }

    public void open(Path path) {
        lessonFile = false;
        file.set(path);
        watch(List.of(path));
        recent.remove(path.toString());
        recent.add(0, path.toString());
        if (recent.size() > 8) {
            recent.remove(8, recent.size());
        }
        rerun();
    }

    /**
     * A pasted error or job log: written to a file of its own in a temporary folder (off the FX thread), then read as
     * a log like a saved one. Not remembered in Recent; the folder goes when the tab is closed or the app ends.
     */
    public void pasteLog(String text) {
        if (text == null || text.isBlank()) {
            status.set("Nothing to diagnose: the pasted text is empty.");
            return;
        }
        status.set("Reading the pasted log…");
        executor.execute(() -> {
            try {
                Path folder = pasteFolder;
                if (folder == null) {
                    folder = Files.createTempDirectory("buildx-lens-pasted-");
                    pasteFolder = folder;
                }
                Path file = folder.resolve("pasted-" + java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HHmmss")) + ".log");
                AtomicFiles.write(file, text.endsWith("\n") ? text : text + "\n");
                return file;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, this::openLessonFile, error -> status.set("Could not keep the pasted log: " + Messages.firstLine(error)));
    }

    /** The pasted logs' folder goes now, on the calling thread (the app's shutdown hook calls this). */
    public void deletePastedNow() {
        Path folder = pasteFolder;
        pasteFolder = null;
        dev.buildxlens.core.scenario.ScenarioRunner.delete(folder);
    }

    /**
     * Opens a lesson's own file: diagnosed like any other, but not remembered in Recent, since it lives in a
     * temporary folder that is deleted when the lesson is left.
     */
    public void openLessonFile(Path path) {
        lessonFile = true;
        file.set(path);
        rerun();
    }

    /**
     * Another world is shown: the file, its source, findings, images and fixes belong to the last one and go, and a
     * diagnosis still running for it is dropped. The build options stay (a lesson sets its own).
     */
    public void close() {
        generation++;
        file.set(null);
        kind.set(null);
        watchedFiles.set(List.of());
        result = null;
        texts = Map.of();
        findingFiles = Map.of();
        names = Map.of();
        sourceFiles.clear();
        numbering = Map.of();
        possibleCauses.clear();
        logNotes.clear();
        showSource(null);
        judgedAgainst = null;
        source.clear();
        findings.clear();
        images.clear();
        selectFinding(null);
        localImagesUnknown.set(false);
        findingsPlaceholder.set(OPEN_TO_SEE);
        status.set(OPEN_HINT);
        Path pasted = pasteFolder;
        pasteFolder = null;
        if (pasted != null) {
            executor.runInBackground(() -> dev.buildxlens.core.scenario.ScenarioRunner.delete(pasted));
        }
    }

    /**
     * A new picture of the world: a Dockerfile, Compose or Bake file judged against an earlier one is diagnosed again
     * (a workflow or GitLab pipeline runs on a simulated runner, which the picture does not change; a file whose kind
     * is not known yet is tried again).
     */
    public void worldChanged(Snapshot now) {
        Path path = file.get();
        InputKind known = kind.get();
        // A log is checked against the machine too (its named builder, the daemon's store): a new picture may decide more.
        if (path != null && (known == null || BuildInputs.usesMachine(known) || known == InputKind.LOG) && now != judgedAgainst) {
            rerun();
        }
    }

    /** The build options as they are, to be put back with {@link #restore(BuildOptions)} (after a lesson set its own). */
    public BuildOptions buildOptions() {
        return new BuildOptions(builder.get(), buildArgs.get(), buildContexts.get(), target.get(), platforms.get(), outputs.get(),
                cacheTo.get(), load.get(), push.get(), pull.get(), imageStore.get());
    }

    public void restore(BuildOptions options) {
        builder.set(options.builder());
        buildArgs.set(options.buildArgs());
        buildContexts.set(options.buildContexts());
        target.set(options.target());
        platforms.set(options.platforms());
        outputs.set(options.outputs());
        cacheTo.set(options.cacheTo());
        load.set(options.load());
        push.set(options.push());
        pull.set(options.pull());
        imageStore.set(options.imageStore());
    }

    /** The Diagnose tab's build options, as typed. */
    public record BuildOptions(String builder, String buildArgs, String buildContexts, String target, String platforms,
                               String outputs, String cacheTo, boolean load, boolean push, boolean pull, ImageStoreKind imageStore) {
    }

    /** Diagnoses the open file again (after an edit on disk, new build options, or a new picture of the world). */
    public void rerun() {
        Path path = file.get();
        if (path == null) {
            return;
        }
        int mine = ++generation;
        status.set("Diagnosing " + path.getFileName() + "…");
        Snapshot snapshot = currentSnapshot.get();
        BuildSpec spec;
        try {
            spec = spec();
        } catch (BuildFlags.InvalidFlagException e) {
            status.set(e.getMessage());
            return;
        }
        FixChoices choices = new FixChoices(registry.get());
        ImageStoreKind store = imageStore.get();
        Map<String, String> environment = lessonFile ? Map.of() : System.getenv();
        judgedAgainst = snapshot;
        dev.buildxlens.core.pipeline.ImageDetails details = imageDetails;
        executor.execute(() -> run(path, spec, store, environment, snapshot, choices, details), run -> {
            if (mine == generation) {
                show(run);
                finishedRuns.set(finishedRuns.get() + 1);
            }
        }, error -> {
            if (mine == generation) {
                status.set("Could not diagnose " + path.getFileName() + ": " + Messages.firstLine(error));
                findingsPlaceholder.set("Not diagnosed: " + Messages.firstLine(error));
            }
            finishedRuns.set(finishedRuns.get() + 1);
        });
    }

    /**
     * The fixes for {@code finding} as the latest diagnosis has them: a re-run after an edit (or an applied patch) may
     * move the finding to another line or step, and it is still the same finding ({@link #latest}); empty once the
     * diagnosis no longer reports it.
     */
    public List<FixPlan> fixesFor(Finding finding) {
        return latest(finding).map(now -> result.fixesFor(now)).orElse(List.of());
    }

    /**
     * {@code finding} in the latest diagnosis: the one with the same key, else the one about the same thing (kind,
     * job, image, ARG, input, option value) that an edit moved to another line or step; empty when it is gone.
     */
    public java.util.Optional<Finding> latest(Finding finding) {
        if (finding == null || result == null) {
            return java.util.Optional.empty();
        }
        List<Finding> now = result.diagnosis().findings();
        return now.stream().filter(f -> f.key().equals(finding.key())).findFirst()
                .or(() -> now.stream().filter(f -> sameSubject(f, finding)).findFirst());
    }

    private static boolean sameSubject(Finding a, Finding b) {
        return a.kind() == b.kind() && java.util.Objects.equals(a.subject().job(), b.subject().job())
                && a.subject().image().equals(b.subject().image()) && a.subject().arg().equals(b.subject().arg())
                && a.subject().input().equals(b.subject().input()) && a.subject().detail().equals(b.subject().detail());
    }

    public void selectFinding(Finding finding) {
        selectedFinding.set(finding);
        Path in = finding == null ? null : findingFiles.get(finding.file());
        if (in != null && !in.equals(shownFile.get()) && texts.containsKey(in)) {
            showSource(in);
        }
        // Back to 0 first: the same line number in another file is another line, and the view must follow it.
        selectedLine.set(0);
        selectedLine.set(in != null && in.equals(shownFile.get()) ? finding.line() : 0);
        // What is not offered first: the view shows it when the fixes are empty, as they change.
        notOffered.setAll(finding == null || result == null ? List.of() : result.fixes().notOfferedFor(finding.key()));
        fixes.setAll(finding == null || result == null ? List.of() : result.fixesFor(finding));
    }

    /** Whether the source shows the file {@code finding} is in (or it is in no file that can be shown). */
    public boolean showsFileOf(Finding finding) {
        Path in = findingFiles.get(finding.file());
        return in == null || in.equals(shownFile.get());
    }

    /** Changes the watched files only when they differ: watching again for nothing could miss an edit in between. */
    private void watch(List<Path> files) {
        if (!files.equals(watchedFiles.get())) {
            watchedFiles.set(List.copyOf(files));
        }
    }

    /** The file a patch changes: its path is relative to the patches' root (the repository, or the Dockerfile's folder). */
    public Path patchTarget(Snippet patch) {
        return result == null ? Path.of(patch.title()) : result.fixes().patchRoot().resolve(patch.title());
    }

    /** Where the patches apply from, said for people. */
    public String howToApply() {
        return result == null ? "" : result.fixes().patchRoot().howToApply();
    }

    /**
     * Applies a patch to its file: the original is kept as {@code <file>.bak}, the new text is written to a temp file
     * and moved into place, so a crash never leaves half a file. Refuses when the file changed since the diagnosis.
     */
    public void applyPatch(Snippet patch, Consumer<String> done) {
        Path target = patchTarget(patch);
        // Reading, writing and flushing files are off the FX thread; the outcome comes back as one sentence. A file
        // that changed is diagnosed again at once: what the fixes still offer must not include what was just applied
        // (the file watcher's event may come later, or not at all for a file that is not watched).
        executor.execute(() -> applyPatchNow(patch, target), outcome -> {
            done.accept(outcome.message());
            if (outcome.applied()) {
                rerun();
            }
        }, error -> done.accept("Not applied: " + Messages.firstLine(error)));
    }

    /** What applying a patch did: whether the file changed, in one sentence. */
    private record Applied(boolean applied, String message) {
    }

    /** Saves a patch (or any snippet) to a file the user chose, atomically, off the FX thread. */
    public void save(Path target, String content, Consumer<String> done) {
        executor.execute(() -> {
            try {
                AtomicFiles.write(target, content);
                return "Saved " + target.getFileName();
            } catch (IOException e) {
                return "Could not save: " + Messages.firstLine(e);
            }
        }, done, error -> done.accept("Could not save: " + Messages.firstLine(error)));
    }

    private static Applied applyPatchNow(Snippet patch, Path target) {
        try {
            String original = Files.readString(target);
            String patched = UnifiedDiff.apply(original, patch.content());
            Path backup = AtomicFiles.writeWithBackup(target, patched);
            return new Applied(true, "Applied to " + target + " (the original is in " + backup.getFileName() + ")");
        } catch (UnifiedDiff.PatchException e) {
            return new Applied(false, "Not applied: " + e.getMessage());
        } catch (IOException e) {
            return new Applied(false, "Not applied: " + target + ": " + Messages.firstLine(e));
        }
    }

    /** The fixes of the selected finding as a Markdown handout. */
    public String fixesAsMarkdown() {
        return markdownFor(List.copyOf(fixes));
    }

    /** Some of the plans as a Markdown handout, with where their patches apply from. */
    public String markdownFor(List<FixPlan> plans) {
        return result == null ? "" : FixReport.markdown(plans, result.fixes(), "");
    }

    /**
     * Shows the lines of {@code path}, one of the files the last diagnosis read ({@link #sourceFilesProperty()}), with
     * the lines of the findings in it marked; null shows nothing.
     */
    public void showSource(Path path) {
        List<String> lines = path == null ? null : texts.get(path);
        if (lines == null) {
            shownFile.set(null);
            source.clear();
            sourceTitle.set("Source");
            return;
        }
        Map<Integer, Severity> severity = new java.util.HashMap<>();
        Map<Integer, String> markers = new java.util.HashMap<>();
        if (result != null) {
            for (Finding finding : result.diagnosis().findings()) {
                if (path.equals(findingFiles.get(finding.file()))) {
                    severity.merge(finding.line(), finding.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    markers.merge(finding.line(), finding.id(), (a, b) -> a + ", " + b);
                }
                // A log's finding rests on several lines (the builder's, the failure's): each is marked as its evidence.
                for (dev.buildxlens.core.diagnose.Evidence evidence : finding.evidence()) {
                    if (path.equals(findingFiles.get(evidence.file())) && evidence.line() != finding.line()) {
                        severity.merge(evidence.line(), finding.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                        markers.merge(evidence.line(), "evidence: " + finding.id(), (a, b) -> a + ", " + b);
                    }
                }
            }
            result.logDiagnosis().ifPresent(log -> log.possible().forEach(cause -> cause.evidence().forEach(evidence -> {
                severity.merge(evidence.line(), Severity.INFO, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                markers.merge(evidence.line(), "possibly " + cause.id(), (a, b) -> a + ", " + b);
            })));
        }
        List<Integer> numbers = numbering.get(path);
        List<SourceLine> shown = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = numbers == null ? i + 1 : numbers.get(i);
            shown.add(new SourceLine(number, lines.get(i), severity.get(number), markers.getOrDefault(number, "")));
        }
        shownFile.set(path);
        source.setAll(shown);
        sourceTitle.set("Source: " + displayName(path));
        Finding selected = selectedFinding.get();
        if (selected != null && !path.equals(findingFiles.get(selected.file()))) {
            selectedLine.set(0);
        }
    }

    /** "id: reason (needs fact: how to find it out; …)", one line per possible cause of a log. */
    private static List<String> possible(dev.buildxlens.core.log.LogDiagnosis log) {
        return log.possible().stream().map(cause -> dev.buildxlens.core.model.Secrets.maskValues(cause.id() + ": " + cause.reason()
                + (cause.missing().isEmpty() ? "" : " (needs " + String.join("; ", cause.missing().stream()
                        .map(fact -> fact + ": " + dev.buildxlens.core.log.PossibleCause.describe(fact)).toList()) + ")"))).toList();
    }

    /** A file the last diagnosis read, named from the opened file's folder (or its repository), as short as it can be said. */
    public String displayName(Path path) {
        return names.getOrDefault(path, String.valueOf(path));
    }

    /** Names of files for people, from the first of {@code roots} they are in (found off the FX thread: it asks the disk). */
    private static Map<Path, String> names(java.util.Collection<Path> files, List<Path> roots) {
        Map<Path, String> names = new java.util.HashMap<>();
        for (Path path : files) {
            names.put(path, roots.stream().filter(path::startsWith).findFirst()
                    .map(root -> root.relativize(path).toString().replace('\\', '/')).orElse(path.toString()));
        }
        return names;
    }

    // ---- the work, off the FX thread ----

    /** The build options as typed, read on the FX thread (the properties live there); the file's kind decides which apply. */
    private BuildSpec spec() throws BuildFlags.InvalidFlagException {
        BuildSpec.Builder spec = BuildSpec.newBuilder().builder(builder.get())
                .target(target.get()).load(load.get()).push(push.get()).pull(pull.get());
        for (String pair : words(buildArgs.get())) {
            BuildFlags.apply(spec, "--build-arg", pair, Map.of());
        }
        for (String pair : words(buildContexts.get())) {
            BuildFlags.apply(spec, "--build-context", pair, Map.of());
        }
        BuildFlags.apply(spec, "--platform", platforms.get(), Map.of());
        words(outputs.get()).forEach(spec::output);
        words(cacheTo.get()).forEach(spec::cacheTo);
        return spec.build();
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    /**
     * One run's outcome: the file's kind (null when it could not be told), the pipeline's result or what went wrong,
     * the text of every file read (the opened one first), and where each finding's file is.
     */
    private record Run(Path file, InputKind kind, Map<Path, List<String>> texts, Map<String, Path> findingFiles,
                       Map<Path, String> names, PipelineResult result, String error, Map<Path, List<Integer>> numbering) {

        Run(Path file, InputKind kind, Map<Path, List<String>> texts, Map<String, Path> findingFiles,
            Map<Path, String> names, PipelineResult result, String error) {
            this(file, kind, texts, findingFiles, names, result, error, Map.of());
        }
    }

    private static Run run(Path path, BuildSpec spec, ImageStoreKind store, Map<String, String> environment, Snapshot snapshot,
                           FixChoices choices, dev.buildxlens.core.pipeline.ImageDetails details) {
        Path opened = path.toAbsolutePath().normalize();
        InputKind kind = null;
        try {
            kind = BuildInputs.kindOf(path);
            BuildInput input = BuildInputs.create(BuildInputs.Request.of(kind, List.of(path)).withSpec(spec)
                    .withImageStore(store).withEnvironment(environment));
            if (BuildInputs.usesMachine(kind) && snapshot == null) {
                throw new IllegalStateException("no picture of this machine yet: wait for the first refresh");
            }
            PipelineResult result = DiagnosisPipeline.run(input, () -> snapshot, choices, details);
            Map<Path, List<String>> texts = new LinkedHashMap<>();
            Map<Path, List<Integer>> numbering = new java.util.HashMap<>();
            if (result.logDiagnosis().isPresent() && result.sourceText().isEmpty()) {
                // Too large to show whole: the lines that are evidence, with their numbers in the log.
                java.util.TreeMap<Integer, String> evidence = new java.util.TreeMap<>();
                evidenceOf(result).forEach(e -> evidence.put(e.line(), e.text()));
                texts.put(opened, List.copyOf(evidence.values()));
                numbering.put(opened, List.copyOf(evidence.keySet()));
            } else if (result.logDiagnosis().isPresent()) {
                // A log carries tokens: what is shown of it is redacted, line by line, as its evidence is.
                texts.put(opened, lines(result.sourceText()).stream().map(dev.buildxlens.core.log.LogRedaction::shown).toList());
            } else {
                texts.put(opened, lines(result.sourceText()));
            }
            for (Path read : result.filesRead()) {
                if (!texts.containsKey(read)) {
                    try {
                        texts.put(read, lines(Files.readString(read)));
                    } catch (IOException | java.io.UncheckedIOException ignored) {
                        // Read once by the pipeline, gone or unreadable now: the next run says so.
                    }
                }
            }
            Map<String, Path> located = new java.util.HashMap<>();
            for (Finding finding : result.diagnosis().findings()) {
                if (!located.containsKey(finding.file())) {
                    Path at = locate(finding.file(), path, texts.keySet());
                    if (at != null) {
                        located.put(finding.file(), at);
                    }
                }
            }
            return new Run(path, kind, texts, located, names(texts.keySet(), roots(opened)), result, "", numbering);
        } catch (Exception e) {
            List<String> lines = List.of();
            try {
                lines = Files.readAllLines(path);
            } catch (Exception ignored) {
                // The message below says what went wrong.
            }
            return new Run(path, kind, Map.of(opened, lines), Map.of(), names(List.of(opened), roots(opened)), null,
                    Messages.firstLine(e));
        }
    }

    /** The evidence lines of a log's findings and possible causes (redacted by the log reader). */
    private static List<dev.buildxlens.core.diagnose.Evidence> evidenceOf(PipelineResult result) {
        List<dev.buildxlens.core.diagnose.Evidence> all = new ArrayList<>();
        result.diagnosis().findings().forEach(f -> all.addAll(f.evidence()));
        result.logDiagnosis().ifPresent(log -> log.possible().forEach(p -> all.addAll(p.evidence())));
        return all;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\r?\n", -1));
    }

    /**
     * The file a finding names, among the files the run read: findings name files as the user gave them (the opened
     * file), from the project's folder (compose, bake) or from the repository (workflow, GitLab); null when none is
     * (an inline Dockerfile).
     */
    static Path locate(String name, Path opened, java.util.Collection<Path> read) {
        Path given;
        try {
            given = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        Path openedAbsolute = opened.toAbsolutePath().normalize();
        if (given.equals(opened) || given.toAbsolutePath().normalize().equals(openedAbsolute)) {
            return openedAbsolute;
        }
        if (given.isAbsolute()) {
            return read.contains(given.normalize()) ? given.normalize() : null;
        }
        for (Path root : roots(openedAbsolute)) {
            Path candidate = root.resolve(given).normalize();
            if (read.contains(candidate)) {
                return candidate;
            }
        }
        return read.stream().filter(p -> p.endsWith(given.normalize())).findFirst().orElse(null);
    }

    /** The folders file names are given from: the opened file's, its repository's, and the working directory. */
    private static List<Path> roots(Path openedAbsolute) {
        List<Path> roots = new ArrayList<>();
        if (openedAbsolute.getParent() != null) {
            roots.add(openedAbsolute.getParent());
        }
        Path repo = Repositories.rootOf(openedAbsolute).toAbsolutePath().normalize();
        if (!roots.contains(repo)) {
            roots.add(repo);
        }
        Path here = Path.of("").toAbsolutePath().normalize();
        if (!roots.contains(here)) {
            roots.add(here);
        }
        return roots;
    }

    private void show(Run run) {
        Finding selectedBefore = selectedFinding.get();
        Path opened = run.file().toAbsolutePath().normalize();
        kind.set(run.kind());
        watch(run.result() == null ? List.of(run.file()) : run.result().filesRead());
        result = run.result();
        texts = run.texts();
        findingFiles = run.findingFiles();
        names = run.names();
        numbering = run.numbering();
        sourceFiles.setAll(texts.keySet());
        possibleCauses.setAll(run.result() == null ? List.of() : run.result().logDiagnosis().map(DiagnoseViewModel::possible).orElse(List.of()));
        logNotes.setAll(run.result() == null ? List.of() : run.result().logDiagnosis()
                .map(log -> log.notes().stream().map(dev.buildxlens.core.model.Secrets::maskValues).toList()).orElse(List.of()));
        selectFinding(null);
        // The opened file first; a selected finding in another file shows that one.
        showSource(opened);
        if (run.result() == null) {
            findings.clear();
            images.clear();
            localImagesUnknown.set(false);
            findingsPlaceholder.set("Not diagnosed: " + run.error());
            status.set(run.error());
            return;
        }
        boolean unknown = run.result().daemonUnreachable();
        // Set before the rows: cells read it while they render.
        localImagesUnknown.set(unknown);
        findingsPlaceholder.set(run.result().logDiagnosis().isPresent()
                ? (possibleCauses.isEmpty() ? "No findings: nothing in this log shows a failure Buildx Lens knows."
                   : "No finding this log establishes by itself: the possible causes below need a fact the log does not show.")
                : unknown
                ? "Unknown: the Docker daemon does not answer, so which images are local, and what the builder can use, "
                  + "cannot be told. Refresh when it is back (or try a lesson from the Scenarios menu)."
                : "No findings (images on docker.io and other registries that are not queried are assumed to be there).");
        List<Finding> all = run.result().diagnosis().findings();
        findings.setAll(all);
        // The finding the user was looking at stays selected after a re-run, also when an edit moved it; else the
        // first, which is what the user came for.
        selectFinding(latest(selectedBefore).orElse(all.isEmpty() ? null : all.get(0)));
        images.setAll(run.result().diagnosis().builds().stream().map(BuildCheck::images).flatMap(List::stream).toList());
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        run.result().diagnosis().findings().forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        long errors = counts.getOrDefault(Severity.ERROR, 0L);
        String builderNames = String.join("; ", run.result().diagnosis().builds().stream()
                .map(b -> b.builder().inWords()).distinct().toList());
        String summary = run.file().getFileName() + ": " + (errors == 0 ? "no errors" : errors + (errors == 1 ? " error" : " errors"))
                + (builderNames.isEmpty() ? "" : " · on " + builderNames)
                + (run.kind() == InputKind.DOCKERFILE ? "" : " · read as " + run.kind().description())
                + (possibleCauses.isEmpty() ? "" : " · " + possibleCauses.size() + (possibleCauses.size() == 1 ? " possible cause" : " possible causes"));
        if (run.result().daemonUnreachable()) {
            summary = run.file().getFileName() + ": the Docker daemon is unreachable, so which images are local is unknown; "
                    + "findings about local images cannot be trusted until it answers";
        }
        status.set(summary);
    }
}
