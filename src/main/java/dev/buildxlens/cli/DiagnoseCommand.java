package dev.buildxlens.cli;

import dev.buildxlens.core.build.BuildFlags;
import dev.buildxlens.core.build.BuildSpec;
import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.model.ImageStoreKind;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.pipeline.BuildInput;
import dev.buildxlens.core.pipeline.BuildInputs;
import dev.buildxlens.core.pipeline.DiagnosisPipeline;
import dev.buildxlens.core.pipeline.FixChoices;
import dev.buildxlens.core.pipeline.InputKind;
import dev.buildxlens.core.pipeline.InputException;
import dev.buildxlens.core.pipeline.LogPipeline;
import dev.buildxlens.core.pipeline.LogWithFiles;
import dev.buildxlens.core.log.LogTooLargeException;
import dev.buildxlens.core.report.LogReport;
import dev.buildxlens.core.pipeline.PipelineResult;
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
    private final dev.buildxlens.core.pipeline.ImageDetails details;

    DiagnoseCommand(Function<LiveProbe.Options, Snapshot> probe, dev.buildxlens.core.pipeline.ImageDetails details,
                    Map<String, String> environment, PrintStream out, PrintStream err) {
        this.probe = probe;
        this.details = details;
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
        String gitlabCi;
        /** {@code --compose FILE}, repeatable like {@code docker compose -f}. */
        final List<String> compose = new ArrayList<>();
        /** {@code --bake [FILE]}, repeatable like {@code docker buildx bake -f}; {@code bakeLookup}: bake finds its files. */
        final List<String> bake = new ArrayList<>();
        boolean bakeLookup;
        final List<String> sets = new ArrayList<>();
        Map<String, String> environment = Map.of();
        /** Words that are not options: the file for plain {@code diagnose PATH}, then CONTEXT_DIR. */
        final List<String> positionals = new ArrayList<>();
        String repo;
        String job = "";
        String imageStore = "";
        String event;
        String fix = "";
        Scenario scenario;
        String writePatch;
        /** {@code --log FILE|-}: a build log to diagnose instead of build files. */
        String log;
        String command = "diagnose";

        boolean hasBuildFiles() {
            return dockerfile != null || workflow != null || gitlabCi != null || !compose.isEmpty() || !bake.isEmpty() || bakeLookup;
        }

        FixChoices choices() {
            return new FixChoices(registries.isEmpty() ? FixChoices.DEFAULT_REGISTRY : registries.get(0));
        }
    }

    /** Where {@code --log -} reads from. */
    private java.io.InputStream stdin = System.in;

    DiagnoseCommand withStdin(java.io.InputStream in) {
        this.stdin = in;
        return this;
    }

    ExitCode run(Arguments args) throws UsageException {
        Options options = parse(args, false, environment);
        if (options.log != null && options.hasBuildFiles()) {
            // The log with the files it came from: the files' findings (and patches) carry the log's evidence.
            LogWithFiles.Combined combined = combined(options);
            Diagnosis diagnosis = combined.result().diagnosis();
            out.print(options.format.equals("json") ? LogReport.json(diagnosis, combined.log()) + "\n" : LogReport.text(diagnosis, combined.log()));
            out.flush();
            return diagnosis.hasErrors() ? ExitCode.FINDINGS : ExitCode.OK;
        }
        if (options.log != null) {
            // A log needs no machine and no files: its findings, possible causes and what was read from it.
            LogPipeline.Result result = readLog(options);
            out.print(options.format.equals("json") ? LogReport.json(result.diagnosis()) + "\n" : LogReport.text(result.diagnosis()));
            out.flush();
            return result.diagnosis().diagnosis().hasErrors() ? ExitCode.FINDINGS : ExitCode.OK;
        }
        Outcome outcome = diagnose(options);
        Diagnosis diagnosis = outcome.result().diagnosis();
        out.print(options.format.equals("json") ? DiagnosisJson.write(diagnosis) + "\n" : DiagnosisText.write(diagnosis));
        out.flush();
        return (diagnosis.hasErrors() ? ExitCode.FINDINGS : ExitCode.OK).and(outcome.daemonCode());
    }

    /** Reads {@code --log FILE|-}; a log over the limit, or one that cannot be read, is bad input (exit 2). */
    LogPipeline.Result readLog(Options options) throws UsageException {
        try {
            LogPipeline.Result read = options.log.equals("-") ? LogPipeline.run(stdin, "-") : LogPipeline.run(Path.of(options.log));
            if (options.hasBuildFiles()) {
                return read; // the files' diagnosis consults the machine
            }
            // A local build's log, read where it ran: the machine decides what the log cannot (the lesson's world with --scenario).
            return LogPipeline.consult(read, () -> options.scenario != null ? options.scenario.snapshot()
                    : probe.apply(LiveProbe.Options.defaults()));
        } catch (LogTooLargeException e) {
            throw new UsageException(e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("--log " + options.log + ": no such file");
        } catch (java.io.IOException e) {
            throw new UsageException("--log " + options.log + ": " + e.getMessage());
        }
    }

    /** {@code --log} with build files: both diagnosed, then combined ({@link LogWithFiles}). */
    LogWithFiles.Combined combined(Options options) throws UsageException {
        LogPipeline.Result log = readLog(options);
        Outcome files = diagnose(options);
        return LogWithFiles.combine(files.result(), log);
    }

    /** A pipeline run and what the daemon's state means for the exit code. */
    record Outcome(PipelineResult result, ExitCode daemonCode) {
    }

    /** Checks the options, runs the pipeline on what they name, and reports an unreachable daemon on stderr. */
    Outcome diagnose(Options options) throws UsageException {
        try {
            if (options.workflow == null && options.dockerfile == null && options.gitlabCi == null && options.compose.isEmpty()
                    && options.bake.isEmpty() && !options.bakeLookup) {
                if (options.scenario == null) {
                    throw new UsageException(options.command + " needs a file (PATH, or --dockerfile, --workflow or --gitlab-ci PATH) or "
                            + "--scenario NAME");
                }
                return new Outcome(ScenarioRunner.run(options.scenario, options.choices()), ExitCode.OK);
            }
            BuildInput input = input(options);
            PipelineResult result = DiagnosisPipeline.run(input, () -> options.scenario != null ? options.scenario.snapshot()
                    : probe.apply(LiveProbe.Options.defaults().withRegistries(options.registries)), options.choices(), details);
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

    /** The pipeline's input for the options, made by the same core factory as the app's (BuildInputs). */
    private static BuildInput input(Options options) throws UsageException, InputException {
        InputKind kind;
        List<Path> files;
        if (!options.compose.isEmpty()) {
            kind = InputKind.COMPOSE;
            files = options.compose.stream().map(Path::of).toList();
        } else if (!options.bake.isEmpty() || options.bakeLookup) {
            kind = InputKind.BAKE;
            files = options.bake.stream().map(Path::of).toList();
        } else if (options.gitlabCi != null) {
            kind = InputKind.GITLAB_CI;
            files = List.of(Path.of(options.gitlabCi));
        } else if (options.workflow != null) {
            kind = InputKind.GITHUB_WORKFLOW;
            files = List.of(Path.of(options.workflow));
        } else {
            kind = InputKind.DOCKERFILE;
            files = List.of(Path.of(options.dockerfile));
        }
        return BuildInputs.create(BuildInputs.Request.of(kind, files)
                .withContextDir(options.contextDir)
                .withSpec(options.build.build())
                .withRepo(options.repo == null ? null : Path.of(options.repo))
                .withJob(options.job)
                .withImageStore(options.imageStore.isEmpty() ? null : imageStore(options.imageStore))
                .withEvent(options.event)
                .withNames(options.positionals)
                .withSets(options.sets)
                .withEnvironment(options.environment));
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
        options.environment = environment;
        String command = forFix ? "fix" : "diagnose";
        options.command = command;
        while (args.hasMore()) {
            String word = args.next();
            String option = Arguments.optionName(word);
            switch (option) {
                case "--dockerfile", "-f", "--file" -> options.dockerfile = args.valueOf(word);
                case "--workflow" -> options.workflow = args.valueOf(word);
                case "--log" -> options.log = args.valueOf(word);
                case "--gitlab-ci" -> options.gitlabCi = args.valueOf(word);
                case "--compose" -> options.compose.add(args.valueOf(word));
                case "--bake" -> {
                    // --bake FILE, or --bake alone: bake's own lookup in the directory.
                    if (word.contains("=")) {
                        options.bake.add(args.valueOf(word));
                    } else if (args.hasMore() && java.nio.file.Files.isRegularFile(Path.of(args.peek()))) {
                        options.bake.add(args.next());
                    } else {
                        options.bakeLookup = true;
                    }
                }
                case "--set" -> options.sets.add(args.valueOf(word));
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
                    } else {
                        options.positionals.add(word);
                    }
                }
            }
        }
        placeFile(options);
        return options;
    }

    /**
     * {@code diagnose PATH}: the kind of file comes from its name and content (InputKinds), so the flag is optional;
     * then the words left are what that kind takes (a Dockerfile's CONTEXT_DIR).
     */
    private static void placeFile(Options options) throws UsageException {
        String command = options.command;
        long kinds = java.util.stream.Stream.of(options.dockerfile, options.workflow, options.gitlabCi).filter(java.util.Objects::nonNull).count()
                + (options.compose.isEmpty() ? 0 : 1) + (options.bake.isEmpty() && !options.bakeLookup ? 0 : 1);
        if (kinds > 1) {
            throw new UsageException(command + " takes one of --dockerfile, --workflow, --gitlab-ci, --compose and --bake");
        }
        if (options.log != null && kinds == 0) {
            // A log on its own; with build files they are named by their option (--dockerfile, --workflow …).
            if (!options.positionals.isEmpty()) {
                throw new UsageException(command + " --log takes its build files as --dockerfile, --workflow, --gitlab-ci, --compose "
                        + "or --bake, not as a PATH");
            }
            return;
        }
        if (kinds == 0 && !options.positionals.isEmpty()) {
            String file = options.positionals.remove(0);
            InputKind kind;
            try {
                kind = BuildInputs.kindOf(Path.of(file));
            } catch (InputException e) {
                throw new UsageException(e.getMessage());
            }
            switch (kind) {
                case DOCKERFILE -> options.dockerfile = file;
                case GITHUB_WORKFLOW -> options.workflow = file;
                case GITLAB_CI -> options.gitlabCi = file;
                case COMPOSE -> options.compose.add(file);
                case BAKE -> options.bake.add(file);
                case LOG -> options.log = file;
            }
            if (options.log != null) {
                // diagnose FILE.log: the same as --log FILE.
                if (!options.positionals.isEmpty()) {
                    throw new UsageException(command + " of a log takes no CONTEXT_DIR");
                }
                return;
            }
        }
        if (options.dockerfile != null) {
            if (options.positionals.size() > 1) {
                throw new UsageException(command + ": only one CONTEXT_DIR, got '" + String.join("' and '", options.positionals) + "'");
            }
            options.contextDir = options.positionals.isEmpty() ? null : options.positionals.get(0);
        } else if (!options.positionals.isEmpty() && options.compose.isEmpty() && options.bake.isEmpty() && !options.bakeLookup) {
            // Compose takes SERVICEs and bake TARGETs; the other kinds take no words.
            throw new UsageException(command + ": unexpected argument '" + options.positionals.get(0) + "'");
        }
    }
}
