package dev.buildxlens.ui.diagnose;

import dev.buildxlens.core.diagnose.BuildCheck;
import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.diagnose.ImageCheck;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.LocalBuild;
import dev.buildxlens.core.fix.LocalFixContext;
import dev.buildxlens.core.fix.LocalFixPlanner;
import dev.buildxlens.core.fix.WorkflowFixPlanner;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Messages;
import dev.buildxlens.core.report.FixReport;
import dev.buildxlens.core.workflow.Repositories;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowParser;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import dev.buildxlens.ui.task.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;

/**
 * The Diagnose tab: a Dockerfile (diagnosed against the current live snapshot) or a workflow (on a simulated runner),
 * its source with the findings' lines marked, the findings, the images, and the fixes for the selected finding.
 * File reads and analysis run on the executor.
 */
public final class DiagnoseViewModel {

    /** Everything one run produced, handed back to the FX thread at once. */
    private record Run(Path file, List<String> lines, Diagnosis diagnosis, Map<Finding, List<FixPlan>> fixes, String error) {
    }

    private final Supplier<Snapshot> currentSnapshot;
    private final TaskExecutor executor;

    private final StringProperty builder = new SimpleStringProperty(this, "builder", "");
    private final StringProperty buildArgs = new SimpleStringProperty(this, "buildArgs", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty platforms = new SimpleStringProperty(this, "platforms", "");
    private final StringProperty registry = new SimpleStringProperty(this, "registry", "localhost:5000");
    private volatile Path repoRoot;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Open a Dockerfile or a workflow (or drop it here).");
    private final ReadOnlyListWrapper<SourceLine> source = new ReadOnlyListWrapper<>(this, "source", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<Finding> findings = new ReadOnlyListWrapper<>(this, "findings", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<ImageCheck> images = new ReadOnlyListWrapper<>(this, "images", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<FixPlan> fixes = new ReadOnlyListWrapper<>(this, "fixes", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<String> recent = new ReadOnlyListWrapper<>(this, "recent", FXCollections.observableArrayList());
    private final ReadOnlyListWrapper<String> builderNames = new ReadOnlyListWrapper<>(this, "builderNames", FXCollections.observableArrayList());
    private Map<Finding, List<FixPlan>> fixesByFinding = Map.of();

    public DiagnoseViewModel(Supplier<Snapshot> currentSnapshot, TaskExecutor executor) {
        this.currentSnapshot = currentSnapshot;
        this.executor = executor;
    }

    // ---- Properties ----

    /** The builder to diagnose with (empty: the current builder). */
    public StringProperty builderProperty() {
        return builder;
    }

    /** Build args, {@code NAME=value} separated by spaces or new lines. */
    public StringProperty buildArgsProperty() {
        return buildArgs;
    }

    public StringProperty targetProperty() {
        return target;
    }

    /** Platforms, comma separated. */
    public StringProperty platformsProperty() {
        return platforms;
    }

    /** The registry the bridge fixes push to (HOST:PORT; a workflow's service is on localhost). */
    public StringProperty registryProperty() {
        return registry;
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
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

    /** The builders of the live machine, for the picker ("" = the current one). */
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

    public void open(Path path) {
        file.set(path);
        recent.remove(path.toString());
        recent.add(0, path.toString());
        if (recent.size() > 8) {
            recent.remove(8, recent.size());
        }
        rerun();
    }

    /** Diagnoses the open file again (after an edit on disk, or new build options). */
    public void rerun() {
        Path path = file.get();
        if (path == null) {
            return;
        }
        status.set("Diagnosing " + path.getFileName() + "…");
        Snapshot snapshot = currentSnapshot.get();
        String args = buildArgs.get();
        String targetStage = target.get();
        String platformList = platforms.get();
        String builderName = builder.get();
        String registryHost = registry.get().isBlank() ? "localhost:5000" : registry.get().trim();
        executor.execute(() -> run(path, snapshot, args, targetStage, platformList, builderName, registryHost), this::show,
                error -> status.set("Could not diagnose " + path.getFileName() + ": " + Messages.firstLine(error)));
    }

    public void selectFinding(Finding finding) {
        fixes.setAll(finding == null ? List.of() : fixesByFinding.getOrDefault(finding, List.of()));
    }

    /** Where a patch snippet applies: a workflow's patches are relative to its repository, a Dockerfile's name it. */
    public Path patchTarget(dev.buildxlens.core.fix.Snippet patch) {
        Path title = Path.of(patch.title());
        String name = file.get() == null ? "" : file.get().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean workflow = name.endsWith(".yml") || name.endsWith(".yaml");
        return workflow && repoRoot != null && !title.isAbsolute() ? repoRoot.resolve(title) : title;
    }

    /**
     * Applies a patch to its file: the original is kept as {@code <file>.bak}, the new text is written to a temp file
     * and moved into place, so a crash never leaves half a file. Refuses when the file changed since the diagnosis.
     */
    public void applyPatch(dev.buildxlens.core.fix.Snippet patch, java.util.function.Consumer<String> done) {
        Path target = patchTarget(patch);
        // Reading, writing and flushing files are off the FX thread; the outcome comes back as one sentence.
        executor.execute(() -> applyPatchNow(patch, target), done, error -> done.accept("Not applied: " + Messages.firstLine(error)));
    }

    /** Saves a patch (or any snippet) to a file the user chose, atomically, off the FX thread. */
    public void save(Path target, String content, java.util.function.Consumer<String> done) {
        executor.execute(() -> {
            try {
                dev.buildxlens.core.files.AtomicFiles.write(target, content);
                return "Saved " + target.getFileName();
            } catch (java.io.IOException e) {
                return "Could not save: " + Messages.firstLine(e);
            }
        }, done, error -> done.accept("Could not save: " + Messages.firstLine(error)));
    }

    private String applyPatchNow(dev.buildxlens.core.fix.Snippet patch, Path target) {
        try {
            String original = Files.readString(target);
            String patched = dev.buildxlens.core.fix.UnifiedDiff.apply(original, patch.content());
            Path backup = dev.buildxlens.core.files.AtomicFiles.writeWithBackup(target, patched);
            return "Applied to " + target + " (the original is in " + backup.getFileName() + ")";
        } catch (dev.buildxlens.core.fix.UnifiedDiff.PatchException e) {
            return "Not applied: " + e.getMessage();
        } catch (java.io.IOException e) {
            return "Not applied: " + target + ": " + Messages.firstLine(e);
        }
    }

    /** All fixes of the selected finding as a Markdown handout. */
    public String fixesAsMarkdown() {
        return FixReport.markdown(fixes, "");
    }

    // ---- the work, off the FX thread ----

    private Run run(Path path, Snapshot snapshot, String args, String targetStage, String platformList, String builderName,
                    String registryHost) {
        try {
            String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            boolean workflow = name.endsWith(".yml") || name.endsWith(".yaml");
            return workflow ? workflow(path, registryHost) : dockerfile(path, snapshot, args, targetStage, platformList, builderName, registryHost);
        } catch (Exception e) {
            List<String> lines = List.of();
            try {
                lines = Files.readAllLines(path);
            } catch (Exception ignored) {
                // The message below says what went wrong.
            }
            return new Run(path, lines, null, Map.of(), Messages.firstLine(e));
        }
    }

    private static Run dockerfile(Path path, Snapshot snapshot, String args, String targetStage, String platformList, String builderName,
                                  String registryHost) throws Exception {
        if (snapshot == null) {
            throw new IllegalStateException("no picture of this machine yet: wait for the first refresh");
        }
        String display = path.toString();
        String text = DockerfileFiles.readText(path, display);
        Map<String, String> buildArgs = new LinkedHashMap<>();
        for (String pair : args.trim().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                buildArgs.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        List<String> platforms = Arrays.stream(platformList.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(text, display),
                new DockerfileInputs(buildArgs, List.of(), targetStage, platforms));
        BuildDiagnoser.Result result = BuildDiagnoser.diagnose(snapshot, new BuildRequest(analysis, builderName, platforms, false,
                false, List.of(), List.of(), false, display, 1, null, null));
        Diagnosis diagnosis = new Diagnosis(List.of(result.check()), result.findings(), List.of());
        String contextDir = path.getParent() == null ? "." : path.getParent().toString();
        LocalBuild build = new LocalBuild(display, contextDir, buildArgs, List.of(), targetStage, platforms, false, false, false,
                List.of(), List.of(), builderName);
        List<FixPlan> plans = LocalFixPlanner.plan(diagnosis, new LocalFixContext(snapshot, analysis, text, build, registryHost));
        Map<Finding, List<FixPlan>> byFinding = new LinkedHashMap<>();
        for (Finding finding : diagnosis.findings()) {
            byFinding.put(finding, plans.stream().filter(p -> p.solves().contains(finding.id())).toList());
        }
        return new Run(path, List.of(text.split("\r?\n", -1)), diagnosis, byFinding, "");
    }

    private Run workflow(Path path, String registryHost) throws Exception {
        String text = Files.readString(path);
        Path repo = Repositories.rootOf(path);
        repoRoot = repo;
        int port = registryHost.contains(":") ? Integer.parseInt(registryHost.substring(registryHost.lastIndexOf(':') + 1)) : 5000;
        String relative = repo.toAbsolutePath().normalize().relativize(path.toAbsolutePath().normalize()).toString();
        Workflow parsed = WorkflowParser.parse(text, relative);
        WorkflowSimulator.Result result = WorkflowSimulator.simulateWithProvenance(parsed,
                new WorkflowSimulator.Options(repo, "", ImageStoreKind.CLASSIC));
        List<FixPlan> plans = WorkflowFixPlanner.plan(result, new WorkflowFixPlanner.Context(parsed, text, relative, repo, port));
        Map<Finding, List<FixPlan>> byFinding = new LinkedHashMap<>();
        for (Finding finding : result.diagnosis().findings()) {
            byFinding.put(finding, plans.stream().filter(p -> p.solves().contains(finding.id())
                    && p.steps().get(0).title().contains("job " + finding.job() + ", step " + finding.step())).toList());
        }
        return new Run(path, List.of(text.split("\r?\n", -1)), result.diagnosis(), byFinding, "");
    }

    private void show(Run run) {
        List<SourceLine> lines = new ArrayList<>();
        Map<Integer, String> severity = new LinkedHashMap<>();
        Map<Integer, String> markers = new LinkedHashMap<>();
        if (run.diagnosis() != null) {
            for (Finding finding : run.diagnosis().findings()) {
                int line = finding.line();
                String current = severity.get(line);
                if (current == null || rank(finding.severity().label()) > rank(current)) {
                    severity.put(line, finding.severity().label());
                }
                markers.merge(line, finding.id(), (a, b) -> a + ", " + b);
            }
        }
        for (int i = 0; i < run.lines().size(); i++) {
            lines.add(new SourceLine(i + 1, run.lines().get(i), severity.getOrDefault(i + 1, ""), markers.getOrDefault(i + 1, "")));
        }
        source.setAll(lines);
        fixesByFinding = run.fixes();
        fixes.clear();
        if (run.diagnosis() == null) {
            findings.clear();
            images.clear();
            status.set(run.error());
            return;
        }
        findings.setAll(run.diagnosis().findings());
        images.setAll(run.diagnosis().builds().stream().map(BuildCheck::images).flatMap(List::stream).toList());
        long errors = run.diagnosis().findings().stream().filter(f -> f.severity().label().equals("error")).count();
        String builderNames = String.join(", ", run.diagnosis().builds().stream().map(b -> b.builder().name() + " (" + b.builder().driver() + ")")
                .distinct().toList());
        status.set(run.file().getFileName() + ": " + (errors == 0 ? "no errors" : errors + (errors == 1 ? " error" : " errors"))
                + (builderNames.isEmpty() ? "" : " · builder " + builderNames));
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "error" -> 3;
            case "warning" -> 2;
            default -> 1;
        };
    }
}
