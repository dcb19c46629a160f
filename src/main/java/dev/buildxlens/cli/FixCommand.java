package dev.buildxlens.cli;

import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.fix.FixKind;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixStep;
import dev.buildxlens.core.fix.LocalFixContext;
import dev.buildxlens.core.fix.LocalFixPlanner;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.fix.WorkflowFixPlanner;
import dev.buildxlens.core.workflow.Workflow;
import dev.buildxlens.core.workflow.WorkflowException;
import dev.buildxlens.core.workflow.WorkflowParser;
import dev.buildxlens.core.workflow.WorkflowSimulator;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.core.report.FixReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code fix --dockerfile PATH ...} / {@code fix --workflow PATH ...}: the fixes for what {@code diagnose} finds, with the
 * user's names, ready to copy.
 * {@code --write-patch DIR} saves the patches as files; the user's own files are never touched.
 */
final class FixCommand {

    private final DiagnoseCommand diagnose;
    private final PrintStream out;

    FixCommand(Function<LiveProbe.Options, Snapshot> probe, PrintStream out, PrintStream err) {
        this.diagnose = new DiagnoseCommand(probe, out, err);
        this.out = out;
    }

    ExitCode run(Arguments args) throws UsageException {
        DiagnoseCommand.Options options = DiagnoseCommand.parse(args, true);
        if (!List.of("text", "json", "markdown").contains(options.format)) {
            throw new UsageException("--format must be text, json or markdown, not '" + options.format + "'");
        }
        if (options.workflow != null && options.dockerfile != null) {
            throw new UsageException("fix takes --dockerfile or --workflow, not both");
        }
        if (options.workflow == null && options.dockerfile == null && options.scenario == null) {
            throw new UsageException("fix needs --dockerfile PATH, --workflow PATH or --scenario NAME");
        }
        if (!options.fix.isEmpty()) {
            try {
                FixKind.byId(options.fix);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--fix: no fix named '" + options.fix + "'");
            }
        }
        String registry = options.registries.isEmpty() ? "localhost:5000" : options.registries.get(0);
        List<FixPlan> plans;
        ExitCode code = ExitCode.OK;
        try {
            if (options.workflow != null) {
                plans = workflowPlans(options, registry);
            } else if (options.dockerfile == null) {
                plans = DiagnoseCommand.scenarioRun(options).fixes();
            } else {
                DiagnoseCommand.DockerfileRun run = diagnose.diagnoseDockerfile(options);
                code = run.daemonCode();
                plans = LocalFixPlanner.plan(run.diagnosis(), new LocalFixContext(run.snapshot(), run.analysis(), run.dockerfileText(),
                        run.build(), registry));
            }
        } catch (DockerfileException e) {
            throw new UsageException(e.getMessage());
        }
        if (!options.fix.isEmpty()) {
            List<FixPlan> chosen = plans.stream().filter(p -> p.id().equals(options.fix)).toList();
            if (chosen.isEmpty()) {
                throw new UsageException("fix '" + options.fix + "' does not apply to this build; "
                        + (plans.isEmpty() ? "nothing needs fixing" : "these do: " + String.join(", ", plans.stream().map(FixPlan::id).toList())));
            }
            plans = chosen;
        }
        String note = plans.isEmpty() ? "Nothing to fix: diagnose found no error in this build." : "";
        if (options.writePatch != null) {
            writePatches(Path.of(options.writePatch), plans);
        }
        out.print(switch (options.format) {
            case "json" -> FixReport.json(plans, note) + "\n";
            case "markdown" -> FixReport.markdown(plans, note);
            default -> FixReport.text(plans, note);
        });
        out.flush();
        return code;
    }

    private List<FixPlan> workflowPlans(DiagnoseCommand.Options options, String registry) throws UsageException, DockerfileException {
        if (!options.registries.isEmpty() && !dev.buildxlens.core.model.RegistryHosts.isLoopback(registry)) {
            throw new UsageException("--registry: a workflow's registry service is on the runner's localhost; give localhost:PORT");
        }
        int port = registry.contains(":") ? Integer.parseInt(registry.substring(registry.lastIndexOf(':') + 1)) : 5000;
        Path file = Path.of(options.workflow);
        Path repo = options.repo != null ? Path.of(options.repo) : DiagnoseCommand.repositoryRoot(file);
        try {
            String text = Files.readString(file);
            Workflow workflow = WorkflowParser.parse(text, options.workflow);
            WorkflowSimulator.Result result = WorkflowSimulator.simulateWithProvenance(workflow,
                    new WorkflowSimulator.Options(repo, options.job, DiagnoseCommand.imageStore(options.imageStore)));
            String relative = repo.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
            return WorkflowFixPlanner.plan(result, new WorkflowFixPlanner.Context(workflow, text, relative, repo, port));
        } catch (WorkflowException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException(options.workflow + ": cannot be read: " + e.getMessage());
        }
    }

    /** Each patch goes to {@code DIR/<fix id>-<name>.patch}, written to a temp file and moved into place. */
    private void writePatches(Path dir, List<FixPlan> plans) throws UsageException {
        try {
            Files.createDirectories(dir);
            for (FixPlan plan : plans) {
                for (FixStep step : plan.steps()) {
                    for (Snippet snippet : step.snippets()) {
                        if (!snippet.kind().endsWith("-patch")) {
                            continue;
                        }
                        String name = plan.id() + "-" + Path.of(snippet.title()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
                        Path target = dir.resolve(name.endsWith(".patch") ? name : name + ".patch");
                        dev.buildxlens.core.files.AtomicFiles.write(target, snippet.content());
                        out.println("wrote " + target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UsageException("--write-patch " + dir + ": " + e.getMessage());
        }
    }
}
