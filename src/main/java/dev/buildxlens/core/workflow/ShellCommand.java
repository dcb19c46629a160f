package dev.buildxlens.core.workflow;

import java.util.List;
import java.util.Map;

/**
 * One simple command of a {@code run:} script: its words after quote removal (known variables substituted,
 * unknown {@code ${{ }}} expressions kept as written), the {@code VAR=value} assignments before it, its line, and
 * whether a pipe feeds it ({@code pipedIn}) or it feeds one ({@code pipedOut}).
 */
public record ShellCommand(List<String> words, Map<String, String> assignments, int line, boolean pipedIn, boolean pipedOut) {

    public ShellCommand {
        words = List.copyOf(words);
        assignments = Map.copyOf(assignments);
    }

    public ShellCommand(List<String> words, Map<String, String> assignments, int line) {
        this(words, assignments, line, false, false);
    }

    /** The same command, marked as the writing side of a pipe ({@code a | b}: a). */
    ShellCommand pipingOut() {
        return new ShellCommand(words, assignments, line, pipedIn, true);
    }

    public boolean is(String... prefix) {
        if (words.size() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!words.get(i).equals(prefix[i])) {
                return false;
            }
        }
        return true;
    }
}
