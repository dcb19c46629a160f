package dev.buildxlens.core.diagnose;

/**
 * One line of an input that shows why a finding holds: the file it is in ({@code -} for standard input), its
 * 1-based line number, and its text as shown to people (already redacted by whoever made it).
 */
public record Evidence(String file, int line, String text) {

    public Evidence {
        file = file == null ? "" : file;
        text = text == null ? "" : text;
    }
}
