package dev.buildxlens.core.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions the way BuildKit's parser does ({@code frontend/dockerfile/parser}):
 * parser directives only at the very top ({@code # syntax=}, {@code # escape=} with {@code \} or a backtick);
 * comment lines; continuations with the escape character, even followed by trailing white space, skipping
 * comment and empty lines inside them; heredocs ({@code <<EOF}, {@code <<-EOF}, quoted delimiters) on
 * {@code RUN}, {@code COPY} and {@code ADD}, whose bodies are skipped; case-insensitive keywords.
 */
public final class DockerfileParser {

    /** Longer lines are not a Dockerfile anyone writes; refusing them keeps pathological input cheap. */
    static final int MAX_LINE_LENGTH = 1_000_000;

    private static final Set<String> KEYWORDS = Set.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("RUN", "COPY", "ADD");
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    /** A heredoc is a whole word: an optional fd, {@code <<} or {@code <<-}, then a delimiter, maybe quoted. */
    static final Pattern HEREDOC = Pattern.compile("(?:^|\\s)\\d*<<(-?)(?:\"([^\"\\s]+)\"|'([^'\\s]+)'|([A-Za-z_][A-Za-z0-9_]*))(?=\\s|$)");

    private DockerfileParser() {
    }

    public static ParsedDockerfile parse(String text, String file) throws DockerfileException {
        if (text.indexOf('\0') >= 0) {
            int line = (int) text.substring(0, text.indexOf('\0')).chars().filter(c -> c == '\n').count() + 1;
            throw new DockerfileException(file, line, "contains a NUL byte: not a text Dockerfile");
        }
        String[] lines = text.split("\r?\n", -1);
        Map<String, String> directives = new LinkedHashMap<>();
        int index = 0;
        for (; index < lines.length; index++) {
            Matcher directive = DIRECTIVE.matcher(lines[index]);
            if (!directive.matches()) {
                break;
            }
            String name = directive.group(1).toLowerCase(Locale.ROOT);
            if (directives.containsKey(name)) {
                throw new DockerfileException(file, index + 1, "only one " + name + " parser directive can be used");
            }
            directives.put(name, directive.group(2));
        }
        char escape = '\\';
        if (directives.containsKey("escape")) {
            String value = directives.get("escape");
            if (!value.equals("\\") && !value.equals("`")) {
                throw new DockerfileException(file, 1, "invalid escape token '" + value + "' does not match ` or \\");
            }
            escape = value.charAt(0);
        }

        List<Instruction> instructions = new ArrayList<>();
        while (index < lines.length) {
            String line = lines[index];
            if (line.length() > MAX_LINE_LENGTH) {
                throw new DockerfileException(file, index + 1, "line is longer than " + MAX_LINE_LENGTH + " characters");
            }
            if (isBlankOrComment(line)) {
                index++;
                continue;
            }
            int start = index;
            StringBuilder logical = new StringBuilder();
            String current = stripTrailingWhitespace(line);
            // Join continuations: a line ending with the escape character goes on on the next non-comment line.
            while (endsWithEscape(current, escape)) {
                logical.append(current, 0, current.length() - 1);
                int continued = index;
                index++;
                while (index < lines.length && isBlankOrComment(lines[index])) {
                    index++;
                }
                if (index >= lines.length) {
                    // The file ends inside the continuation: the instruction ends on the line that continued.
                    index = continued;
                    current = "";
                    break;
                }
                if (lines[index].length() > MAX_LINE_LENGTH) {
                    throw new DockerfileException(file, index + 1, "line is longer than " + MAX_LINE_LENGTH + " characters");
                }
                current = stripTrailingWhitespace(lines[index]);
            }
            logical.append(current);
            String joined = logical.toString().strip();
            int end = index;
            index++;

            int space = firstWhitespace(joined);
            String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : joined.substring(space).strip();
            if (!KEYWORDS.contains(keyword)) {
                throw new DockerfileException(file, start + 1, "unknown instruction: " + (space < 0 ? joined : joined.substring(0, space)));
            }
            if (HEREDOC_KEYWORDS.contains(keyword)) {
                Matcher heredoc = HEREDOC.matcher(arguments);
                while (heredoc.find()) {
                    boolean stripTabs = !heredoc.group(1).isEmpty();
                    String delimiter = heredoc.group(2) != null ? heredoc.group(2)
                            : heredoc.group(3) != null ? heredoc.group(3) : heredoc.group(4);
                    boolean terminated = false;
                    while (index < lines.length) {
                        String body = lines[index];
                        index++;
                        String candidate = stripTabs ? body.replaceFirst("^\t+", "") : body;
                        if (candidate.equals(delimiter)) {
                            terminated = true;
                            break;
                        }
                    }
                    if (!terminated) {
                        throw new DockerfileException(file, start + 1, "unterminated heredoc <<" + delimiter
                                + " (no line '" + delimiter + "' before the end of the file)");
                    }
                    end = index - 1;
                }
            }
            instructions.add(new Instruction(keyword, arguments, start + 1, end + 1));
        }
        return new ParsedDockerfile(file, instructions, directives, escape);
    }

    private static boolean isBlankOrComment(String line) {
        String trimmed = line.stripLeading();
        return trimmed.isEmpty() || trimmed.charAt(0) == '#';
    }

    private static String stripTrailingWhitespace(String line) {
        return line.stripTrailing();
    }

    private static boolean endsWithEscape(String line, char escape) {
        return !line.isEmpty() && line.charAt(line.length() - 1) == escape;
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
