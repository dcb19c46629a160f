package dev.buildxlens.cli;

import dev.buildxlens.core.diagnose.BuildDiagnoser;
import dev.buildxlens.core.diagnose.BuildRequest;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.UnknownBuilderException;
import dev.buildxlens.core.dockerfile.DockerfileAnalysis;
import dev.buildxlens.core.dockerfile.DockerfileAnalyzer;
import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileFiles;
import dev.buildxlens.core.dockerfile.DockerfileInputs;
import dev.buildxlens.core.dockerfile.NamedContext;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.dockerfile.ParsedDockerfile;
import dev.buildxlens.core.fix.LocalBuild;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.core.report.DiagnosisJson;
import dev.buildxlens.core.report.DiagnosisText;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.WorkflowParser;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code diagnose --dockerfile PATH ...}: one build on the live machine, with the options of {@code docker buildx build};
 * {@code diagnose --workflow PATH ...}: every build of a GitHub Actions workflow on a simulated runner.
 */
final class DiagnoseCommand {

    private final Function<LiveProbe.Options, Snapshot> probe;
    private final PrintStream out;
    private final PrintStream err;

    DiagnoseCommand(Function<LiveProbe.Options, Snapshot> probe, PrintStream out, PrintStream err) {
        this.probe = probe;
        this.out = out;
        this.err = err;
    }

    static final class Options {
        String dockerfile;
        String contextDir;
        final Map<String, String> buildArgs = new LinkedHashMap<>();
        final List<NamedContext> contexts = new ArrayList<>();
        String target = "";
        final List<String> platforms = new ArrayList<>();
        String builder = "";
        boolean load;
        boolean push;
        boolean pull;
        final List<String> outputs = new ArrayList<>();
        final List<String> cacheTo = new ArrayList<>();
        final List<String> registries = new ArrayList<>();
        String format = "text";
        String workflow;
        String repo;
        String job = "";
        String imageStore = "classic";
        String fix = "";
        dev.buildxlens.core.scenario.Scenario scenario;
        String writePatch;
    }

    /** A Dockerfile build diagnosed on the live machine, with what a fix needs to be written. */
    record DockerfileRun(DockerfileAnalysis analysis, String dockerfileText, Snapshot snapshot, Diagnosis diagnosis,
                         LocalBuild build, ExitCode daemonCode) {
    }

    ExitCode run(Arguments args) throws UsageException {
        Options options = parse(args, false);
        if (options.workflow != null && options.dockerfile != null) {
            throw new UsageException("diagnose takes --dockerfile or --workflow, not both");
        }
        if (options.workflow != null) {
            return workflow(options);
        }
        if (options.dockerfile == null && options.scenario != null) {
            Diagnosis diagnosis = scenarioRun(options).diagnosis();
            out.print(options.format.equals("json") ? DiagnosisJson.write(diagnosis) + "\n" : DiagnosisText.write(diagnosis));
            out.flush();
            return diagnosis.hasErrors() ? ExitCode.FINDINGS : ExitCode.OK;
        }
        if (options.dockerfile == null) {
            throw new UsageException("diagnose needs --dockerfile PATH, --workflow PATH or --scenario NAME");
        }
        DockerfileRun run = diagnoseDockerfile(options);
        Diagnosis diagnosis = run.diagnosis();
        out.print(options.format.equals("json") ? DiagnosisJson.write(diagnosis) + "\n" : DiagnosisText.write(diagnosis));
        out.flush();
        return (diagnosis.hasErrors() ? ExitCode.FINDINGS : ExitCode.OK).and(run.daemonCode());
    }

    DockerfileRun diagnoseDockerfile(Options options) throws UsageException {
        DockerfileAnalysis analysis;
        String text;
        try {
            text = DockerfileFiles.readText(Path.of(options.dockerfile), options.dockerfile);
            ParsedDockerfile parsed = DockerfileParser.parse(text, options.dockerfile);
            analysis = DockerfileAnalyzer.analyze(parsed, new DockerfileInputs(options.buildArgs, options.contexts,
                    options.target, options.platforms));
        } catch (DockerfileException e) {
            throw new UsageException(e.getMessage());
        }
        Snapshot snapshot = options.scenario != null ? options.scenario.snapshot()
                : probe.apply(LiveProbe.Options.defaults().withRegistries(options.registries));
        BuildRequest request = new BuildRequest(analysis, options.builder, options.platforms, options.load, options.push,
                options.outputs, options.cacheTo, options.pull, options.dockerfile, 1, null, null);
        BuildDiagnoser.Result result;
        try {
            result = BuildDiagnoser.diagnose(snapshot, request);
        } catch (UnknownBuilderException e) {
            throw new UsageException("--builder: " + e.getMessage());
        }
        List<String> assumptions = new ArrayList<>();
        assumptions.add("images from non-loopback registries (e.g. docker.io) are assumed to exist there: they are not queried");
        Diagnosis diagnosis = new Diagnosis(List.of(result.check()), result.findings(), assumptions);
        ExitCode daemonCode = ExitCode.OK;
        if (!snapshot.daemon().reachable()) {
            err.println("buildx-lens: the Docker daemon is unreachable (context " + snapshot.daemon().context()
                    + "), so no local image could be found:");
            snapshot.daemon().attempts().forEach(a -> err.println("  " + a.line()));
            daemonCode = ExitCode.DAEMON_UNREACHABLE;
        }
        // CONTEXT_DIR defaults to the Dockerfile's folder.
        Path dockerfileDir = Path.of(options.dockerfile).getParent();
        String contextDir = options.contextDir != null ? options.contextDir : dockerfileDir == null ? "." : dockerfileDir.toString();
        LocalBuild build = new LocalBuild(options.dockerfile, contextDir, options.buildArgs, options.contexts, options.target,
                options.platforms, options.load, options.push, options.pull, options.outputs, options.cacheTo, options.builder);
        return new DockerfileRun(analysis, text, snapshot, diagnosis, build, daemonCode);
    }

    /** The runner is simulated: the live machine is not consulted. */
    private ExitCode workflow(Options options) throws UsageException {
        Path file = Path.of(options.workflow);
        Path repo = options.repo != null ? Path.of(options.repo) : repositoryRoot(file);
        if (!java.nio.file.Files.isDirectory(repo)) {
            throw new UsageException("--repo " + repo + ": not a directory");
        }
        ImageStoreKind store = imageStore(options.imageStore);
        Diagnosis diagnosis;
        try {
            Workflow workflow = WorkflowParser.read(file, options.workflow);
            diagnosis = WorkflowSimulator.simulate(workflow, new WorkflowSimulator.Options(repo, options.job, store));
        } catch (WorkflowException e) {
            throw new UsageException(e.getMessage());
        }
        out.print(options.format.equals("json") ? DiagnosisJson.write(diagnosis) + "\n" : DiagnosisText.write(diagnosis));
        out.flush();
        return diagnosis.hasErrors() ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** The scenario's own build, diagnosed and with its fixes. */
    static dev.buildxlens.core.scenario.ScenarioRunner.Result scenarioRun(Options options) throws UsageException {
        try {
            String registry = options.registries.isEmpty() ? "localhost:5000" : options.registries.get(0);
            return dev.buildxlens.core.scenario.ScenarioRunner.run(options.scenario, registry);
        } catch (dev.buildxlens.core.scenario.ScenarioException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static ImageStoreKind imageStore(String value) throws UsageException {
        return switch (value) {
            case "classic" -> ImageStoreKind.CLASSIC;
            case "containerd" -> ImageStoreKind.CONTAINERD;
            default -> throw new UsageException("--assume-image-store must be classic or containerd, not '" + value + "'");
        };
    }

    static Path repositoryRoot(Path workflowFile) {
        return dev.buildxlens.core.workflow.Repositories.rootOf(workflowFile);
    }

    static Options parse(Arguments args, boolean forFix) throws UsageException {
        Options options = new Options();
        while (args.hasMore()) {
            String word = args.next();
            String option = Arguments.optionName(word);
            switch (option) {
                case "--dockerfile", "-f" -> options.dockerfile = args.valueOf(word);
                case "--workflow" -> options.workflow = args.valueOf(word);
                case "--scenario" -> options.scenario = Cli.scenario(args.valueOf(word));
                case "--repo" -> options.repo = args.valueOf(word);
                case "--job" -> options.job = args.valueOf(word);
                case "--assume-image-store" -> options.imageStore = args.valueOf(word);
                case "--fix" -> {
                    if (!forFix) {
                        throw new UsageException("diagnose: --fix belongs to the fix command");
                    }
                    options.fix = args.valueOf(word);
                }
                case "--write-patch" -> {
                    if (!forFix) {
                        throw new UsageException("diagnose: --write-patch belongs to the fix command");
                    }
                    options.writePatch = args.valueOf(word);
                }
                case "--build-arg" -> {
                    String value = args.valueOf(word);
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new UsageException("--build-arg '" + value + "' must be NAME=VALUE");
                    }
                    options.buildArgs.put(value.substring(0, equals), value.substring(equals + 1));
                }
                case "--build-context" -> {
                    String value = args.valueOf(word);
                    int equals = value.indexOf('=');
                    if (equals <= 0 || equals == value.length() - 1) {
                        throw new UsageException("--build-context '" + value + "' must be NAME=VALUE (docker-image://REF, oci-layout://PATH or a directory)");
                    }
                    options.contexts.add(new NamedContext(value.substring(0, equals), value.substring(equals + 1)));
                }
                case "--target" -> options.target = args.valueOf(word);
                case "--platform" -> options.platforms.addAll(Arrays.stream(args.valueOf(word).split(","))
                        .map(String::trim).filter(p -> !p.isEmpty()).toList());
                case "--builder" -> options.builder = args.valueOf(word);
                case "--load" -> options.load = true;
                case "--push" -> options.push = true;
                case "--pull" -> options.pull = true;
                case "--output", "-o" -> options.outputs.add(args.valueOf(word));
                case "--cache-to" -> options.cacheTo.add(args.valueOf(word));
                case "--registry" -> options.registries.add(args.registryValue(word));
                case "--format" -> options.format = forFix ? args.valueOf(word) : args.formatValue(word);
                default -> {
                    if (word.startsWith("-")) {
                        throw new UsageException("diagnose: unknown option '" + word + "'");
                    }
                    if (options.contextDir != null) {
                        throw new UsageException("diagnose: only one CONTEXT_DIR, got '" + options.contextDir + "' and '" + word + "'");
                    }
                    options.contextDir = word;
                }
            }
        }
        return options;
    }
}
