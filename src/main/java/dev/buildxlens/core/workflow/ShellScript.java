package dev.buildxlens.core.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a {@code run:} script into simple commands, the way bash would for the parts that matter here:
 * quotes, {@code \}-newline continuations, comments, command separators ({@code ;}, {@code &&}, {@code ||},
 * {@code |}, newlines), {@code VAR=value} prefixes and {@code export}, heredoc bodies skipped, {@code $VAR} and
 * {@code ${{ env.X }}} substituted when known. What it cannot follow stays as written: it never fails.
 */
public final class ShellScript {

    private final String text;
    private final Map<String, String> variables;
    private int position;
    private int line;
    private final List<ShellCommand> commands = new ArrayList<>();
    private final List<String> pendingHeredocs = new ArrayList<>();

    private ShellScript(String text, int firstLine, Map<String, String> variables) {
        this.text = text;
        this.line = firstLine;
        this.variables = new LinkedHashMap<>(variables);
    }

    /** Commands of {@code script}, whose first line is {@code firstLine} of the workflow file. */
    public static List<ShellCommand> parse(String script, int firstLine, Map<String, String> env) {
        ShellScript parser = new ShellScript(script, firstLine, env);
        parser.run();
        return parser.commands;
    }

    private void run() {
        List<String> words = new ArrayList<>();
        Map<String, String> assignments = new LinkedHashMap<>();
        int commandLine = line;
        StringBuilder word = null;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\\' && position + 1 < text.length() && text.charAt(position + 1) == '\n') {
                position += 2;
                line++;
                continue;
            }
            if (c == '\n' || c == ';' || c == '|' || c == '&') {
                if (word != null) {
                    addWord(words, assignments, word.toString());
                    word = null;
                }
                boolean pipe = c == '|' && !text.startsWith("||", position) && (position == 0 || text.charAt(position - 1) != '|');
                int before = commands.size();
                finish(words, assignments, commandLine);
                if (pipe && commands.size() > before) {
                    commands.set(commands.size() - 1, commands.get(commands.size() - 1).pipingOut());
                }
                nextPipedIn = pipe;
                words = new ArrayList<>();
                assignments = new LinkedHashMap<>();
                position++;
                if (c == '\n') {
                    line++;
                    skipHeredocBodies();
                }
                commandLine = line;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    addWord(words, assignments, word.toString());
                    word = null;
                }
                position++;
                continue;
            }
            if (c == '#' && word == null) {
                while (position < text.length() && text.charAt(position) != '\n') {
                    position++;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
                if (words.isEmpty()) {
                    commandLine = line;
                }
            }
            if (c == '<' || c == '>') {
                if (text.startsWith("<<", position) && !text.startsWith("<<<", position)) {
                    position += 2;
                    boolean stripTabs = position < text.length() && text.charAt(position) == '-';
                    if (stripTabs) {
                        position++;
                    }
                    pendingHeredocs.add((stripTabs ? "-" : "") + readHeredocDelimiter());
                    continue;
                }
                if (!word.isEmpty()) {
                    addWord(words, assignments, word.toString());
                }
                words.add(String.valueOf(c));
                word = null;
                position++;
                continue;
            }
            if (c == '\'') {
                int end = text.indexOf('\'', position + 1);
                end = end < 0 ? text.length() : end;
                String quoted = text.substring(position + 1, end);
                line += count(quoted, '\n');
                word.append(quoted);
                position = Math.min(end + 1, text.length());
                continue;
            }
            if (c == '"') {
                position++;
                while (position < text.length() && text.charAt(position) != '"') {
                    char d = text.charAt(position);
                    if (d == '\\' && position + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(position + 1)) >= 0) {
                        if (text.charAt(position + 1) != '\n') {
                            word.append(text.charAt(position + 1));
                        } else {
                            line++;
                        }
                        position += 2;
                    } else if (d == '$') {
                        word.append(expansion());
                    } else {
                        if (d == '\n') {
                            line++;
                        }
                        word.append(d);
                        position++;
                    }
                }
                position++;
                continue;
            }
            if (c == '\\' && position + 1 < text.length()) {
                word.append(text.charAt(position + 1));
                position += 2;
                continue;
            }
            if (c == '$') {
                word.append(expansion());
                continue;
            }
            word.append(c);
            position++;
        }
        if (word != null) {
            addWord(words, assignments, word.toString());
        }
        finish(words, assignments, commandLine);
    }

    /** {@code ${{ expr }}}, {@code ${VAR}}, {@code $VAR}; unknown ones are kept as written. */
    private String expansion() {
        if (text.startsWith("${{", position)) {
            int end = text.indexOf("}}", position);
            end = end < 0 ? text.length() : end + 2;
            String expression = text.substring(position, end);
            position = end;
            String inner = expression.length() >= 5 ? expression.substring(3, expression.length() - 2).trim() : "";
            if (inner.startsWith("env.") && variables.containsKey(inner.substring(4))) {
                return variables.get(inner.substring(4));
            }
            return expression;
        }
        if (text.startsWith("${", position)) {
            int end = text.indexOf('}', position);
            if (end > 0) {
                String name = text.substring(position + 2, end);
                position = end + 1;
                return variables.containsKey(name) ? variables.get(name) : "${" + name + "}";
            }
        }
        int start = position + 1;
        int end = start;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end == start) {
            position++;
            return "$";
        }
        String name = text.substring(start, end);
        position = end;
        return variables.containsKey(name) ? variables.get(name) : "$" + name;
    }

    private String readHeredocDelimiter() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
        StringBuilder delimiter = new StringBuilder();
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
            char c = text.charAt(position++);
            if (c != '\'' && c != '"') {
                delimiter.append(c);
            }
        }
        return delimiter.toString();
    }

    private void skipHeredocBodies() {
        for (String pending : pendingHeredocs) {
            boolean stripTabs = pending.startsWith("-");
            String delimiter = stripTabs ? pending.substring(1) : pending;
            while (position < text.length()) {
                int end = text.indexOf('\n', position);
                String bodyLine = text.substring(position, end < 0 ? text.length() : end);
                position = end < 0 ? text.length() : end + 1;
                line++;
                if ((stripTabs ? bodyLine.replaceFirst("^\t+", "") : bodyLine).equals(delimiter)) {
                    break;
                }
            }
        }
        pendingHeredocs.clear();
    }

    private void addWord(List<String> words, Map<String, String> assignments, String word) {
        int equals = word.indexOf('=');
        if (words.isEmpty() && equals > 0 && word.substring(0, equals).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            assignments.put(word.substring(0, equals), word.substring(equals + 1));
            return;
        }
        words.add(word);
    }

    /** The command being read follows a single {@code |}. */
    private boolean nextPipedIn;

    private void finish(List<String> words, Map<String, String> assignments, int commandLine) {
        if (words.isEmpty()) {
            // A bare assignment sets a shell variable for the rest of the script.
            variables.putAll(assignments);
            if (!assignments.isEmpty()) {
                commands.add(new ShellCommand(List.of(), assignments, commandLine));
            }
            return;
        }
        if (words.get(0).equals("export")) {
            for (String exported : words.subList(1, words.size())) {
                int equals = exported.indexOf('=');
                if (equals > 0) {
                    variables.put(exported.substring(0, equals), exported.substring(equals + 1));
                    assignments.put(exported.substring(0, equals), exported.substring(equals + 1));
                }
            }
            commands.add(new ShellCommand(List.of("export"), assignments, commandLine));
            return;
        }
        commands.add(new ShellCommand(words, assignments, commandLine, nextPipedIn, false));
        nextPipedIn = false;
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(x -> x == c).count();
    }
}
