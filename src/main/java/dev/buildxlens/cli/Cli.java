package dev.buildxlens.cli;

import dev.buildxlens.core.Version;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Environment;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.core.report.SnapshotJson;
import dev.buildxlens.core.report.SnapshotText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The headless command line. Every command prints what it could, then exits with a documented code
 * ({@link ExitCode}); errors are one clear line on stderr, never a stack trace.
 */
public final class Cli {

    static final String USAGE = """
            Usage:
              buildx-lens [--open FILE] [--screenshots DIR]
                                                           open the desktop app (FILE: any build file below to
                                                           diagnose; DIR: render every tab to PNG and exit)
              buildx-lens inspect [--registry HOST:PORT]... [--format text|json]
                                  [--export-scenario FILE [--keep-user-names] [--force]]
                                                           show the daemon, image stores, builders and
                                                           which stores each builder can read
              buildx-lens diagnose PATH [CONTEXT_DIR] [the options of PATH's kind below]
                                                           PATH's kind (Dockerfile, GitHub workflow, GitLab CI,
                                                           Compose or Bake file) from its name and content;
                                                           CONTEXT_DIR only for a Dockerfile
              buildx-lens diagnose --dockerfile PATH [CONTEXT_DIR] [--build-arg K=V]... [--build-context NAME=VALUE]...
                                   [--target STAGE] [--platform LIST] [--builder NAME] [--load] [--push]
                                   [--output SPEC] [--cache-to SPEC] [--pull] [--registry HOST:PORT]...
                                   [--format text|json]
                                                           will this build find its images on this machine?
              buildx-lens diagnose --workflow PATH [--repo DIR] [--job ID] [--event NAME]
                                   [--assume-image-store classic|containerd] [--format text|json]
                                                           will this workflow's builds find their images?
              buildx-lens diagnose --gitlab-ci PATH [--repo DIR] [--job NAME] [--format text|json]
                                                           every job of a GitLab pipeline, each on a fresh dind
              buildx-lens diagnose --compose PATH [SERVICE…] [--builder NAME] [--format text|json]
                                                           docker compose build (--compose repeatable, like -f)
              buildx-lens diagnose --bake [PATH]… [TARGET…] [--set …] [--builder NAME] [--format text|json]
                                                           docker buildx bake (--bake repeatable, like -f; no
                                                           PATH: bake's own file lookup here)
              buildx-lens diagnose --log FILE|- [--format text|json]
                                                           read a build log (plain/tty buildx output, a GitHub
                                                           Actions or GitLab job log, docker compose build; up to
                                                           200 MB; - reads stdin): findings with the log lines as
                                                           evidence, possible causes with the facts they need
              buildx-lens fix PATH [CONTEXT_DIR] [the options of diagnose] [--fix ID] [--registry HOST:PORT]
                              [--format text|json|markdown] [--write-patch DIR]
              buildx-lens fix --log FILE|- [--fix ID] [--format text|json|markdown]
              buildx-lens fix --dockerfile|--workflow|--gitlab-ci|--compose|--bake PATH [the options of diagnose]
                              [--fix ID] [--registry HOST:PORT] [--format text|json|markdown] [--write-patch DIR]
                                                           the fixes for what diagnose finds, ready to copy
                buildx-lens doctor [-v] [--format text|json|markdown|github-issue]
                                                           check this machine: engines of every context, buildx,
                                                           builders, registry settings, image store, registries
                                                           (exit 0 no ✗, 1 any ✗, 3 no engine answers)
              buildx-lens scenarios [--format text|json]   list the built-in lessons; every command (and the app)
                                                           takes --scenario NAME|FILE instead of this machine
              buildx-lens --version                        print the version
              buildx-lens --help                           print this help

            Exit codes: 0 ok, 1 error findings, 2 bad usage or input,
                        3 the daemon was needed and is unreachable.
            """;

    private static final Set<String> TOP_LEVEL_FLAGS = Set.of("--version", "-v", "--help", "-h");

    private final Environment env;
    private final Function<LiveProbe.Options, Snapshot> probe;
    private final PrintStream out;
    private final PrintStream err;

    private final dev.buildxlens.core.pipeline.ImageDetails imageDetails;

    public Cli(Environment env, Function<LiveProbe.Options, Snapshot> probe, PrintStream out, PrintStream err) {
        this.env = env;
        this.probe = probe;
        // The platforms of a live build's local images are read from the engines that hold them (a lesson has its own).
        this.imageDetails = dev.buildxlens.core.probe.LiveImageDetails.forEnvironment(env);
        this.out = out;
        this.err = err;
    }

    /** A CLI that probes the live machine described by {@code env}. */
    public static Cli live(Environment env, PrintStream out, PrintStream err) {
        return new Cli(env, options -> LiveProbe.forEnvironment(env, options).take(), out, err);
    }

    /** True when the words ask for the command line rather than the desktop app. */
    public static boolean isCommandLine(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || TOP_LEVEL_FLAGS.contains(args[0]));
    }

    /** Where {@code --log -} reads from: standard input, unless a test gives another stream. */
    private java.io.InputStream stdin = System.in;

    public Cli withInput(java.io.InputStream in) {
        this.stdin = in;
        return this;
    }

    public int run(String[] args) {
        try {
            return dispatch(new Arguments(List.of(args))).code();
        } catch (UsageException e) {
            err.println("buildx-lens: " + e.getMessage());
            err.println("Run 'buildx-lens --help' for usage.");
            return ExitCode.USAGE.code();
        }
    }

    private ExitCode dispatch(Arguments args) throws UsageException {
        if (!args.hasMore()) {
            throw new UsageException("no command given");
        }
        String command = args.next();
        dev.buildxlens.core.Trace.mark("command line read");
        return switch (command) {
            case "--version", "-v" -> {
                out.println("buildx-lens " + Version.current());
                yield ExitCode.OK;
            }
            case "--help", "-h", "help" -> {
                out.print(USAGE);
                yield ExitCode.OK;
            }
            case "inspect" -> inspect(args);
            case "diagnose" -> new DiagnoseCommand(probe, imageDetails, env.variables(), out, err).withStdin(stdin).run(args);
            case "fix" -> new FixCommand(probe, imageDetails, env.variables(), out, err).withStdin(stdin).run(args);
            case "scenarios" -> scenarios(args);
            case "doctor" -> doctor(args);
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    /** {@code doctor}: the checklist; exit 0 with no ✗, 1 with any, 3 when no engine answers (the list is printed anyway). */
    private ExitCode doctor(Arguments args) throws UsageException {
        String format = "text";
        boolean verbose = false;
        dev.buildxlens.core.scenario.Scenario world = null;
        while (args.hasMore()) {
            String word = args.next();
            switch (Arguments.optionName(word)) {
                case "-v", "--verbose" -> verbose = true;
                case "--format" -> {
                    format = args.valueOf(word);
                    if (!List.of("text", "json", "markdown", "github-issue").contains(format)) {
                        throw new UsageException("--format must be text, json, markdown or github-issue, not '" + format + "'");
                    }
                }
                case "--scenario" -> world = scenario(args.valueOf(word));
                default -> throw new UsageException("doctor: unknown option '" + word + "'");
            }
        }
        Snapshot snapshot = world != null ? world.snapshot() : probe.apply(LiveProbe.Options.defaults());
        dev.buildxlens.core.doctor.DoctorInputs inputs = world != null
                ? dev.buildxlens.core.doctor.DoctorInputs.of(snapshot)
                : dev.buildxlens.core.doctor.DoctorFacts.of(env, snapshot);
        List<dev.buildxlens.core.doctor.Check> checks = dev.buildxlens.core.doctor.MachineDoctor.checks(inputs);
        out.print(switch (format) {
            case "json" -> dev.buildxlens.core.report.DoctorReport.json(checks);
            case "markdown" -> dev.buildxlens.core.report.DoctorReport.markdown(checks);
            case "github-issue" -> dev.buildxlens.core.report.DoctorReport.githubIssue(checks, snapshot);
            default -> dev.buildxlens.core.report.DoctorReport.text(checks, verbose);
        });
        out.flush();
        return switch (dev.buildxlens.core.doctor.MachineDoctor.exitCode(snapshot, checks)) {
            case 3 -> ExitCode.DAEMON_UNREACHABLE;
            case 1 -> ExitCode.FINDINGS;
            default -> ExitCode.OK;
        };
    }

    private ExitCode scenarios(Arguments args) throws UsageException {
        String format = "text";
        while (args.hasMore()) {
            String word = args.next();
            if (Arguments.optionName(word).equals("--format")) {
                format = args.formatValue(word);
            } else {
                throw new UsageException("scenarios: unknown option '" + word + "'");
            }
        }
        List<dev.buildxlens.core.scenario.Scenario> all = new ArrayList<>();
        for (String name : dev.buildxlens.core.scenario.Scenarios.builtInNames()) {
            try {
                all.add(dev.buildxlens.core.scenario.Scenarios.builtIn(name));
            } catch (dev.buildxlens.core.scenario.ScenarioException e) {
                err.println("buildx-lens: built-in scenario " + e.getMessage());
            }
        }
        out.print(format.equals("json") ? dev.buildxlens.core.report.ScenarioList.json(all) : dev.buildxlens.core.report.ScenarioList.text(all));
        return ExitCode.OK;
    }

    /** Loads {@code --scenario NAME|FILE}; a bad one is bad input. */
    static dev.buildxlens.core.scenario.Scenario scenario(String value) throws UsageException {
        try {
            return dev.buildxlens.core.scenario.Scenarios.find(value);
        } catch (dev.buildxlens.core.scenario.ScenarioException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ExitCode inspect(Arguments args) throws UsageException {
        List<String> registries = new ArrayList<>();
        String format = "text";
        dev.buildxlens.core.scenario.Scenario world = null;
        String exportTo = null;
        boolean keepUserNames = false;
        boolean force = false;
        while (args.hasMore()) {
            String word = args.next();
            switch (Arguments.optionName(word)) {
                case "--registry" -> registries.add(args.registryValue(word));
                case "--format" -> format = args.formatValue(word);
                case "--scenario" -> world = scenario(args.valueOf(word));
                case "--export-scenario" -> exportTo = args.valueOf(word);
                case "--keep-user-names" -> keepUserNames = true;
                case "--force" -> force = true;
                default -> throw new UsageException("inspect: unknown option '" + word + "'");
            }
        }
        if (exportTo != null && java.nio.file.Files.exists(java.nio.file.Path.of(exportTo)) && !force) {
            throw new UsageException("--export-scenario " + exportTo + ": the file exists; add --force to replace it");
        }
        Snapshot snapshot = world != null ? world.snapshot() : probe.apply(LiveProbe.Options.defaults().withRegistries(registries));
        if (exportTo != null) {
            java.nio.file.Path target = java.nio.file.Path.of(exportTo);
            String name = target.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            var export = dev.buildxlens.core.scenario.ScenarioExport.export(snapshot, name, keepUserNames);
            try {
                java.nio.file.Path dir = target.toAbsolutePath().getParent();
                java.nio.file.Files.createDirectories(dir);
                dev.buildxlens.core.files.AtomicFiles.write(target, export.yaml());
            } catch (java.io.IOException e) {
                throw new UsageException("--export-scenario " + exportTo + ": " + e.getMessage());
            }
            err.println("wrote scenario " + target + (export.redacted().isEmpty() ? " (nothing needed redacting)" : "; redacted:"));
            export.redacted().forEach(line -> err.println("  - " + line));
        }
        out.print(format.equals("json") ? SnapshotJson.write(snapshot) + "\n" : SnapshotText.write(snapshot));
        out.flush();
        dev.buildxlens.core.Trace.mark("output written");
        if (!snapshot.daemon().reachable()) {
            err.println("buildx-lens: the Docker daemon is unreachable (context " + snapshot.daemon().context() + "):");
            snapshot.daemon().attempts().forEach(a -> err.println("  " + a.line()));
            return ExitCode.DAEMON_UNREACHABLE;
        }
        return ExitCode.OK;
    }
}
