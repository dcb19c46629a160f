package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.BuildSite;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.UnknownBuilderException;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.files.PatchRoot;
import dev.buildxlens.core.files.Repositories;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.fix.LocalFixContext;
import dev.buildxlens.core.fix.LocalFixPlanner;
import dev.buildxlens.core.fix.WorkflowFixPlanner;
import dev.buildxlens.core.model.RegistryHosts;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.WorkflowParser;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import dev.buildxlens.core.workflow.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one way from build inputs to findings to fix plans, used by the command line, the app and the lessons alike:
 * read and analyse the file, judge every build against its world (the machine's snapshot for a Dockerfile, a
 * simulated runner for a workflow), and plan the fixes for what will fail. A pure function of its inputs and the
 * files it reads.
 */
public final class DiagnosisPipeline {

    private DiagnosisPipeline() {
    }

    /**
     * Runs the pipeline. {@code machine} is asked for the world only for a Dockerfile build (a workflow runs on a
     * simulated runner): the live probe, or a lesson's snapshot.
     */
    public static PipelineResult run(BuildInput input, Supplier<Snapshot> machine, FixChoices choices) throws InputException {
        try {
            if (input instanceof DockerfileBuild dockerfile) {
                return dockerfile(dockerfile, machine.get(), choices);
            }
            return workflow((WorkflowBuild) input, choices);
        } catch (DockerfileException | WorkflowException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    private static PipelineResult dockerfile(DockerfileBuild input, Snapshot snapshot, FixChoices choices)
            throws DockerfileException, InputException {
        String display = input.spec().dockerfile();
        String text = input.inMemory() ? input.text() : DockerfileFiles.readText(input.path(), display);
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(text, display), input.spec().dockerfileInputs());
        BuildDiagnoser.Result result;
        try {
            result = BuildDiagnoser.diagnose(snapshot, new BuildRequest(analysis, input.spec(), BuildSite.local(display)));
        } catch (UnknownBuilderException e) {
            throw new InputException("--builder: " + e.getMessage(), e);
        }
        List<String> assumptions = new ArrayList<>();
        if (snapshot.origin().startsWith("scenario")) {
            assumptions.add("the world is " + snapshot.origin() + ", not this machine");
        }
        assumptions.add("images from non-loopback registries (e.g. docker.io) are assumed to exist there: they are not queried");
        Diagnosis diagnosis = new Diagnosis(List.of(result.check()), result.findings(), assumptions);
        String validation = RegistryHosts.validate(choices.registryHost());
        if (!validation.isEmpty()) {
            throw new InputException("--registry '" + choices.registryHost() + "' " + validation);
        }
        PatchRoot root;
        String patchPath;
        if (input.inMemory()) {
            root = new PatchRoot(Path.of("."), false);
            patchPath = display;
        } else {
            root = Repositories.patchRootFor(List.of(input.path()));
            patchPath = root.relative(input.path());
        }
        FixPlans plans;
        try {
            plans = LocalFixPlanner.plan(diagnosis, new LocalFixContext(snapshot, analysis, text, input.spec(), choices.registryHost(),
                    root, patchPath));
        } catch (UnknownBuilderException e) {
            throw new InputException("--builder: " + e.getMessage(), e);
        }
        return new PipelineResult(input, text, diagnosis, plans, snapshot,
                input.inMemory() ? List.of() : List.of(input.path().toAbsolutePath().normalize()));
    }

    private static PipelineResult workflow(WorkflowBuild input, FixChoices choices) throws WorkflowException, DockerfileException, InputException {
        Path file = input.file().toAbsolutePath().normalize();
        Path repo = (input.repoRoot() != null ? input.repoRoot() : Repositories.rootOf(file)).toAbsolutePath().normalize();
        if (!Files.isDirectory(repo)) {
            throw new InputException("--repo " + repo + ": not a directory");
        }
        if (!RegistryHosts.isLoopback(choices.registryHost()) || !RegistryHosts.validate(choices.registryHost()).isEmpty()) {
            throw new InputException("--registry '" + choices.registryHost() + "': a workflow's registry service is on the runner's "
                    + "localhost; give localhost:PORT");
        }
        String relative = file.startsWith(repo) ? repo.relativize(file).toString().replace('\\', '/') : input.file().toString();
        // Findings and errors name the file as the user gave it; patches name it from the repository root.
        String display = input.file().toString();
        String text = YamlDocument.readText(input.file(), display);
        Workflow workflow = WorkflowParser.parse(text, display);
        WorkflowSimulator.Result result = WorkflowSimulator.simulate(workflow,
                new WorkflowSimulator.Options(repo, input.job(), input.imageStore(), input.event()));
        FixPlans plans = WorkflowFixPlanner.plan(result, new WorkflowFixPlanner.Context(workflow, text, relative, repo,
                choices.registryPort(), new PatchRoot(repo, Repositories.gitRoot(file).filter(repo::equals).isPresent())));
        List<Path> read = new ArrayList<>();
        read.add(file);
        read.addAll(result.filesRead());
        return new PipelineResult(input, text, result.diagnosis(), plans, null, read);
    }
}
