package dev.buildxlens.cli;

import dev.buildxlens.core.build.BuildFlags;
import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.pipeline.BuildInput;
import dev.buildxlens.core.pipeline.DiagnosisPipeline;
import dev.buildxlens.core.pipeline.DockerfileBuild;
import dev.buildxlens.core.pipeline.FixChoices;
import dev.buildxlens.core.pipeline.InputException;
import dev.buildxlens.core.pipeline.PipelineResult;
import dev.buildxlens.core.pipeline.WorkflowBuild;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.core.report.DiagnosisJson;
import dev.buildxlens.core.report.DiagnosisText;
import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioException;
import dev.buildxlens.core.scenario.ScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code diagnose --dockerfile PATH ...}: one build on the live machine (or a lesson's world), with every option of
 * {@code docker buildx build}; {@code diagnose --workflow PATH ...}: every build of a GitHub Actions workflow on a
 * simulated runner. Both go through the one {@link DiagnosisPipeline}.
 */
final class DiagnoseCommand {

    private final Function<LiveProbe.Options, Snapshot> probe;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code environment} gives {@code --build-arg NAME} its value, as docker does. */
    DiagnoseCommand(Function<LiveProbe.Options, Snapshot> probe, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.probe = probe;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /** The command line of {@code diagnose} and {@code fix}. */
    static final class Options {
        String dockerfile;
        String contextDir;
        final BuildSpec.Builder build = BuildSpec.newBuilder();
        final List<String> registries = new ArrayList<>();
        String format = "text";
        String workflow;
        String repo;
        String job = "";
        String imageStore = "";
        String event;
        String fix = "";
        Scenario scenario;
        String writePatch;
        String command = "diagnose";

        FixChoices choices() {
            return new FixChoices(registries.isEmpty() ? FixChoices.DEFAULT_REGISTRY : registries.get(0));
        }
    }

    ExitCode run(Arguments args) throws UsageException {
        Options options = parse(args, false, environment);
        Outcome outcome = diagnose(options);
        Diagnosis diagnosis = outcome.result().diagnosis();
        out.print(options.format.equals("json") ? DiagnosisJson.write(diagnosis) + "\n" : DiagnosisText.write(diagnosis));
        out.flush();
        return (diagnosis.hasErrors() ? ExitCode.FINDINGS : ExitCode.OK).and(outcome.daemonCode());
    }

    /** A pipeline run and what the daemon's state means for the exit code. */
    record Outcome(PipelineResult result, ExitCode daemonCode) {
    }

    /** Checks the options, runs the pipeline on what they name, and reports an unreachable daemon on stderr. */
    Outcome diagnose(Options options) throws UsageException {
        if (options.workflow != null && options.dockerfile != null) {
            throw new UsageException(options.command + " takes --dockerfile or --workflow, not both");
        }
        try {
            if (options.workflow == null && options.dockerfile == null) {
                if (options.scenario == null) {
                    throw new UsageException(options.command + " needs --dockerfile PATH, --workflow PATH or --scenario NAME");
                }
                return new Outcome(ScenarioRunner.run(options.scenario, options.choices()), ExitCode.OK);
            }
            BuildInput input = input(options);
            PipelineResult result = DiagnosisPipeline.run(input, () -> options.scenario != null ? options.scenario.snapshot()
                    : probe.apply(LiveProbe.Options.defaults().withRegistries(options.registries)), options.choices());
            ExitCode daemonCode = ExitCode.OK;
            if (result.daemonUnreachable()) {
                Snapshot world = result.world();
                err.println("buildx-lens: the Docker daemon is unreachable (context " + world.daemon().context()
                        + "), so no local image could be found:");
                world.daemon().attempts().forEach(a -> err.println("  " + a.line()));
                daemonCode = ExitCode.DAEMON_UNREACHABLE;
            }
            return new Outcome(result, daemonCode);
        } catch (InputException e) {
            throw new UsageException(e.getMessage());
        } catch (ScenarioException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static BuildInput input(Options options) throws UsageException {
        if (options.workflow != null) {
            return new WorkflowBuild(Path.of(options.workflow), options.repo == null ? null : Path.of(options.repo), options.job,
                    options.imageStore.isEmpty() ? null : imageStore(options.imageStore), options.event);
        }
        // CONTEXT_DIR defaults to the Dockerfile's folder.
        Path dockerfileDir = Path.of(options.dockerfile).getParent();
        String contextDir = options.contextDir != null ? options.contextDir : dockerfileDir == null ? "." : dockerfileDir.toString();
        return DockerfileBuild.onDisk(options.build.dockerfile(options.dockerfile).contextDir(contextDir).build());
    }

    static ImageStoreKind imageStore(String value) throws UsageException {
        return switch (value) {
            case "classic" -> ImageStoreKind.CLASSIC;
            case "containerd" -> ImageStoreKind.CONTAINERD;
            default -> throw new UsageException("--assume-image-store must be classic or containerd, not '" + value + "'");
        };
    }

    static Options parse(Arguments args, boolean forFix, Map<String, String> environment) throws UsageException {
        Options options = new Options();
        String command = forFix ? "fix" : "diagnose";
        options.command = command;
        while (args.hasMore()) {
            String word = args.next();
            String option = Arguments.optionName(word);
            switch (option) {
                case "--dockerfile", "-f", "--file" -> options.dockerfile = args.valueOf(word);
                case "--workflow" -> options.workflow = args.valueOf(word);
                case "--scenario" -> options.scenario = Cli.scenario(args.valueOf(word));
                case "--repo" -> options.repo = args.valueOf(word);
                case "--job" -> options.job = args.valueOf(word);
                case "--assume-image-store" -> options.imageStore = args.valueOf(word);
                case "--event" -> options.event = args.valueOf(word);
                case "--registry" -> options.registries.add(args.registryValue(word));
                case "--format" -> options.format = forFix ? args.valueOf(word) : args.formatValue(word);
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
                default -> {
                    if (BuildFlags.known(option)) {
                        try {
                            BuildFlags.apply(options.build, option, BuildFlags.takesValue(option) ? args.valueOf(word) : null, environment);
                        } catch (BuildFlags.InvalidFlagException e) {
                            throw new UsageException(e.getMessage());
                        }
                    } else if (word.startsWith("-")) {
                        throw new UsageException(command + ": unknown option '" + word + "'");
                    } else if (options.contextDir != null) {
                        throw new UsageException(command + ": only one CONTEXT_DIR, got '" + options.contextDir + "' and '" + word + "'");
                    } else {
                        options.contextDir = word;
                    }
                }
            }
        }
        return options;
    }
}
