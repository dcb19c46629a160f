package dev.buildxlens.core.fix;

import dev.buildxlens.core.workflow.Workflow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Minimal edits of a workflow file: only the lines a fix needs are added or changed, at the indentation the file
 * already uses; comments, ordering, quotes and everything else stay byte for byte. Edits are collected and applied
 * bottom-up so that the line numbers of the parsed workflow stay valid.
 */
public final class WorkflowEditor {

    /** Plain scalars start with a letter, digit, '_' or '/' (never a YAML indicator such as '-', '@' or '.'). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./:=,@+ -]*");

    private final List<String> lines;
    private final String newline;
    private final boolean finalNewline;
    private final List<Edit> edits = new ArrayList<>();

    private record Edit(int line, int remove, List<String> insert) {
    }

    public WorkflowEditor(String text) {
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
        this.finalNewline = text.endsWith("\n");
        String body = finalNewline ? text.substring(0, text.length() - newline.length()) : text;
        this.lines = new ArrayList<>(List.of(body.split("\r?\n", -1)));
    }

    /** Sets {@code key: value} in the step's {@code with:}, adding {@code with:} when the step has none. */
    public WorkflowEditor setInput(Workflow.Step step, String key, String value) {
        Workflow.Input existing = step.with().get(key);
        String indent = " ".repeat(step.layout().withKeyColumn());
        if (existing != null && existing.singleLine()) {
            edits.add(new Edit(existing.line(), 1, List.of(indent + key + ": " + scalar(value))));
        } else if (existing != null) {
            int last = blockEnd(existing.line(), step.layout().withKeyColumn());
            edits.add(new Edit(existing.line(), last - existing.line() + 1, List.of(indent + key + ": " + scalar(value))));
        } else if (step.layout().withLine() > 0) {
            edits.add(new Edit(step.layout().withLine() + 1, 0, List.of(indent + key + ": " + scalar(value))));
        } else {
            String stepIndent = " ".repeat(step.layout().keyColumn());
            edits.add(new Edit(stepEnd(step) + 1, 0, List.of(stepIndent + "with:", stepIndent + "  " + key + ": " + scalar(value))));
        }
        return this;
    }

    /** Adds one item to a list input (build-args, build-contexts, driver-opts), keeping the items already there. */
    public WorkflowEditor addListItem(Workflow.Step step, String key, String item) {
        Workflow.Input existing = step.with().get(key);
        if (existing == null) {
            return setInput(step, key, item);
        }
        String indent = " ".repeat(step.layout().withKeyColumn());
        String itemIndent = indent + "  ";
        if (existing.singleLine()) {
            edits.add(new Edit(existing.line(), 1, List.of(indent + key + ": |", itemIndent + existing.value().trim(), itemIndent + item)));
        } else {
            int last = blockEnd(existing.line(), step.layout().withKeyColumn());
            String current = lines.get(last - 1);
            String blockIndent = current.substring(0, current.length() - current.stripLeading().length());
            edits.add(new Edit(last + 1, 0, List.of((blockIndent.isEmpty() ? itemIndent : blockIndent) + item)));
        }
        return this;
    }

    public WorkflowEditor renameInput(Workflow.Step step, String from, String to) {
        Workflow.Input existing = step.with().get(from);
        if (existing != null) {
            String line = lines.get(existing.line() - 1);
            int at = line.indexOf(from + ":");
            edits.add(new Edit(existing.line(), 1, List.of(line.substring(0, at) + to + line.substring(at + from.length()))));
        }
        return this;
    }

    public WorkflowEditor removeInput(Workflow.Step step, String key) {
        Workflow.Input existing = step.with().get(key);
        if (existing != null) {
            int last = existing.singleLine() ? existing.line() : blockEnd(existing.line(), step.layout().withKeyColumn());
            edits.add(new Edit(existing.line(), last - existing.line() + 1, List.of()));
        }
        return this;
    }

    /** Adds a {@code registry:2} service publishing {@code port} to the job (and {@code services:} if it has none). */
    public WorkflowEditor addRegistryService(Workflow.Job job, int port) {
        String indent = " ".repeat(job.keyColumn());
        List<String> service = List.of(indent + "  registry:", indent + "    image: registry:2", indent + "    ports:",
                indent + "      - " + port + ":5000");
        if (job.servicesLine() > 0) {
            // Sibling services must line up with the ones already there.
            String entryIndent = indent + "  ";
            for (int i = job.servicesLine(); i < lines.size(); i++) {
                if (!lines.get(i).isBlank() && !lines.get(i).stripLeading().startsWith("#")) {
                    entryIndent = lines.get(i).substring(0, lines.get(i).length() - lines.get(i).stripLeading().length());
                    break;
                }
            }
            String e = entryIndent;
            edits.add(new Edit(job.servicesLine() + 1, 0, List.of(e + "registry:", e + "  image: registry:2", e + "  ports:",
                    e + "    - " + port + ":5000")));
        } else {
            List<String> block = new ArrayList<>();
            block.add(indent + "services:");
            block.addAll(service);
            int at = job.stepsLine() > 0 ? job.stepsLine() : job.line() + 1;
            edits.add(new Edit(at, 0, block));
        }
        return this;
    }

    /** Inserts a {@code run:} step after {@code after}, at the same indentation. */
    public WorkflowEditor insertRunStepAfter(Workflow.Step after, String name, List<String> script) {
        String dash = " ".repeat(Math.max(0, after.layout().keyColumn() - 2)) + "- ";
        String keys = " ".repeat(after.layout().keyColumn());
        List<String> step = new ArrayList<>();
        step.add(dash + "name: " + scalar(name));
        step.add(keys + "run: |");
        for (String line : script) {
            step.add(keys + "  " + line);
        }
        edits.add(new Edit(stepEnd(after) + 1, 0, step));
        return this;
    }

    public String apply() {
        List<String> result = new ArrayList<>(lines);
        edits.stream().sorted(Comparator.comparingInt(Edit::line).reversed()).forEach(edit -> {
            int index = edit.line() - 1;
            for (int i = 0; i < edit.remove(); i++) {
                result.remove(index);
            }
            result.addAll(Math.min(index, result.size()), edit.insert());
        });
        return String.join(newline, result) + (finalNewline ? newline : "");
    }

    /** The last line of a step: before the first later line indented less than its keys (blank and comment lines trimmed). */
    private int stepEnd(Workflow.Step step) {
        return blockEnd(step.line(), step.layout().keyColumn() - 1);
    }

    /** The last content line of the block that starts at {@code line} and holds lines indented more than {@code column}. */
    private int blockEnd(int line, int column) {
        int last = line;
        for (int i = line; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            int indent = text.length() - text.stripLeading().length();
            if (indent <= column) {
                break;
            }
            if (!text.stripLeading().startsWith("#")) {
                last = i + 1;
            }
        }
        return last;
    }

    /** Whether {@code value}, written plain, is read back as the same string (not a number, a date, a null…). */
    private static boolean readsBackAs(String value) {
        try {
            Object read = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromString("k: " + value);
            return read instanceof java.util.Map<?, ?> map && value.equals(map.get("k"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A YAML scalar for {@code value}: plain when that reads back as the same string, else double-quoted. */
    public static String scalar(String value) {
        if (value.equals("true") || value.equals("false")) {
            return value;
        }
        boolean plain = PLAIN.matcher(value).matches() && !value.endsWith(" ") && !value.contains(": ") && !value.contains(" #") && !value.endsWith(":")
                && !value.matches("(?i)true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.]*");
        if (plain && readsBackAs(value)) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    // Other control characters would fold or end the line: YAML's \\xNN / \\uNNNN keep them literal.
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff || c == 0xfffe || c == 0xffff) {
                        quoted.append(String.format(java.util.Locale.ROOT, c <= 0xff ? "\\x%02x" : "\\u%04x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }
}
