package dev.buildxlens.core.compose;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compose's variable substitution in a YAML value, as compose-go's {@code template} package does it (compose-spec
 * {@code 12-interpolation.md}): {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or empty),
 * {@code ${VAR-default}} (unset), {@code ${VAR:?message}} and {@code ${VAR?message}} (an error), {@code ${VAR:+other}}
 * and {@code ${VAR+other}} (the alternative when set), {@code $$} for a literal {@code $}. Defaults, alternatives and
 * messages are themselves interpolated, only when used, so they nest. A name is {@code [_a-zA-Z][_a-zA-Z0-9]*}; a
 * {@code $} before anything else stays as it is, while {@code ${} that does not open a valid form is an error
 * ({@code ${VAR/a/b}}, {@code ${1}}, {@code ${VAR:x}}). A braced form ends at its matching brace, looked for on the
 * same line only, as Compose's regular expression does.
 */
final class Interpolation {

    /** Why a value cannot be interpolated. */
    static final class InterpolationException extends Exception {
        private final boolean missingVariable;

        private InterpolationException(String message, boolean missingVariable) {
            super(message);
            this.missingVariable = missingVariable;
        }

        /** True for {@code ${VAR:?…}} / {@code ${VAR?…}} with the variable unset (or empty); false for bad syntax. */
        boolean missingVariable() {
            return missingVariable;
        }
    }

    private Interpolation() {
    }

    /**
     * The value with every substitution done. {@code lookup} returns null for an unset variable; {@code unset} hears of
     * each unset variable that was replaced by an empty string (Compose warns about those).
     */
    static String substitute(String template, Function<String, String> lookup, Consumer<String> unset)
            throws InterpolationException {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (nameStart(next)) {
                int end = nameEnd(template, i + 1);
                out.append(plain(template.substring(i + 1, end), lookup, unset));
                i = end;
            } else if (next == '{') {
                i = braced(template, i, lookup, unset, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Substitutes the braced form that starts at {@code dollar}; returns the index after it. */
    private static int braced(String template, int dollar, Function<String, String> lookup, Consumer<String> unset,
                              StringBuilder out) throws InterpolationException {
        int nameStart = dollar + 2;
        if (nameStart >= template.length() || !nameStart(template.charAt(nameStart))) {
            throw invalid(template);
        }
        int nameEnd = nameEnd(template, nameStart);
        String name = template.substring(nameStart, nameEnd);
        if (nameEnd < template.length() && template.charAt(nameEnd) == '}') {
            out.append(plain(name, lookup, unset));
            return nameEnd + 1;
        }
        String operator = operatorAt(template, nameEnd);
        if (operator == null) {
            throw invalid(template);
        }
        int argumentStart = nameEnd + operator.length();
        int lineEnd = template.indexOf('\n', argumentStart);
        int last = template.lastIndexOf('}', (lineEnd < 0 ? template.length() : lineEnd) - 1);
        if (last < argumentStart) {
            throw invalid(template);
        }
        int closing = firstClosingBrace(template.substring(dollar, last + 1));
        int end = closing < 0 ? last : dollar + closing;
        String argument = template.substring(argumentStart, end);
        out.append(apply(name, operator, argument, lookup, unset));
        return end + 1;
    }

    private static String apply(String name, String operator, String argument, Function<String, String> lookup,
                                Consumer<String> unset) throws InterpolationException {
        String value = lookup.apply(name);
        boolean set = value != null;
        boolean setNonEmpty = set && !value.isEmpty();
        String current = set ? value : "";
        return switch (operator) {
            case ":-" -> setNonEmpty ? value : substitute(argument, lookup, unset);
            case "-" -> set ? value : substitute(argument, lookup, unset);
            case ":+" -> setNonEmpty ? substitute(argument, lookup, unset) : current;
            case "+" -> set ? substitute(argument, lookup, unset) : current;
            case ":?" -> {
                if (!setNonEmpty) {
                    throw missing(name, substitute(argument, lookup, unset));
                }
                yield value;
            }
            case "?" -> {
                if (!set) {
                    throw missing(name, substitute(argument, lookup, unset));
                }
                yield value;
            }
            default -> throw new IllegalStateException(operator);
        };
    }

    private static String plain(String name, Function<String, String> lookup, Consumer<String> unset) {
        String value = lookup.apply(name);
        if (value == null) {
            unset.accept(name);
            return "";
        }
        return value;
    }

    /** One of {@code :- :+ :? - + ?} right after the name, or null. */
    private static String operatorAt(String template, int index) {
        for (String operator : new String[] {":-", ":+", ":?", "-", "+", "?"}) {
            if (template.startsWith(operator, index)) {
                return operator;
            }
        }
        return null;
    }

    /**
     * compose-go's {@code getFirstBraceClosingIndex}: counts braces from the start and skips the character after each
     * opening brace (the name's first letter in {@code ${NAME}}); -1 when they never balance.
     */
    private static int firstClosingBrace(String text) {
        int open = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '}') {
                open--;
                if (open == 0) {
                    return i;
                }
            }
            if (text.charAt(i) == '{') {
                open++;
                i++;
            }
        }
        return -1;
    }

    private static boolean nameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int nameEnd(String text, int start) {
        int i = start + 1;
        while (i < text.length() && (nameStart(text.charAt(i)) || text.charAt(i) >= '0' && text.charAt(i) <= '9')) {
            i++;
        }
        return i;
    }

    private static InterpolationException invalid(String template) {
        return new InterpolationException("invalid interpolation format in \"" + template
                + "\" (you may need to escape any $ with another $)", false);
    }

    private static InterpolationException missing(String name, String reason) {
        return new InterpolationException("required variable " + name + " is missing a value"
                + (reason.isEmpty() ? "" : ": " + reason), true);
    }
}
