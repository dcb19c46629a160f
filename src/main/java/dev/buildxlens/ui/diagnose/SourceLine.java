package dev.buildxlens.ui.diagnose;

/** One line of the opened file, with the worst severity of the findings on it ({@code ""} when none). */
public record SourceLine(int number, String text, String severity, String marker) {
}
