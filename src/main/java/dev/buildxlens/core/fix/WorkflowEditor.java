package dev.buildxlens.core.fix;

import dev.buildxlens.core.workflow.ActionInputs;
import dev.buildxlens.core.workflow.Workflow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal edits of a workflow file: only the lines a fix needs are added or changed, at the indentation the file
 * already uses; comments, ordering, quotes and everything else stay byte for byte. Every edit first looks at the file
 * as it is and returns false when what it would add is already there, so a fix applied once is not proposed again.
 * Edits are collected and applied bottom-up so that the line numbers of the parsed workflow stay valid.
 */
public final class WorkflowEditor {

    /** Plain scalars start with a letter, digit, '_' or '/' (never a YAML indicator such as '-', '@' or '.'). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./:=,@+ -]*");
    /** The build verbs of the Docker CLI, where flags for the build can go right after. */
    private static final Pattern BUILD_VERB = Pattern.compile("\\bdocker\\s+(?:buildx\\s+(?:build|b)|image\\s+build|builder\\s+build|build)\\b");

    private final List<String> lines;
    private final String newline;
    private final boolean finalNewline;
    private final List<Edit> edits = new ArrayList<>();

    /**
     * One change: at {@code line}, remove {@code remove} lines and insert {@code insert}. Insertions at the same line
     * keep a reading order by {@code place}: lines that extend the block above ({@link #EXTEND}) come first, then new
     * steps placed after the step above ({@link #AFTER}), then new things placed before what follows ({@link #BEFORE}).
     */
    private record Edit(int line, int remove, List<String> insert, int place, int order) {
    }

    private static final int EXTEND = 0;
    private static final int AFTER = 1;
    private static final int BEFORE = 2;

    public WorkflowEditor(String text) {
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
        this.finalNewline = text.endsWith("\n");
        String body = finalNewline ? text.substring(0, text.length() - newline.length()) : text;
        this.lines = new ArrayList<>(List.of(body.split("\r?\n", -1)));
    }

    private void edit(int line, int remove, List<String> insert) {
        edit(line, remove, insert, EXTEND);
    }

    private void edit(int line, int remove, List<String> insert, int place) {
        edits.add(new Edit(line, remove, insert, place, edits.size()));
    }

    /** True when at least one edit is queued. */
    public boolean changed() {
        return !edits.isEmpty();
    }

    /** Sets {@code key: value} in the step's {@code with:}, adding {@code with:} when the step has none. */
    public boolean setInput(Workflow.Step step, String key, String value) {
        Workflow.Input existing = step.with().get(key);
        if (existing != null && existing.value().trim().equals(value)) {
            return false;
        }
        String indent = " ".repeat(step.layout().withKeyColumn());
        if (existing != null && existing.singleLine()) {
            edit(existing.line(), 1, List.of(indent + key + ": " + scalar(value)));
        } else if (existing != null) {
            int last = blockEnd(existing.line(), step.layout().withKeyColumn());
            edit(existing.line(), last - existing.line() + 1, List.of(indent + key + ": " + scalar(value)));
        } else if (step.layout().withLine() > 0) {
            edit(step.layout().withLine() + 1, 0, List.of(indent + key + ": " + scalar(value)));
        } else {
            String stepIndent = " ".repeat(step.layout().keyColumn());
            edit(stepEnd(step) + 1, 0, List.of(stepIndent + "with:", stepIndent + "  " + key + ": " + scalar(value)));
        }
        return true;
    }

    /** The items of a list input as the action splits them. */
    public static List<String> items(Workflow.Step step, String key) {
        return ActionInputs.list(step.input(key), key.equals("driver-opts"));
    }

    /**
     * Adds {@code NAME=value} to a list input (build-args, build-contexts, driver-opts), keeping the items already
     * there. An item of the same name with another value is replaced; the same item is left alone (returns false).
     */
    public boolean addListItem(Workflow.Step step, String key, String item) {
        Workflow.Input existing = step.with().get(key);
        if (existing == null) {
            return setInput(step, key, item);
        }
        List<String> current = items(step, key);
        if (current.contains(item)) {
            return false;
        }
        String name = item.contains("=") ? item.substring(0, item.indexOf('=') + 1) : null;
        Optional<String> sameName = name == null ? Optional.empty() : current.stream().filter(i -> i.startsWith(name)).findFirst();
        if (sameName.isPresent()) {
            return replaceListItem(step, key, sameName.get(), item);
        }
        String indent = " ".repeat(step.layout().withKeyColumn());
        String itemIndent = indent + "  ";
        if (existing.singleLine()) {
            List<String> block = new ArrayList<>();
            block.add(indent + key + ": |");
            current.forEach(i -> block.add(itemIndent + i));
            block.add(itemIndent + item);
            edit(existing.line(), 1, block);
        } else {
            int last = blockEnd(existing.line(), step.layout().withKeyColumn());
            String lastLine = lines.get(last - 1);
            String blockIndent = last > existing.line() ? lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length()) : itemIndent;
            edit(last + 1, 0, List.of(blockIndent + item));
        }
        return true;
    }

    /** Replaces one item of a list input by another. */
    public boolean replaceListItem(Workflow.Step step, String key, String oldItem, String newItem) {
        Workflow.Input existing = step.with().get(key);
        if (existing == null || oldItem.equals(newItem)) {
            return false;
        }
        if (existing.singleLine()) {
            List<String> current = new ArrayList<>(items(step, key));
            current.replaceAll(i -> i.equals(oldItem) ? newItem : i);
            String joined = String.join(key.equals("driver-opts") ? "," : "\n", current);
            if (joined.contains("\n")) {
                return false;
            }
            return setInput(step, key, joined);
        }
        int last = blockEnd(existing.line(), step.layout().withKeyColumn());
        for (int line = existing.line() + 1; line <= last; line++) {
            String text = lines.get(line - 1);
            int at = text.indexOf(oldItem);
            if (at >= 0 && text.strip().equals(oldItem)) {
                edit(line, 1, List.of(text.substring(0, at) + newItem + text.substring(at + oldItem.length())));
                return true;
            }
        }
        return false;
    }

    public boolean renameInput(Workflow.Step step, String from, String to) {
        Workflow.Input existing = step.with().get(from);
        if (existing == null || step.with().containsKey(to)) {
            return false;
        }
        String line = lines.get(existing.line() - 1);
        int at = line.indexOf(from + ":");
        if (at < 0) {
            return false;
        }
        edit(existing.line(), 1, List.of(line.substring(0, at) + to + line.substring(at + from.length())));
        return true;
    }

    public boolean removeInput(Workflow.Step step, String key) {
        Workflow.Input existing = step.with().get(key);
        if (existing == null) {
            return false;
        }
        int last = existing.singleLine() ? existing.line() : blockEnd(existing.line(), step.layout().withKeyColumn());
        edit(existing.line(), last - existing.line() + 1, List.of());
        return true;
    }

    /** Adds a {@code registry:2} service publishing {@code port} to the job (and {@code services:} if it has none). */
    public boolean addRegistryService(Workflow.Job job, int port) {
        boolean present = job.services().stream().anyMatch(s -> dev.buildxlens.core.model.Container.isRegistryImage(s.image())
                && s.ports().stream().anyMatch(p -> String.valueOf(port).equals(dev.buildxlens.core.workflow.WorkflowSimulator.hostPortOf(p))));
        if (present) {
            return false;
        }
        String indent = " ".repeat(job.keyColumn());
        String name = job.services().stream().anyMatch(s -> s.name().equals("registry")) ? "registry-" + port : "registry";
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
            edit(job.servicesLine() + 1, 0, List.of(e + name + ":", e + "  image: registry:2", e + "  ports:", e + "    - " + port + ":5000"), BEFORE);
        } else {
            int at = job.stepsLine() > 0 ? job.stepsLine() : job.line() + 1;
            edit(at, 0, List.of(indent + "services:", indent + "  " + name + ":", indent + "    image: registry:2", indent + "    ports:",
                    indent + "      - " + port + ":5000"), BEFORE);
        }
        return true;
    }

    /** Adds {@code other} to the jobs this job needs. */
    public boolean addNeeds(Workflow.Job job, String other) {
        if (job.needs().contains(other)) {
            return false;
        }
        String indent = " ".repeat(job.keyColumn());
        if (job.needsLine() == 0) {
            edit(job.line(), 0, List.of(indent + "needs: " + scalar(other)), BEFORE);
            return true;
        }
        if (!job.needsInline()) {
            // A block list: one more item, lined up with the first.
            String first = lines.get(job.needsLine());
            String itemIndent = first.substring(0, first.length() - first.stripLeading().length());
            edit(job.needsLine() + 1, 0, List.of(itemIndent + "- " + scalar(other)));
            return true;
        }
        List<String> all = new ArrayList<>(job.needs());
        all.add(other);
        edit(job.needsLine(), 1, List.of(indent + "needs: [" + String.join(", ", all.stream().map(WorkflowEditor::scalar).toList()) + "]"));
        return true;
    }

    /** Inserts a {@code run:} step after {@code after}, at the same indentation. */
    public void insertRunStepAfter(Workflow.Step after, String name, List<String> script) {
        edit(stepEnd(after) + 1, 0, runStep(after, name, script), AFTER);
    }

    /** Inserts a {@code run:} step before {@code before}, at the same indentation. */
    public void insertRunStepBefore(Workflow.Step before, String name, List<String> script) {
        edit(before.line(), 0, runStep(before, name, script), BEFORE);
    }

    /**
     * Inserts a step before {@code before}: {@code keys} are the step's lines as they would be written at column 0
     * (the first is the one after the dash), re-indented to the file's steps.
     */
    public void insertStepBefore(Workflow.Step before, List<String> keys) {
        edit(before.line(), 0, indentStep(before, keys), BEFORE);
    }

    /** Inserts a step after {@code after} (see {@link #insertStepBefore}). */
    public void insertStepAfter(Workflow.Step after, List<String> keys) {
        edit(stepEnd(after) + 1, 0, indentStep(after, keys), AFTER);
    }

    /**
     * Adds flags right after the build verb of the {@code docker build} / {@code docker buildx build} command on
     * {@code line} of a {@code run:} script. Returns false when the line does not hold exactly one such command.
     */
    public boolean addBuildFlags(int line, List<String> flags) {
        if (line < 1 || line > lines.size()) {
            return false;
        }
        String text = lines.get(line - 1);
        Matcher matcher = BUILD_VERB.matcher(text);
        if (!matcher.find()) {
            return false;
        }
        int end = matcher.end();
        if (matcher.find()) {
            return false;
        }
        edit(line, 1, List.of(text.substring(0, end) + " " + ShellQuote.command(flags) + text.substring(end)));
        return true;
    }

    private List<String> runStep(Workflow.Step sibling, String name, List<String> script) {
        List<String> keys = new ArrayList<>();
        keys.add("name: " + scalar(name));
        keys.add("run: |");
        script.forEach(line -> keys.add("  " + line));
        return indentStep(sibling, keys);
    }

    private static List<String> indentStep(Workflow.Step sibling, List<String> keys) {
        String dash = " ".repeat(Math.max(0, sibling.layout().keyColumn() - 2)) + "- ";
        String keyIndent = " ".repeat(sibling.layout().keyColumn());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add((i == 0 ? dash : keyIndent) + keys.get(i));
        }
        return out;
    }

    public String apply() {
        List<String> result = new ArrayList<>(lines);
        // Bottom-up, so earlier line numbers stay valid. At one line, replacements go first (they name the line as it
        // was); insertions then go in reverse reading order (each lands on top of the ones before it): the last place
        // and, within a place, the last queued first, so the first queued of the first place ends up on top.
        Comparator<Edit> bottomUp = Comparator.comparingInt(Edit::line).reversed()
                .thenComparing(Comparator.comparingInt((Edit e) -> e.remove() > 0 ? 0 : 1))
                .thenComparing(Comparator.comparingInt(Edit::place).reversed())
                .thenComparing(Comparator.comparingInt(Edit::order).reversed());
        edits.stream().sorted(bottomUp).forEach(edit -> {
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
