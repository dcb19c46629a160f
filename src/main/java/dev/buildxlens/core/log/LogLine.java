package dev.buildxlens.core.log;

/**
 * One line of a log as the reader keeps it: its 1-based number in the original file (so evidence points at the
 * line the user sees in their editor) and its normalised text (no ANSI colours, CR, runner timestamps).
 */
public record LogLine(int number, String text) {

    public LogLine {
        text = text == null ? "" : text;
    }

    /** The text without the indentation CI pages add, for matching. */
    public String trimmed() {
        return text.strip();
    }
}
