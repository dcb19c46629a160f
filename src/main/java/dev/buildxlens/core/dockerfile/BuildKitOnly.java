package dev.buildxlens.core.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Dockerfile syntax only BuildKit builds: the legacy builder (plain {@code docker build} without the buildx plugin
 * from Docker 23.0, or {@code DOCKER_BUILDKIT=0}) refuses it. Checked against dockerd's legacy builder here: any flag
 * on RUN ("the --mount option requires BuildKit", moby {@code builder/dockerfile/dispatchers.go}), {@code --chmod} on
 * COPY/ADD (same wording), {@code --link} ("Unknown flag: link"), and heredocs (their body lines read as instructions).
 */
public final class BuildKitOnly {

    /** What the legacy builder refuses, and where. */
    public record Use(String what, int line) {
        public String describe() {
            return what + " (line " + line + ")";
        }
    }

    /** Flags the legacy builder knows on COPY and ADD. */
    private static final Set<String> LEGACY_COPY_FLAGS = Set.of("from", "chown");

    private BuildKitOnly() {
    }

    public static List<Use> uses(ParsedDockerfile dockerfile) {
        List<Use> uses = new ArrayList<>();
        for (Instruction instruction : dockerfile.instructions()) {
            String keyword = instruction.keyword();
            if (!keyword.equals("RUN") && !keyword.equals("COPY") && !keyword.equals("ADD")) {
                continue;
            }
            for (String word : ShellWords.split(instruction.arguments(), dockerfile.escape())) {
                if (!word.startsWith("--")) {
                    break;
                }
                String flag = word.substring(2).split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (keyword.equals("RUN") || !LEGACY_COPY_FLAGS.contains(flag)) {
                    uses.add(new Use(keyword + " --" + flag, instruction.line()));
                }
            }
            if (instruction.endLine() > instruction.line() && DockerfileParser.HEREDOC.matcher(instruction.arguments()).find()) {
                uses.add(new Use("a heredoc in " + keyword, instruction.line()));
            }
        }
        return uses;
    }
}
