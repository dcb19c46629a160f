package dev.buildxlens.core.fix;

import dev.buildxlens.core.dockerfile.DockerfileException;
import dev.buildxlens.core.dockerfile.DockerfileParser;
import dev.buildxlens.core.dockerfile.Instruction;
import dev.buildxlens.core.dockerfile.ParsedDockerfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal, byte-preserving edits of a Dockerfile: only the lines a fix needs change; line endings and everything
 * else stay as the user wrote them.
 */
public final class DockerfileEdits {

    private static final Pattern SIMPLE_ARG = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private DockerfileEdits() {
    }

    /** The result of making a FROM image a build arg. {@code text} equals the input when the FROM already was one. */
    public record Parameterized(String text, String argName, boolean changed) {
    }

    /**
     * Makes the image of the FROM at {@code fromLine} come from a global ARG with {@code defaultImage} as default
     * ({@code ARG BASE_IMAGE=<image>} before the first FROM, {@code FROM ${BASE_IMAGE}}): BuildKit's
     * {@code InvalidDefaultArgInFrom} check passes because the ARG keeps a default. A FROM that already reads
     * {@code $NAME} or {@code ${NAME}} is left alone and its ARG is reused.
     */
    public static Parameterized parameterizeFrom(String text, String file, int fromLine, String defaultImage) throws DockerfileException {
        ParsedDockerfile parsed = DockerfileParser.parse(text, file);
        Instruction from = parsed.instructions().stream().filter(i -> i.keyword().equals("FROM") && i.line() == fromLine)
                .findFirst().orElseThrow(() -> new DockerfileException(file, fromLine, "no FROM instruction on this line"));
        String written = imageWord(from.arguments());
        Matcher simple = SIMPLE_ARG.matcher(written);
        if (simple.matches()) {
            return new Parameterized(text, simple.group(1), false);
        }
        String argName = freeArgName(parsed);
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        boolean replaced = false;
        for (int index = from.line() - 1; index < from.endLine() && !replaced; index++) {
            Matcher word = Pattern.compile("(?<=^|\\s)" + Pattern.quote(written) + "(?=\\s|$)").matcher(lines.get(index));
            if (word.find()) {
                lines.set(index, lines.get(index).substring(0, word.start()) + "${" + argName + "}" + lines.get(index).substring(word.end()));
                replaced = true;
            }
        }
        if (!replaced) {
            throw new DockerfileException(file, fromLine, "cannot find the image '" + written + "' on the FROM line");
        }
        int firstFrom = parsed.instructions().stream().filter(i -> i.keyword().equals("FROM")).findFirst().orElseThrow().line();
        lines.add(firstFrom - 1, "ARG " + argName + "=" + defaultImage);
        return new Parameterized(String.join(newline, lines), argName, true);
    }

    /** The image word of FROM arguments ({@code [--platform=...] image [AS name]}). */
    static String imageWord(String arguments) {
        for (String word : arguments.trim().split("\\s+")) {
            if (!word.startsWith("--")) {
                return word;
            }
        }
        return "";
    }

    private static String freeArgName(ParsedDockerfile parsed) {
        String name = "BASE_IMAGE";
        int suffix = 2;
        while (declares(parsed, name).isPresent()) {
            name = "BASE_IMAGE_" + suffix++;
        }
        return name;
    }

    private static Optional<Instruction> declares(ParsedDockerfile parsed, String name) {
        return parsed.instructions().stream().filter(i -> i.keyword().equals("ARG")
                && (i.arguments().equals(name) || i.arguments().startsWith(name + "=") || i.arguments().contains(" " + name))).findFirst();
    }
}
