package dev.buildxlens.core.log;

import java.util.List;
import java.util.Map;

/**
 * What a log shows, read once from top to bottom: its kind, the builder, the versions printed (keys {@code docker},
 * {@code docker-server}, {@code buildx}, {@code buildkit}, {@code compose}, and the majors of {@code setup-buildx-action} / {@code build-push-action}), the failing step and image (as written
 * in the Dockerfile, and as BuildKit normalised it), how it failed ({@code operation}: metadata-resolution, pull, push,
 * load, export, cache-export, builder-create, run, build), the error lines (only the last ones of a long log), the
 * recognised failure texts, and the outcome. {@code source} names the log in evidence ({@code -} for stdin).
 */
public record LogFacts(String source, LogKind kind, int lineCount, BuilderInfo builder, Map<String, String> versions,
                       String failingStep, String failingImage, String failingRef, String operation,
                       List<LogLine> imageLines, List<LogLine> errorLines, List<SymptomHit> symptoms,
                       LogOutcome outcome, int firstBuildFailure, List<LogLine> pullCommands, boolean loadRequested) {

    public LogFacts {
        versions = Map.copyOf(versions);
        imageLines = List.copyOf(imageLines);
        errorLines = List.copyOf(errorLines);
        symptoms = List.copyOf(symptoms);
        pullCommands = List.copyOf(pullCommands);
    }

    public List<SymptomHit> hits(String symptom) {
        return symptoms.stream().filter(h -> h.symptom().equals(symptom)).toList();
    }

    /**
     * The line that most looks like the error: the last {@code ERROR:}/{@code error:}/{@code failed to solve} line
     * (buildx and BuildKit end with that summary; runners and make add their own "exit code" lines after it), else the
     * last error line, else null: then the failing line is not in the log, and nobody should pretend it is.
     */
    public LogLine mainErrorLine() {
        for (int i = errorLines.size() - 1; i >= 0; i--) {
            if (SUMMARY.matcher(errorLines.get(i).trimmed()).find()) {
                return errorLines.get(i);
            }
        }
        return errorLines.isEmpty() ? null : errorLines.get(errorLines.size() - 1);
    }

    private static final java.util.regex.Pattern SUMMARY = java.util.regex.Pattern.compile(
            "^(?:Error: buildx failed with: )?(?:ERROR|error)(?::| \\[)|failed to (?:solve|build)\\b|^#\\d+ ERROR");
}
