package dev.buildxlens.workflow;

import dev.buildxlens.core.workflow.ShellCommand;
import dev.buildxlens.core.workflow.ShellScript;
import java.util.List;
import java.util.Map;

/** Reads a generated command line back into words, with the same shell rules the workflow analysis uses. */
public final class ShellWordsForTests {

    private ShellWordsForTests() {
    }

    public static List<String> split(String commandLine) {
        List<ShellCommand> commands = ShellScript.parse(commandLine, 1, Map.of());
        if (commands.size() != 1) {
            throw new IllegalArgumentException("expected one command, got " + commands.size() + ": " + commandLine);
        }
        return commands.get(0).words();
    }
}
