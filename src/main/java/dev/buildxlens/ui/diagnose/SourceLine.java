package dev.buildxlens.ui.diagnose;

import dev.buildxlens.core.diagnose.Severity;

/** One line of the opened file, with the worst severity of the findings on it ({@code null} when none). */
public record SourceLine(int number, String text, Severity severity, String marker) {
}
