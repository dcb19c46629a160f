package dev.buildxlens.core.dockerfile;

import java.util.List;
import java.util.Map;

/** The instructions of a Dockerfile, its parser directives and the escape character in force. */
public record ParsedDockerfile(String file, List<Instruction> instructions, Map<String, String> directives, char escape) {

    public ParsedDockerfile {
        instructions = List.copyOf(instructions);
        directives = Map.copyOf(directives);
    }
}
