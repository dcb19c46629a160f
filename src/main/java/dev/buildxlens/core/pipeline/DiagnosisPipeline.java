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
import dev.buildxlens.core.bake.BakeBuild;
import dev.buildxlens.core.bake.BakeDefinition;
import dev.buildxlens.core.bake.BakeException;
import dev.buildxlens.core.bake.BakeOptions;
import dev.buildxlens.core.bake.BakeReader;
import dev.buildxlens.core.bake.BakeResolution;
import dev.buildxlens.core.bake.BakeTarget;
import dev.buildxlens.core.bake.ComposeBakeTranslator;
import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.compose.BuildSection;
import dev.buildxlens.core.compose.ComposeException;
import dev.buildxlens.core.compose.ComposeProject;
import dev.buildxlens.core.compose.ComposeReader;
import dev.buildxlens.core.compose.ComposeRequest;
import dev.buildxlens.core.compose.ComposeService;
import dev.buildxlens.core.compose.KeyPosition;
import dev.buildxlens.core.compose.ServicePositions;
import dev.buildxlens.core.diagnose.BuildUnit;
import dev.buildxlens.core.gitlab.GitlabCiParser;
import dev.buildxlens.core.gitlab.GitlabFixPlanner;
import dev.buildxlens.core.gitlab.GitlabJobs;
import dev.buildxlens.core.gitlab.GitlabPipeline;
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
        return run(input, machine, choices, ImageDetails.NONE);
    }

    /** As {@link #run(BuildInput, Supplier, FixChoices)}, with the needed images' platforms looked up by {@code details}. */
    public static PipelineResult run(BuildInput input, Supplier<Snapshot> machine, FixChoices choices, ImageDetails details)
            throws InputException {
        try {
            if (input instanceof DockerfileBuild dockerfile) {
                return dockerfile(dockerfile, machine.get(), choices, details);
            }
            if (input instanceof GitlabCiBuild gitlab) {
                return gitlab(gitlab, choices);
            }
            if (input instanceof ComposeBuildInput compose) {
                return compose(compose, machine.get(), choices);
            }
            if (input instanceof BakeBuildInput bake) {
                return bake(bake, machine.get(), choices);
            }
            if (input instanceof LogInput log) {
                return LogPipeline.result(log, machine);
            }
            return workflow((WorkflowBuild) input, choices);
        } catch (DockerfileException | WorkflowException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    private static PipelineResult dockerfile(DockerfileBuild input, Snapshot machine, FixChoices choices, ImageDetails details)
            throws DockerfileException, InputException {
        String display = input.spec().dockerfile();
        String text = input.inMemory() ? input.text() : DockerfileFiles.readText(input.path(), display);
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(DockerfileParser.parse(text, display), input.spec().dockerfileInputs());
        Snapshot snapshot = details.complete(machine, analysis.images().stream()
                .map(dev.buildxlens.core.dockerfile.ImageNeed::reference).filter(java.util.Objects::nonNull).toList());
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

    /**
     * A GitLab pipeline: its jobs (includes, extends and references resolved) run as the same simulated jobs as a
     * workflow's, each with a fresh docker:dind; fixes are patches of the files the lines are in.
     */
    private static PipelineResult gitlab(GitlabCiBuild input, FixChoices choices) throws WorkflowException, InputException {
        Path file = input.file().toAbsolutePath().normalize();
        Path repo = (input.repoRoot() != null ? input.repoRoot() : Repositories.rootOf(file)).toAbsolutePath().normalize();
        if (!Files.isDirectory(repo)) {
            throw new InputException("--repo " + repo + ": not a directory");
        }
        String display = input.file().toString();
        String text = YamlDocument.readText(input.file(), display);
        GitlabPipeline pipeline = GitlabCiParser.read(file, repo);
        Workflow jobs = GitlabJobs.toWorkflow(pipeline);
        WorkflowSimulator.Result result = WorkflowSimulator.simulate(jobs, new WorkflowSimulator.Options(repo, input.job(), null, null));
        List<String> assumptions = new ArrayList<>(result.diagnosis().assumptions());
        pipeline.notFollowed().forEach(what -> assumptions.add("not followed: " + what));
        pipeline.jobs().stream().filter(j -> j.runs() == GitlabPipeline.Runs.MAYBE)
                .forEach(j -> assumptions.add("job " + j.name() + " is taken to run (" + j.why() + ")"));
        pipeline.jobs().stream().filter(j -> j.runs() == GitlabPipeline.Runs.NEVER)
                .forEach(j -> assumptions.add("job " + j.name() + " never runs (" + j.why() + ")"));
        Diagnosis diagnosis = new Diagnosis(result.diagnosis().builds(), result.diagnosis().findings(), assumptions);
        FixPlans plans = GitlabFixPlanner.plan(diagnosis, result, pipeline, jobs, repo,
                new PatchRoot(repo, Repositories.gitRoot(file).filter(repo::equals).isPresent()));
        // The main file, the files it includes, and every Dockerfile a job read: an edit to any of them re-runs.
        java.util.Set<Path> read = new java.util.LinkedHashSet<>();
        read.add(file);
        pipeline.jobs().forEach(j -> {
            read.add(repo.resolve(j.file()).normalize());
            j.script().forEach(line -> read.add(repo.resolve(line.file()).normalize()));
        });
        read.addAll(result.filesRead());
        return new PipelineResult(input, text, diagnosis, plans, null, List.copyOf(read));
    }

    /** {@code docker compose build}: every service with a build, on the builder Compose uses (the current one). */
    private static PipelineResult compose(ComposeBuildInput input, Snapshot snapshot, FixChoices choices)
            throws DockerfileException, InputException {
        List<Path> files = input.files().isEmpty() ? ComposeReader.defaultFiles(input.directory()) : input.files();
        if (files.isEmpty()) {
            throw new InputException(input.directory() + ": no compose file (" + String.join(", ", ComposeReader.DEFAULT_FILES) + ")");
        }
        ComposeProject project;
        try {
            project = ComposeReader.read(ComposeRequest.of(files).withEnvironment(input.environment()).withServices(input.services()));
        } catch (ComposeException e) {
            throw new InputException(e.getMessage(), e);
        }
        Path base = project.projectDirectory().toAbsolutePath().normalize();
        List<String> assumptions = new ArrayList<>(worldAssumptions(snapshot));
        List<ProjectBuilds.Unit> units = new ArrayList<>();
        for (ComposeService service : project.buildableServices()) {
            if (!input.services().isEmpty() && !input.services().contains(service.name())) {
                continue;
            }
            BuildSection section = service.build().orElseThrow();
            if (section.remoteContext()) {
                assumptions.add("service " + service.name() + " builds from " + section.context() + ": a remote context is not analysed");
                continue;
            }
            BuildSpec spec = service.buildSpec().orElseThrow();
            if (!input.builder().isEmpty()) {
                spec = spec.toBuilder().builder(input.builder()).build();
            }
            String dockerfileName = section.inlineDockerfile() ? service.name() + " (dockerfile_inline)" : section.dockerfilePath();
            String text = section.inlineDockerfile() ? section.dockerfileInline()
                    : DockerfileFiles.readText(base.resolve(section.dockerfilePath()), section.dockerfilePath());
            KeyPosition at = ServicePositions.last(service.positions().build()).or(() -> ServicePositions.last(service.positions().service()))
                    .orElseThrow();
            units.add(new ProjectBuilds.Unit(BuildUnit.service(service.name()), BuildSite.unit(display(base, at.key().file()), at.key().line(),
                    BuildUnit.service(service.name())), spec, text, dockerfileName,
                    section.inlineDockerfile() ? null : base.resolve(section.dockerfilePath()).normalize()));
        }
        project.warnings().forEach(w -> assumptions.add("compose: " + w.message()));
        assumptions.add("docker compose build builds the services in parallel (depends_on orders containers, not builds), on "
                + (input.builder().isEmpty() ? "the current builder" : "builder " + input.builder()));
        // Compose 2.37+ hands its builds to bake (compose PR #12699); COMPOSE_BAKE=false keeps its own buildx client.
        // Both paths build in parallel and pass additional_contexts keys unchanged (the CLI's --build-context
        // normalisation is not on either path), so the verdicts are the same; the report says which path was taken.
        assumptions.add("false".equalsIgnoreCase(input.environment().getOrDefault("COMPOSE_BAKE", "").strip())
                ? "COMPOSE_BAKE=false: Compose builds with its own buildx client; additional_contexts keys are passed as written"
                : "Compose hands the build to bake (Compose 2.37 and later; COMPOSE_BAKE=false opts out): additional_contexts "
                        + "keys are passed as written, as on Compose's own build path");
        ProjectBuilds.Judged judged = ProjectBuilds.judge(units, snapshot, assumptions);
        // docker compose [-f FILE]… build [SERVICE]…, run from the project's folder.
        List<String> before = new ArrayList<>(List.of("docker", "compose"));
        if (!input.files().isEmpty()) {
            input.files().forEach(f -> before.addAll(List.of("-f", display(base, f))));
        }
        before.add("build");
        FixPlans plans = ProjectFixPlanner.compose(judged, project, root(files), new ProjectFixPlanner.Command(before, input.services(),
                snapshot, units.stream().map(ProjectBuilds.Unit::spec).toList()));
        java.util.Set<Path> read = new java.util.LinkedHashSet<>();
        project.sources().forEach(p -> read.add(p.toAbsolutePath().normalize()));
        units.stream().map(ProjectBuilds.Unit::dockerfilePath).filter(java.util.Objects::nonNull).forEach(read::add);
        return new PipelineResult(input, readQuietly(files.get(0)), judged.diagnosis(), plans, snapshot, List.copyOf(read));
    }

    /** {@code docker buildx bake}: the targets it resolves (default group when none are named), each on its builder. */
    private static PipelineResult bake(BakeBuildInput input, Snapshot snapshot, FixChoices choices) throws DockerfileException, InputException {
        Path directory = input.directory().toAbsolutePath().normalize();
        BakeResolution resolution;
        BakeDefinition definition;
        try {
            definition = new BakeReader(new ComposeBakeTranslator(directory)).read(directory, input.files(), BakeOptions.of(input.environment()));
            resolution = definition.resolve(input.targets(), input.sets());
        } catch (BakeException e) {
            throw new InputException(e.getMessage(), e);
        }
        List<String> assumptions = new ArrayList<>(worldAssumptions(snapshot));
        List<ProjectBuilds.Unit> units = new ArrayList<>();
        for (BakeBuild build : resolution.builds()) {
            BakeTarget target = build.target();
            BuildSpec spec = build.spec();
            if (spec.contextDir().contains("://") || spec.contextDir().startsWith("git@")) {
                assumptions.add("target " + target.name() + " builds from " + spec.contextDir() + ": a remote context is not analysed");
                continue;
            }
            if (!input.builder().isEmpty()) {
                spec = spec.toBuilder().builder(input.builder()).build();
            }
            String dockerfileName = build.dockerfileInline().isPresent() ? target.name() + " (dockerfile-inline)" : spec.dockerfile();
            String text = build.dockerfileInline().isPresent() ? build.dockerfileInline().get()
                    : DockerfileFiles.readText(directory.resolve(spec.dockerfile()), spec.dockerfile());
            String file = target.sources().isEmpty() ? definition.files().get(0) : target.sources().get(target.sources().size() - 1).file();
            int line = target.sources().isEmpty() ? 1 : target.sources().get(target.sources().size() - 1).block().startLine();
            units.add(new ProjectBuilds.Unit(BuildUnit.target(target.name()), BuildSite.unit(file, line, BuildUnit.target(target.name())), spec,
                    text, dockerfileName, build.dockerfileInline().isPresent() ? null : directory.resolve(spec.dockerfile()).normalize()));
        }
        resolution.warnings().forEach(w -> assumptions.add("bake: " + w.message()));
        assumptions.add("docker buildx bake builds the targets in parallel, on " + (input.builder().isEmpty() ? "the current builder"
                : "builder " + input.builder()));
        ProjectBuilds.Judged judged = ProjectBuilds.judge(units, snapshot, assumptions);
        // docker buildx bake [-f FILE]… [TARGET]… [--set …], run from the folder bake ran in.
        List<String> before = new ArrayList<>(List.of("docker", "buildx", "bake"));
        input.files().forEach(f -> before.addAll(List.of("-f", f)));
        List<String> after = new ArrayList<>(input.targets());
        input.sets().forEach(set -> after.addAll(List.of("--set", set)));
        FixPlans plans = ProjectFixPlanner.bake(judged, resolution, directory, input.environment(),
                root(definition.files().stream().map(directory::resolve).toList()),
                new ProjectFixPlanner.Command(before, after, snapshot, units.stream().map(ProjectBuilds.Unit::spec).toList()));
        String text = definition.files().isEmpty() ? "" : readQuietly(directory.resolve(definition.files().get(0)));
        java.util.Set<Path> read = new java.util.LinkedHashSet<>();
        definition.files().forEach(f -> read.add(directory.resolve(f).normalize()));
        units.stream().map(ProjectBuilds.Unit::dockerfilePath).filter(java.util.Objects::nonNull).forEach(read::add);
        return new PipelineResult(input, text, judged.diagnosis(), plans, snapshot, List.copyOf(read));
    }

    private static List<String> worldAssumptions(Snapshot snapshot) {
        List<String> assumptions = new ArrayList<>();
        if (snapshot.origin().startsWith("scenario")) {
            assumptions.add("the world is " + snapshot.origin() + ", not this machine");
        }
        assumptions.add("images from non-loopback registries (e.g. docker.io) are assumed to exist there: they are not queried");
        return assumptions;
    }

    private static PatchRoot root(List<Path> files) {
        return Repositories.patchRootFor(files.stream().map(p -> p.toAbsolutePath().normalize()).toList());
    }

    private static String display(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString().replace('\\', '/') : absolute.toString();
    }

    /** The main file's text for the views that show it; what cannot be read shows as empty (the readers said why). */
    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "";
        }
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
