package dev.buildxlens.core.workflow;

import java.util.List;
import java.util.Map;

/**
 * One simple command of a {@code run:} script: its words after quote removal (known variables substituted,
 * unknown {@code ${{ }}} expressions kept as written), the {@code VAR=value} assignments before it, and its line.
 */
public record ShellCommand(List<String> words, Map<String, String> assignments, int line) {

    public ShellCommand {
        words = List.copyOf(words);
        assignments = Map.copyOf(assignments);
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
