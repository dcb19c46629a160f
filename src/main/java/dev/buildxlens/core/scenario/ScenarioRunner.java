package dev.buildxlens.core.scenario;

import dev.buildxlens.core.files.PatchRoot;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.pipeline.BuildInput;
import dev.buildxlens.core.pipeline.DiagnosisPipeline;
import dev.buildxlens.core.pipeline.DockerfileBuild;
import dev.buildxlens.core.pipeline.FixChoices;
import dev.buildxlens.core.pipeline.InputException;
import dev.buildxlens.core.pipeline.PipelineResult;
import dev.buildxlens.core.pipeline.BakeBuildInput;
import dev.buildxlens.core.pipeline.ComposeBuildInput;
import dev.buildxlens.core.pipeline.GitlabCiBuild;
import dev.buildxlens.core.pipeline.WorkflowBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A lesson's own build through the same pipeline as a live one: a Dockerfile is diagnosed against the lesson's
 * world; a workflow's repository is laid out in a temporary folder for the run and removed after it.
 */
public final class ScenarioRunner {

    public static final String WORKFLOW_PATH = ".github/workflows/ci.yml";

    private ScenarioRunner() {
    }

    /** The Dockerfile build of a lesson, with the lesson's build options; empty for a workflow lesson. */
    public static DockerfileBuild dockerfileInput(Scenario scenario) {
        return new DockerfileBuild(scenario.build().spec(), scenario.build().dockerfile());
    }

    public static PipelineResult run(Scenario scenario, FixChoices choices) throws ScenarioException {
        Scenario.Build build = scenario.build();
        if (!build.isDockerfile() && !build.isProject()) {
            throw new ScenarioException("scenario " + scenario.name() + " has no build of its own: give --dockerfile PATH to diagnose against it");
        }
        if (build.isDockerfile()) {
            return run(scenario, dockerfileInput(scenario), choices);
        }
        Path dir = null;
        try {
            dir = ScenarioFiles.newFolder();
            Path file = ScenarioFiles.materialize(scenario, dir);
            PipelineResult result = run(scenario, projectInput(scenario, file), choices);
            // The folder goes away with this run: patches are named for the lesson's repository instead.
            FixPlans fixes = new FixPlans(result.fixes().plans(), new PatchRoot(Path.of(scenario.name()), true), result.fixes().notOffered());
            return new PipelineResult(result.input(), result.sourceText(), result.diagnosis(), fixes, result.world(), result.filesRead());
        } catch (IOException e) {
            throw new ScenarioException("scenario " + scenario.name() + ": cannot lay out its files: " + e.getMessage());
        } finally {
            delete(dir);
        }
    }

    /** The pipeline input for a lesson's project file, laid out at {@code file} in its repository. */
    public static BuildInput projectInput(Scenario scenario, Path file) {
        Scenario.Build build = scenario.build();
        if (build.isWorkflow()) {
            return new WorkflowBuild(file, file.getParent().getParent().getParent(), "", scenario.snapshot().daemon().imageStore());
        }
        Path repo = file.getParent();
        if (build.isCompose()) {
            return new ComposeBuildInput(List.of(file), repo, List.of(), "", Map.of());
        }
        if (build.isBake()) {
            return new BakeBuildInput(repo, List.of(file.getFileName().toString()), List.of(), List.of(), "", Map.of());
        }
        return new GitlabCiBuild(file, repo, "");
    }

    private static PipelineResult run(Scenario scenario, BuildInput input, FixChoices choices) throws ScenarioException {
        try {
            return DiagnosisPipeline.run(input, scenario::snapshot, choices);
        } catch (InputException e) {
            throw new ScenarioException("scenario " + scenario.name() + ": " + e.getMessage());
        }
    }

    /** Removes a folder the app or a run laid a lesson out in. */
    public static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp folder is harmless.
        }
    }
}
