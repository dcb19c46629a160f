package dev.buildxlens.core.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word handling BuildKit applies to instruction arguments ({@code frontend/dockerfile/shell} lex):
 * splitting on white space outside quotes, and expanding {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}},
 * {@code ${VAR-word}}, {@code ${VAR:+word}}, {@code ${VAR+word}}, {@code ${VAR:?message}}; single quotes are
 * literal; the escape character ({@code \} or a backtick) makes the next character literal, so {@code \$} is a
 * dollar sign. Expansion is one pass: a value is never expanded again, so no input can make it loop.
 */
public final class ShellWords {

    private ShellWords() {
    }

    /** The result of expanding one word: the text, and the variables it used that had no value. */
    public record Expansion(String value, Set<String> unset) {
    }

    /** Raised by {@code ${VAR:?message}} when VAR is unset or empty. */
    public static final class ExpansionException extends Exception {
        public ExpansionException(String message) {
            super(message);
        }
    }

    /** Splits into words without expanding; quotes and escapes stay, so each word can be expanded later. */
    public static List<String> split(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            word.append(c);
            if (c == escape && quote != '\'' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    public static Expansion expand(String word, Map<String, String> variables, char escape) throws ExpansionException {
        StringBuilder out = new StringBuilder();
        Set<String> unset = new LinkedHashSet<>();
        int i = 0;
        char quote = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    out.append(c);
                }
                i++;
                continue;
            }
            if (c == escape && i + 1 < word.length()) {
                out.append(word.charAt(i + 1));
                i += 2;
                continue;
            }
            if (quote == 0 && c == '\'') {
                quote = '\'';
                i++;
                continue;
            }
            if (c == '"') {
                quote = quote == '"' ? 0 : '"';
                i++;
                continue;
            }
            if (c == '$' && i + 1 < word.length()) {
                i = variable(word, i + 1, variables, escape, out, unset);
                continue;
            }
            out.append(c);
            i++;
        }
        return new Expansion(out.toString(), unset);
    }

    /** Expands the variable that starts after a {@code $} at {@code start}; returns the index after it. */
    private static int variable(String word, int start, Map<String, String> variables, char escape, StringBuilder out,
                                Set<String> unset) throws ExpansionException {
        char first = word.charAt(start);
        if (first != '{') {
            int end = start;
            while (end < word.length() && isNameChar(word.charAt(end), end == start)) {
                end++;
            }
            if (end == start) {
                out.append('$');
                return start;
            }
            String name = word.substring(start, end);
            String value = variables.get(name);
            if (value == null || value.isEmpty()) {
                unset.add(name);
            }
            out.append(value == null ? "" : value);
            return end;
        }
        int close = matchingBrace(word, start);
        if (close < 0) {
            throw new ExpansionException("missing '}' in '" + word + "'");
        }
        String body = word.substring(start + 1, close);
        int nameEnd = 0;
        while (nameEnd < body.length() && isNameChar(body.charAt(nameEnd), nameEnd == 0)) {
            nameEnd++;
        }
        String name = body.substring(0, nameEnd);
        if (name.isEmpty()) {
            throw new ExpansionException("bad substitution '${" + body + "}'");
        }
        String value = variables.get(name);
        String rest = body.substring(nameEnd);
        if (rest.isEmpty()) {
            if (value == null || value.isEmpty()) {
                unset.add(name);
            }
            out.append(value == null ? "" : value);
            return close + 1;
        }
        boolean colon = rest.startsWith(":");
        String operator = colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
        String argument = rest.substring(operator.length());
        boolean missing = colon ? value == null || value.isEmpty() : value == null;
        switch (operator.charAt(operator.length() - 1)) {
            case '-' -> {
                if (missing) {
                    Expansion inner = expand(argument, variables, escape);
                    unset.addAll(inner.unset());
                    out.append(inner.value());
                } else {
                    out.append(value);
                }
            }
            case '+' -> {
                if (!missing) {
                    Expansion inner = expand(argument, variables, escape);
                    out.append(inner.value());
                }
            }
            case '?' -> {
                if (missing) {
                    throw new ExpansionException(name + ": " + (argument.isEmpty() ? "is not allowed to be unset" : argument));
                }
                out.append(value);
            }
            default -> {
                // ${VAR#pattern} and friends: BuildKit has them in newer frontends; the value is kept as is.
                if (value == null || value.isEmpty()) {
                    unset.add(name);
                }
                out.append(value == null ? "" : value);
            }
        }
        return close + 1;
    }

    private static int matchingBrace(String word, int open) {
        int depth = 0;
        for (int i = open; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || Character.isLetter(c) && c < 128 || !first && Character.isDigit(c);
    }
}
