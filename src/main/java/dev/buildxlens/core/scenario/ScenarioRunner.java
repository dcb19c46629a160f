package dev.buildxlens.core.scenario;

import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.UnknownBuilderException;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.LocalBuild;
import dev.buildxlens.core.fix.LocalFixContext;
import dev.buildxlens.core.fix.LocalFixPlanner;
import dev.buildxlens.core.fix.WorkflowFixPlanner;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.WorkflowParser;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Diagnoses a scenario's build with the same engine as a live one, and plans its fixes. A workflow's repository files
 * are written to a temporary folder for the run and removed after it.
 */
public final class ScenarioRunner {

    public static final String WORKFLOW_PATH = ".github/workflows/ci.yml";

    private ScenarioRunner() {
    }

    public record Result(Diagnosis diagnosis, List<FixPlan> fixes) {
    }

    public static Result run(Scenario scenario, String registry) throws ScenarioException {
        Scenario.Build build = scenario.build();
        if (!build.isDockerfile() && !build.isWorkflow()) {
            throw new ScenarioException("scenario " + scenario.name() + " has no build of its own: give --dockerfile PATH to diagnose against it");
        }
        try {
            if (build.isDockerfile()) {
                DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(build.dockerfile(), "Dockerfile"),
                        new DockerfileInputs(build.buildArgs(), build.contexts(), build.target(), build.platforms()));
                BuildDiagnoser.Result result = BuildDiagnoser.diagnose(scenario.snapshot(), new BuildRequest(analysis, build.builder(),
                        build.platforms(), build.load(), build.push(), build.outputs(), build.cacheTo(), build.pull(), "Dockerfile", 1, null, null));
                Diagnosis diagnosis = new Diagnosis(List.of(result.check()), result.findings(), List.of("the world is scenario "
                        + scenario.name() + ", not this machine"));
                LocalBuild local = new LocalBuild("Dockerfile", ".", build.buildArgs(), build.contexts(), build.target(), build.platforms(),
                        build.load(), build.push(), build.pull(), build.outputs(), build.cacheTo(), build.builder());
                List<FixPlan> fixes = LocalFixPlanner.plan(diagnosis, new LocalFixContext(scenario.snapshot(), analysis, build.dockerfile(),
                        local, registry));
                return new Result(diagnosis, fixes);
            }
            return workflow(scenario, registry);
        } catch (DockerfileException | WorkflowException | UnknownBuilderException e) {
            throw new ScenarioException("scenario " + scenario.name() + ": " + e.getMessage());
        }
    }

    private static Result workflow(Scenario scenario, String registry) throws WorkflowException, DockerfileException, ScenarioException {
        Path repo = null;
        try {
            repo = Files.createTempDirectory("buildx-lens-scenario");
            for (Map.Entry<String, String> file : scenario.build().files().entrySet()) {
                Path target = repo.resolve(file.getKey()).normalize();
                if (!target.startsWith(repo)) {
                    throw new ScenarioException("scenario " + scenario.name() + ": file '" + file.getKey() + "' leaves the repository");
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            Workflow workflow = WorkflowParser.parse(scenario.build().workflow(), WORKFLOW_PATH);
            WorkflowSimulator.Result result = WorkflowSimulator.simulateWithProvenance(workflow,
                    new WorkflowSimulator.Options(repo, "", scenario.snapshot().daemon().imageStore()));
            int port = registry.contains(":") ? Integer.parseInt(registry.substring(registry.lastIndexOf(':') + 1)) : 5000;
            List<FixPlan> fixes = WorkflowFixPlanner.plan(result, new WorkflowFixPlanner.Context(workflow, scenario.build().workflow(),
                    WORKFLOW_PATH, repo, port));
            return new Result(result.diagnosis(), fixes);
        } catch (IOException e) {
            throw new ScenarioException("scenario " + scenario.name() + ": cannot lay out its files: " + e.getMessage());
        } finally {
            delete(repo);
        }
    }

    private static void delete(Path dir) {
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
