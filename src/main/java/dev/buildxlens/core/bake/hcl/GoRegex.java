package dev.buildxlens.core.bake.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's RE2 patterns on Java's engine for {@code regex}, {@code regexall} and {@code regex_replace}: named groups
 * {@code (?P<name>)}, POSIX classes {@code [[:alpha:]]}, {@code $} meaning the end of the text, and Go's
 * {@code $1}/{@code ${name}} replacement expansion. Java backtracks where RE2 does not, so matching reads the input
 * through a counter and gives up when the {@link Budget} is spent.
 */
final class GoRegex {

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private final Pattern pattern;
    private final List<String> groupNames;
    private final Budget budget;

    private GoRegex(Pattern pattern, List<String> groupNames, Budget budget) {
        this.pattern = pattern;
        this.groupNames = groupNames;
        this.budget = budget;
    }

    static GoRegex compile(String goPattern, Budget budget) {
        StringBuilder java = new StringBuilder();
        List<String> names = new ArrayList<>();
        boolean multiline = goPattern.contains("(?m") || goPattern.matches(".*\\(\\?[a-zA-Z]*m[a-zA-Z]*[):].*");
        boolean inClass = false;
        for (int i = 0; i < goPattern.length(); i++) {
            char c = goPattern.charAt(i);
            if (c == '\\' && i + 1 < goPattern.length()) {
                java.append(c).append(goPattern.charAt(++i));
                continue;
            }
            if (inClass) {
                if (c == '[' && goPattern.startsWith("[:", i)) {
                    int close = goPattern.indexOf(":]", i + 2);
                    if (close > 0) {
                        String name = goPattern.substring(i + 2, close);
                        boolean negated = name.startsWith("^");
                        String cls = POSIX.get(negated ? name.substring(1) : name);
                        if (cls != null) {
                            java.append(negated ? negate(cls) : cls);
                            i = close + 1;
                            continue;
                        }
                    }
                }
                if (c == '[') {
                    java.append("\\[");
                    continue;
                }
                if (c == ']') {
                    inClass = false;
                }
                java.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                java.append(c);
                if (i + 1 < goPattern.length() && goPattern.charAt(i + 1) == '^') {
                    java.append('^');
                    i++;
                }
                if (i + 1 < goPattern.length() && goPattern.charAt(i + 1) == ']') {
                    java.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && goPattern.startsWith("(?P<", i)) {
                int close = goPattern.indexOf('>', i);
                names.add(goPattern.substring(i + 4, close));
                java.append("(?<").append(goPattern, i + 4, close + 1);
                i = close;
                continue;
            }
            if (c == '(' && goPattern.startsWith("(?<", i) && !goPattern.startsWith("(?<=", i) && !goPattern.startsWith("(?<!", i)) {
                int close = goPattern.indexOf('>', i);
                names.add(goPattern.substring(i + 3, close));
                java.append(goPattern, i, close + 1);
                i = close;
                continue;
            }
            if (c == '(' && !goPattern.startsWith("(?", i)) {
                names.add("");
            }
            if (c == '$' && !multiline) {
                java.append("\\z");
                continue;
            }
            java.append(c);
        }
        try {
            return new GoRegex(Pattern.compile(java.toString()), names, budget);
        } catch (PatternSyntaxException e) {
            throw new ValueException("invalid regular expression \"" + goPattern + "\": " + e.getDescription());
        }
    }

    private static String negate(String cls) {
        if (cls.startsWith("\\p")) {
            return "\\P" + cls.substring(2);
        }
        return cls.toUpperCase(java.util.Locale.ROOT);
    }

    private Matcher matcher(String input) {
        return pattern.matcher(new CountingSequence(input, budget));
    }

    /** cty's {@code regex}: the match, the list of captures, or an object of named captures. */
    Value first(String input) {
        Matcher m = matcher(input);
        if (!m.find()) {
            throw new ValueException("pattern did not match any part of the given string");
        }
        return result(m);
    }

    /** cty's {@code regexall}: every match as {@link #first} would give it. */
    Value all(String input) {
        Matcher m = matcher(input);
        List<Value> out = new ArrayList<>();
        while (m.find()) {
            out.add(result(m));
            if (out.size() > Budget.MAX_ITEMS) {
                throw new ValueException("too many matches");
            }
        }
        return Value.tuple(out);
    }

    private Value result(Matcher m) {
        if (groupNames.isEmpty()) {
            return Value.of(m.group());
        }
        boolean named = groupNames.stream().anyMatch(n -> !n.isEmpty());
        boolean unnamed = groupNames.stream().anyMatch(String::isEmpty);
        if (named && unnamed) {
            throw new ValueException("invalid regular expression: cannot mix both named and unnamed capture groups");
        }
        if (named) {
            Map<String, Value> fields = new TreeMap<>();
            for (String name : groupNames) {
                String group = m.group(name);
                fields.put(name, group == null ? Value.NULL : Value.of(group));
            }
            return new Value.Obj(new TreeMap<>(fields));
        }
        List<Value> captures = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
            String group = m.group(i);
            captures.add(group == null ? Value.NULL : Value.of(group));
        }
        return Value.tuple(captures);
    }

    /** Go's {@code ReplaceAllString}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} and {@code $$}. */
    String replaceAll(String input, String template) {
        Matcher m = matcher(input);
        StringBuilder out = new StringBuilder();
        int length = input.length();
        int last = 0;
        int from = 0;
        int previousEnd = -1;
        while (from <= length && m.find(from)) {
            int start = m.start();
            int end = m.end();
            if (start == end && start == previousEnd) {
                // Go ignores an empty match that abuts the previous match.
                from = start + 1;
                continue;
            }
            out.append(input, last, start);
            expand(m, template, out);
            last = end;
            previousEnd = end;
            from = start == end ? end + 1 : end;
            if (out.length() > Budget.MAX_STRING) {
                throw new ValueException("result too large");
            }
        }
        out.append(input, Math.min(last, length), length);
        return out.toString();
    }

    private void expand(Matcher m, String template, StringBuilder out) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int start = i + 1;
            String name;
            int next;
            if (start < template.length() && template.charAt(start) == '{') {
                int close = template.indexOf('}', start);
                if (close < 0 || close == start + 1 || !template.substring(start + 1, close).matches("[A-Za-z0-9_]+")) {
                    out.append('$');
                    i++;
                    continue;
                }
                name = template.substring(start + 1, close);
                next = close + 1;
            } else {
                int end = start;
                while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                    end++;
                }
                if (end == start) {
                    out.append('$');
                    i++;
                    continue;
                }
                name = template.substring(start, end);
                next = end;
            }
            out.append(group(m, name));
            i = next;
        }
    }

    private String group(Matcher m, String name) {
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(name);
                if (n <= m.groupCount()) {
                    String g = m.group(n);
                    return g == null ? "" : g;
                }
            } catch (NumberFormatException e) {
                return "";
            }
            return "";
        }
        if (groupNames.contains(name)) {
            String g = m.group(name);
            return g == null ? "" : g;
        }
        return "";
    }

    /** The input, counting every character the engine reads against the budget. */
    private record CountingSequence(String text, Budget budget) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (!budget.regexStep()) {
                throw new RegexBudgetException();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountingSequence(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
