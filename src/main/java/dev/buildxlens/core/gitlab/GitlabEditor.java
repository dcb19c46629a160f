package dev.buildxlens.core.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Small, line-based edits of one GitLab CI file that keep everything else byte for byte: a script command before or
 * after another (as a list item of its own, or as a line of the same literal block), a word added to a command, an
 * item added to a job's {@code artifacts: paths} or {@code needs}. Each edit says whether it could be made; what is
 * already there is not added again. Every edit reads the file as it was and is applied at the end, bottom-up, so
 * the line numbers the simulation gave stay right however many edits one plan makes.
 */
final class GitlabEditor {

    private static final Pattern LITERAL_HEADER = Pattern.compile("-\\s*\\|[-+]?\\d*\\s*(#.*)?");

    /** Replace {@code remove} lines from index {@code start} (0-based) with {@code insert}; {@code order} keeps ties in order. */
    private record Op(int start, int remove, List<String> insert, int order) {
    }

    private final List<String> lines;
    private final String newline;
    private final List<Op> ops = new ArrayList<>();

    GitlabEditor(String text) {
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
        this.lines = List.of(text.split("\r?\n", -1));
    }

    /** The file with every edit applied. */
    String text() {
        List<String> edited = new ArrayList<>(lines);
        // Bottom-up; at one index a replacement of the original line goes first, so that lines inserted there (before
        // that line) end up above it rather than being what it removes.
        ops.stream().sorted(java.util.Comparator.comparingInt(Op::start).reversed()
                .thenComparing(op -> op.remove() == 0)
                .thenComparing(java.util.Comparator.comparingInt(Op::order).reversed())).forEach(op -> {
            for (int i = 0; i < op.remove(); i++) {
                edited.remove(op.start());
            }
            edited.addAll(op.start(), op.insert());
        });
        return String.join(newline, edited);
    }

    private void insert(int index, List<String> inserted) {
        ops.add(new Op(index, 0, List.copyOf(inserted), ops.size()));
    }

    String line(int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** How the script command on {@code line} is written: its own list item, a line of a literal block, or neither. */
    private enum Style { ITEM, BLOCK, OTHER }

    private Style style(int line) {
        String text = line(line);
        if (text.strip().startsWith("- ")) {
            return Style.ITEM;
        }
        int indent = indent(text);
        for (int i = line - 1; i >= 1; i--) {
            String header = line(i);
            if (header.isBlank()) {
                continue;
            }
            if (indent(header) < indent) {
                // A literal block keeps its lines; a folded one (>) would join an inserted line to its neighbour.
                return LITERAL_HEADER.matcher(header.strip()).matches() ? Style.BLOCK : Style.OTHER;
            }
        }
        return Style.OTHER;
    }

    /** Inserts {@code command} as a script command before (or after) the one on {@code line}; false when it cannot. */
    boolean insertCommand(int line, String command, boolean before) {
        Style style = style(line);
        if (style == Style.OTHER) {
            return false;
        }
        String text = line(line);
        String inserted = " ".repeat(indent(text)) + (style == Style.ITEM ? "- " : "") + command;
        // After a command: after its last physical line, not inside it.
        int last = before ? line : lastLineOf(line, style);
        int neighbour = before ? line - 1 : last + 1;
        if (line(neighbour).strip().equals(inserted.strip())) {
            return true;
        }
        insert(before ? line - 1 : last, List.of(inserted));
        return true;
    }

    /**
     * The last physical line of the script command that starts on {@code line}. A list item goes on over the lines
     * indented deeper than its dash (a plain or quoted scalar folded over several lines, or the body of a
     * {@code - |} block); a line of a literal block goes on while it ends in a backslash (the shell joins them).
     */
    private int lastLineOf(int line, Style style) {
        int last = line;
        if (style == Style.ITEM) {
            int dash = indent(line(line));
            for (int i = line + 1; i <= lines.size(); i++) {
                String text = line(i);
                if (text.isBlank()) {
                    continue;
                }
                if (indent(text) <= dash) {
                    break;
                }
                last = i;
            }
            return last;
        }
        while (last < lines.size() && line(last).stripTrailing().endsWith("\\")) {
            last++;
        }
        return last;
    }

    /** Replaces the first {@code target} on {@code line} with {@code replacement}, unless the line already has it. */
    boolean replaceOnLine(int line, String target, String replacement) {
        String text = line(line);
        if (text.contains(replacement)) {
            return true;
        }
        int at = text.indexOf(target);
        if (at < 0) {
            return false;
        }
        ops.add(new Op(line - 1, 1, List.of(text.substring(0, at) + replacement + text.substring(at + target.length())), ops.size()));
        return true;
    }

    /** The line of the job's key ({@code name:}) above its body's first line, or 0. */
    int jobKeyLine(String name, int bodyLine) {
        String base = name.contains(": [") ? name.substring(0, name.indexOf(": [")) : name;
        Pattern key = Pattern.compile("\\s*[\"']?" + Pattern.quote(base) + "[\"']?\\s*:\\s*(#.*)?");
        for (int i = Math.min(bodyLine, lines.size()); i >= 1; i--) {
            if (key.matcher(line(i)).matches()) {
                return i;
            }
        }
        return 0;
    }

    /** The last line of the job whose key is on {@code keyLine} (blank lines after it excluded). */
    private int jobEnd(int keyLine) {
        int keyIndent = indent(line(keyLine));
        int last = keyLine;
        for (int i = keyLine + 1; i <= lines.size(); i++) {
            String text = line(i);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            if (indent(text) <= keyIndent) {
                break;
            }
            last = i;
        }
        return last;
    }

    private int bodyIndent(int keyLine) {
        for (int i = keyLine + 1; i <= lines.size(); i++) {
            if (!line(i).isBlank()) {
                return indent(line(i));
            }
        }
        return indent(line(keyLine)) + 2;
    }

    /** The line of {@code key:} directly in the job's body, or 0. */
    private int bodyKey(int keyLine, String key) {
        int indent = bodyIndent(keyLine);
        for (int i = keyLine + 1; i <= jobEnd(keyLine); i++) {
            String text = line(i);
            if (indent(text) == indent && text.strip().startsWith(key + ":")) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Adds {@code path} to the job's {@code artifacts: paths} (a block list), adding the keys it lacks; false when
     * they are written in a way this editor does not change (flow style, anchors).
     */
    boolean addArtifactPath(int keyLine, String path) {
        int indent = bodyIndent(keyLine);
        int artifacts = bodyKey(keyLine, "artifacts");
        if (artifacts == 0) {
            int end = jobEnd(keyLine);
            insert(end, List.of(" ".repeat(indent) + "artifacts:", " ".repeat(indent + 2) + "paths:", " ".repeat(indent + 4) + "- " + path));
            return true;
        }
        if (!line(artifacts).strip().equals("artifacts:")) {
            return false;
        }
        int inner = indent(line(artifacts + 1));
        int paths = 0;
        int artifactsEnd = artifacts;
        for (int i = artifacts + 1; i <= lines.size() && (line(i).isBlank() || indent(line(i)) > indent); i++) {
            if (!line(i).isBlank()) {
                artifactsEnd = i;
            }
            if (indent(line(i)) == inner && line(i).strip().startsWith("paths:")) {
                paths = i;
            }
        }
        if (paths == 0) {
            insert(artifacts, List.of(" ".repeat(inner) + "paths:", " ".repeat(inner + 2) + "- " + path));
            return true;
        }
        if (!line(paths).strip().equals("paths:")) {
            return false;
        }
        return addToBlockList(paths, path);
    }

    /**
     * Sets {@code name: value} in the job's {@code variables} (a block mapping), adding the key when the job has none;
     * true when it is there already; false when the variables are written in a way this editor does not change (flow
     * style, an anchor or a merge key).
     */
    boolean addVariable(int keyLine, String name, String value) {
        int indent = bodyIndent(keyLine);
        int variables = bodyKey(keyLine, "variables");
        String entry = name + ": " + value;
        if (variables == 0) {
            insert(jobEnd(keyLine), List.of(" ".repeat(indent) + "variables:", " ".repeat(indent + 2) + entry));
            return true;
        }
        if (!line(variables).strip().equals("variables:")) {
            return false;
        }
        int inner = -1;
        int last = variables;
        for (int i = variables + 1; i <= lines.size() && (line(i).isBlank() || indent(line(i)) > indent); i++) {
            String text = line(i);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            if (inner < 0) {
                inner = indent(text);
            }
            if (indent(text) == inner && text.strip().startsWith("<<")) {
                return false;
            }
            if (indent(text) == inner && text.strip().matches("[\"']?" + Pattern.quote(name) + "[\"']?\\s*:.*")) {
                return text.strip().equals(entry);
            }
            last = i;
        }
        insert(last, List.of(" ".repeat(inner < 0 ? indent + 2 : inner) + entry));
        return true;
    }

    /** Adds {@code value} to the block list under the key on {@code keyLine}, unless it is there. */
    private boolean addToBlockList(int keyLine, String value) {
        int last = keyLine;
        int itemIndent = -1;
        for (int i = keyLine + 1; i <= lines.size(); i++) {
            String text = line(i);
            if (text.isBlank()) {
                continue;
            }
            if (!text.strip().startsWith("- ") || itemIndent >= 0 && indent(text) != itemIndent) {
                break;
            }
            itemIndent = indent(text);
            String item = text.strip().substring(2).strip();
            if (item.equals(value) || item.equals("\"" + value + "\"") || item.equals("'" + value + "'")) {
                return true;
            }
            last = i;
        }
        if (itemIndent < 0) {
            itemIndent = indent(line(keyLine)) + 2;
        }
        insert(last, List.of(" ".repeat(itemIndent) + "- " + value));
        return true;
    }

    /**
     * Adds {@code job} to the job's {@code needs} or {@code dependencies} list (block or flow style of plain names);
     * false when the list is written otherwise.
     */
    boolean addToJobList(int keyLine, String key, String job) {
        int at = bodyKey(keyLine, key);
        if (at == 0) {
            return false;
        }
        String text = line(at);
        String value = text.strip().substring(key.length() + 1).strip();
        if (value.isEmpty()) {
            return addToBlockList(at, job);
        }
        if (value.startsWith("[") && value.endsWith("]")) {
            String inside = value.substring(1, value.length() - 1).strip();
            for (String item : inside.split(",")) {
                if (item.strip().replace("\"", "").replace("'", "").equals(job)) {
                    return true;
                }
            }
            String updated = inside.isEmpty() ? "[" + job + "]" : "[" + inside + ", " + job + "]";
            ops.add(new Op(at - 1, 1, List.of(text.substring(0, text.indexOf(value)) + updated), ops.size()));
            return true;
        }
        return false;
    }
}
