package dev.buildxlens.core.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u}, {@code git apply}) between two versions of a text file, computed line by line
 * with a longest-common-subsequence table (the files are Dockerfiles and workflows: small). Lines keep their exact
 * bytes; a missing final newline is marked the way {@code patch} expects.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    private record Line(String text, boolean newline) {
    }

    private record Edit(char kind, Line line) {
    }

    /** {@code path} is repository-relative; the headers use git's {@code a/} and {@code b/} prefixes. Empty if equal. */
    public static String of(String path, String original, String modified) {
        if (original.equals(modified)) {
            return "";
        }
        List<Line> a = lines(original);
        List<Line> b = lines(modified);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- a/").append(path).append('\n').append("+++ b/").append(path).append('\n');
        int index = 0;
        while (index < edits.size()) {
            while (index < edits.size() && edits.get(index).kind() == ' ') {
                index++;
            }
            if (index >= edits.size()) {
                break;
            }
            int start = Math.max(0, index - CONTEXT);
            int end = index;
            int lastChange = index;
            while (end < edits.size()) {
                if (edits.get(end).kind() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            hunk(out, edits, start, end);
            index = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> edits, int start, int end) {
        int oldStart = 1;
        int newStart = 1;
        for (int i = 0; i < start; i++) {
            if (edits.get(i).kind() != '+') {
                oldStart++;
            }
            if (edits.get(i).kind() != '-') {
                newStart++;
            }
        }
        int oldCount = 0;
        int newCount = 0;
        for (int i = start; i < end; i++) {
            if (edits.get(i).kind() != '+') {
                oldCount++;
            }
            if (edits.get(i).kind() != '-') {
                newCount++;
            }
        }
        out.append("@@ -").append(range(oldCount == 0 ? oldStart - 1 : oldStart, oldCount))
                .append(" +").append(range(newCount == 0 ? newStart - 1 : newStart, newCount)).append(" @@\n");
        for (int i = start; i < end; i++) {
            Edit edit = edits.get(i);
            out.append(edit.kind()).append(edit.line().text()).append('\n');
            if (!edit.line().newline()) {
                out.append("\\ No newline at end of file\n");
            }
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    private static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            int newline = text.indexOf('\n', position);
            if (newline < 0) {
                lines.add(new Line(text.substring(position), false));
                break;
            }
            lines.add(new Line(text.substring(position, newline), true));
            position = newline + 1;
        }
        return lines;
    }

    /**
     * Applies a diff made by {@link #of} to {@code original}, strictly: every context and removed line must match,
     * else the file changed since the diff was made and nothing is applied.
     */
    public static String apply(String original, String diff) throws PatchException {
        List<Line> source = lines(original);
        List<Line> result = new ArrayList<>();
        int position = 0;
        String[] rows = diff.split("\n", -1);
        int i = 0;
        while (i < rows.length && !rows[i].startsWith("@@")) {
            i++;
        }
        while (i < rows.length && rows[i].startsWith("@@")) {
            java.util.regex.Matcher header = java.util.regex.Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+\\d+(?:,\\d+)? @@").matcher(rows[i]);
            if (!header.find()) {
                throw new PatchException("bad hunk header: " + rows[i]);
            }
            int oldStart = Integer.parseInt(header.group(1));
            int oldCount = header.group(2) == null ? 1 : Integer.parseInt(header.group(2));
            int start = oldCount == 0 ? oldStart : oldStart - 1;
            while (position < start && position < source.size()) {
                result.add(source.get(position++));
            }
            i++;
            while (i < rows.length && !rows[i].startsWith("@@") && !rows[i].isEmpty()) {
                String row = rows[i];
                boolean noNewline = i + 1 < rows.length && rows[i + 1].startsWith("\\ No newline");
                Line line = new Line(row.substring(1), !noNewline);
                switch (row.charAt(0)) {
                    case ' ', '-' -> {
                        if (position >= source.size() || !source.get(position).text().equals(line.text())) {
                            throw new PatchException("the file changed since the patch was made (line " + (position + 1) + ")");
                        }
                        if (row.charAt(0) == ' ') {
                            result.add(source.get(position));
                        }
                        position++;
                    }
                    case '+' -> result.add(line);
                    default -> throw new PatchException("bad patch line: " + row);
                }
                i += noNewline ? 2 : 1;
            }
        }
        while (position < source.size()) {
            result.add(source.get(position++));
        }
        StringBuilder out = new StringBuilder();
        for (Line line : result) {
            out.append(line.text());
            if (line.newline()) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** A patch that does not fit the file it is applied to. */
    public static final class PatchException extends Exception {
        public PatchException(String message) {
            super(message);
        }
    }

    /**
     * The edit script. Lines both versions share at the start and at the end are kept as they are; the
     * longest-common-subsequence table covers only the changed middle. A fix changes a few lines of a file of
     * hundreds, and a command plans dozens of fixes: the whole table cost more than everything else {@code diagnose}
     * of a 10-job workflow does. The diff is as short; where a change can be shown in several equally short ways
     * (a moved line among equal ones), it may show another of them.
     */
    private static List<Edit> edits(List<Line> a, List<Line> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && same(a.get(prefix), b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && same(a.get(a.size() - 1 - suffix), b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            edits.add(new Edit(' ', a.get(k)));
        }
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), edits);
        for (int k = a.size() - suffix; k < a.size(); k++) {
            edits.add(new Edit(' ', a.get(k)));
        }
        // Deletions before insertions inside a change, as diff prints them.
        for (int k = 1; k < edits.size(); k++) {
            if (edits.get(k).kind() == '-' && edits.get(k - 1).kind() == '+') {
                int m = k;
                while (m > 0 && edits.get(m - 1).kind() == '+') {
                    Edit swap = edits.get(m - 1);
                    edits.set(m - 1, edits.get(m));
                    edits.set(m, swap);
                    m--;
                }
            }
        }
        return edits;
    }

    private static void middle(List<Line> a, List<Line> b, List<Edit> edits) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = same(a.get(i), b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && same(a.get(i), b.get(j))) {
                edits.add(new Edit(' ', a.get(i++)));
                j++;
            } else if (j < b.size() && (i >= a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                edits.add(new Edit('+', b.get(j++)));
            } else {
                edits.add(new Edit('-', a.get(i++)));
            }
        }
    }

    /** A record's own equals goes through a method handle, which is slow until compiled; this is called n×m times. */
    private static boolean same(Line one, Line other) {
        return one.newline() == other.newline() && one.text().equals(other.text());
    }
}
