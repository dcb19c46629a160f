package dev.buildxlens.cli;

import dev.buildxlens.core.files.AtomicFiles;
import dev.buildxlens.core.fix.FixKind;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.fix.Snippet;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.LiveProbe;
import dev.buildxlens.core.report.FixReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code fix --dockerfile PATH ...} / {@code fix --workflow PATH ...}: the fixes for what {@code diagnose} finds, with the
 * user's names, ready to copy. {@code --write-patch DIR} saves the patches as files; the user's own files are never
 * touched.
 */
final class FixCommand {

    private final DiagnoseCommand diagnose;
    private final java.util.Map<String, String> environment;
    private final PrintStream out;

    FixCommand withStdin(java.io.InputStream in) {
        diagnose.withStdin(in);
        return this;
    }

    FixCommand(Function<LiveProbe.Options, Snapshot> probe, dev.buildxlens.core.pipeline.ImageDetails details,
               java.util.Map<String, String> environment, PrintStream out, PrintStream err) {
        this.diagnose = new DiagnoseCommand(probe, details, environment, out, err);
        this.environment = environment;
        this.out = out;
    }

    ExitCode run(Arguments args) throws UsageException {
        DiagnoseCommand.Options options = DiagnoseCommand.parse(args, true, environment);
        if (!List.of("text", "json", "markdown").contains(options.format)) {
            throw new UsageException("--format must be text, json or markdown, not '" + options.format + "'");
        }
        if (!options.fix.isEmpty()) {
            try {
                FixKind.byId(options.fix);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--fix: no fix named '" + options.fix + "'");
            }
        }
        FixPlans fixes;
        boolean hasErrors;
        ExitCode code;
        if (options.log != null && options.hasBuildFiles()) {
            // With its build files, the fixes are the files' (patches) and the log's for what only the log shows.
            dev.buildxlens.core.pipeline.LogWithFiles.Combined combined = diagnose.combined(options);
            fixes = combined.result().fixes();
            hasErrors = combined.result().diagnosis().hasErrors();
            code = ExitCode.OK;
        } else if (options.log != null) {
            // A log's fixes are commands and snippets filled in from the log; it names no file to patch.
            dev.buildxlens.core.pipeline.LogPipeline.Result result = diagnose.readLog(options);
            fixes = result.fixes();
            hasErrors = result.diagnosis().diagnosis().hasErrors();
            code = ExitCode.OK;
        } else {
            DiagnoseCommand.Outcome outcome = diagnose.diagnose(options);
            fixes = outcome.result().fixes();
            hasErrors = outcome.result().diagnosis().hasErrors();
            code = outcome.daemonCode();
        }
        if (!options.fix.isEmpty()) {
            FixPlans chosen = fixes.only(options.fix);
            if (chosen.plans().isEmpty() && !fixes.plans().isEmpty()) {
                List<NotOffered> why = chosen.notOffered();
                throw new UsageException("fix '" + options.fix + "' " + (why.isEmpty() ? "does not apply to this build"
                        : "is not offered here: " + why.get(0).reason()) + "; these do: "
                        + String.join(", ", fixes.plans().stream().map(FixPlan::id).distinct().toList()));
            }
            if (chosen.plans().isEmpty() && !chosen.notOffered().isEmpty()) {
                throw new UsageException("fix '" + options.fix + "' is not offered here: " + chosen.notOffered().get(0).reason());
            }
            fixes = chosen;
        }
        // No plan is not "nothing wrong": findings whose fixes are not planned here say why under notOffered.
        String note = !fixes.plans().isEmpty() ? ""
                : hasErrors ? "No fix is planned here for what diagnose found: the fixes not offered say why."
                : "Nothing to fix: diagnose found no error in this build.";
        if (options.writePatch != null) {
            writePatches(Path.of(options.writePatch), fixes);
        }
        out.print(switch (options.format) {
            case "json" -> FixReport.json(fixes, note) + "\n";
            case "markdown" -> FixReport.markdown(fixes, note);
            default -> FixReport.text(fixes, note);
        });
        out.flush();
        return code;
    }

    /** Each patch goes to {@code DIR/<fix id>-<file name>.patch} (numbered when two would share a name), written atomically. */
    private void writePatches(Path dir, FixPlans fixes) throws UsageException {
        try {
            Files.createDirectories(dir);
            Set<String> names = new HashSet<>();
            for (FixPlan plan : fixes.plans()) {
                for (Snippet snippet : plan.patches()) {
                    String base = plan.id() + "-" + Path.of(snippet.title()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
                    String name = base;
                    for (int n = 2; !names.add(name); n++) {
                        name = base + "-" + n;
                    }
                    Path target = dir.resolve(name.endsWith(".patch") ? name : name + ".patch");
                    AtomicFiles.write(target, snippet.content());
                    out.println("wrote " + target);
                }
            }
            if (fixes.plans().stream().anyMatch(p -> !p.patches().isEmpty())) {
                out.println(fixes.patchRoot().howToApply());
            }
        } catch (IOException e) {
            throw new UsageException("--write-patch " + dir + ": " + e.getMessage());
        }
    }
}
