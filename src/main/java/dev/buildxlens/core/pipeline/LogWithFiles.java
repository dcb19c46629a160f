package dev.buildxlens.core.pipeline;

import dev.buildxlens.core.diagnose.Diagnosis;
import dev.buildxlens.core.diagnose.Evidence;
import dev.buildxlens.core.diagnose.Finding;
import dev.buildxlens.core.fix.FixPlan;
import dev.buildxlens.core.fix.FixPlans;
import dev.buildxlens.core.fix.NotOffered;
import dev.buildxlens.core.image.ImageReference;
import dev.buildxlens.core.log.LogDiagnosis;
import dev.buildxlens.core.log.PossibleCause;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A log read together with the build files it came from ({@code diagnose --log LOG --dockerfile …}/{@code --workflow …}):
 * the files' diagnosis leads, since it knows the lines to patch and (for a Dockerfile) this machine's stores. A file
 * finding of the same kind as one the log shows, about the same image when the log names one, carries the log's
 * evidence; a possible cause of the log that a file finding decides is gone from the possible causes (the finding
 * says it); what only the log shows stays, with its fixes; what neither decides stays possible.
 */
public final class LogWithFiles {

    private LogWithFiles() {
    }

    /** The combined result, and the log's own part with only the possible causes still open and what was matched. */
    public record Combined(PipelineResult result, LogDiagnosis log) {
    }

    public static Combined combine(PipelineResult files, LogPipeline.Result log) {
        LogDiagnosis read = log.diagnosis();
        String failing = normalized(read.facts().failingRef() != null ? read.facts().failingRef() : read.facts().failingImage());
        List<Finding> findings = new ArrayList<>();
        Set<Finding> usedFromLog = new LinkedHashSet<>();
        Set<PossibleCause> decided = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>(read.notes());
        for (Finding fileFinding : files.diagnosis().findings()) {
            List<Evidence> evidence = new ArrayList<>(fileFinding.evidence());
            for (Finding logFinding : read.findings()) {
                if (logFinding.kind() == fileFinding.kind() && sameImage(logFinding.image().isEmpty() ? failing : normalized(logFinding.image()), fileFinding)) {
                    evidence.addAll(logFinding.evidence());
                    usedFromLog.add(logFinding);
                }
            }
            for (PossibleCause cause : read.possible()) {
                if (cause.kind() == fileFinding.kind() && sameImage(failing, fileFinding)) {
                    evidence.addAll(cause.evidence());
                    decided.add(cause);
                    notes.add("the log's possible " + cause.id() + " is decided by " + fileFinding.file() + ":" + fileFinding.line());
                }
            }
            findings.add(evidence.size() == fileFinding.evidence().size() ? fileFinding : fileFinding.withEvidence(distinct(evidence)));
        }
        List<FixPlan> plans = new ArrayList<>(files.fixes().plans());
        List<NotOffered> notOffered = new ArrayList<>(files.fixes().notOffered());
        for (Finding logFinding : read.findings()) {
            if (!usedFromLog.contains(logFinding)) {
                // Shown by the log only (an error of the run the files cannot show): its fixes come from the log.
                findings.add(logFinding);
                plans.addAll(log.fixes().forFinding(logFinding.key()));
                notOffered.addAll(log.fixes().notOfferedFor(logFinding.key()));
            }
        }
        List<PossibleCause> open = read.possible().stream().filter(cause -> !decided.contains(cause)).toList();
        // The files are judged on the builder asked for (or the current one); the log may show another: say so.
        String logBuilder = read.facts().builder().name();
        List<String> judgedOn = files.diagnosis().builds().stream().map(b -> b.builder().name()).distinct().toList();
        if (logBuilder != null && !judgedOn.isEmpty() && !judgedOn.contains(logBuilder)) {
            notes.add("the log's build ran on " + logBuilder + "; the files were judged on " + String.join(", ", judgedOn)
                    + " (give --builder " + logBuilder + " to judge them on the log's builder, where it exists)");
        }
        Diagnosis diagnosis = new Diagnosis(files.diagnosis().builds(), findings, files.diagnosis().assumptions());
        PipelineResult result = new PipelineResult(files.input(), files.sourceText(), diagnosis,
                new FixPlans(plans, files.fixes().patchRoot(), notOffered), files.world(), files.filesRead(), null);
        return new Combined(result, new LogDiagnosis(read.facts(), findings, open, notes));
    }

    /** A finding about no image matches any; one about an image matches the log's image when both name the same reference. */
    private static boolean sameImage(String logImage, Finding fileFinding) {
        if (fileFinding.image().isEmpty() || logImage == null) {
            return true;
        }
        return logImage.equals(normalized(fileFinding.image()));
    }

    private static String normalized(String image) {
        return image == null || image.isBlank() ? null : ImageReference.normalize(image);
    }

    private static List<Evidence> distinct(List<Evidence> evidence) {
        return List.copyOf(new LinkedHashSet<>(evidence));
    }
}
