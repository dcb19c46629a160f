package dev.buildxlens.core.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@code .env} file read as compose-go's {@code dotenv} parser reads it: {@code KEY=VALUE} or {@code KEY: VALUE}
 * lines, an optional {@code export} prefix, {@code #} comment lines and {@code " #"} trailing comments on unquoted
 * values, single quotes (literal), double quotes (escapes such as {@code \n}, multi-line values), and interpolation
 * in unquoted and double-quoted values. A variable is looked up in the given environment first, then among the
 * file's earlier lines. A bare {@code KEY} line takes the environment's value, or nothing.
 */
final class DotEnv {

    private final String text;
    private final Path file;
    private final Function<String, String> environment;
    private final Map<String, String> values = new LinkedHashMap<>();
    private int position;

    private DotEnv(String text, Path file, Function<String, String> environment) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.file = file;
        this.environment = environment;
    }

    /** The variables the file defines, in order. {@code environment} returns null for an unset variable. */
    static Map<String, String> parse(String text, Path file, Function<String, String> environment) throws ComposeException {
        DotEnv parser = new DotEnv(text, file, environment);
        parser.parse();
        return parser.values;
    }

    private void parse() throws ComposeException {
        while (skipToStatement()) {
            int statement = position;
            if (text.startsWith("export", position) && position + 6 < text.length()
                    && isSpace(text.charAt(position + 6))) {
                position += 6;
                while (position < text.length() && isSpace(text.charAt(position))) {
                    position++;
                }
            }
            int keyStart = position;
            char separator = 0;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '=' || c == ':' || c == '\n') {
                    separator = c;
                    break;
                }
                if (!isSpace(c) && !Character.isLetterOrDigit(c) && "_.-[]".indexOf(c) < 0) {
                    int lineEnd = text.indexOf('\n', statement);
                    throw new ComposeException(file, line(position), "unexpected character \"" + c + "\" in variable name \""
                            + text.substring(statement, lineEnd < 0 ? text.length() : lineEnd) + "\"");
                }
                position++;
            }
            String key = text.substring(keyStart, position).stripTrailing();
            if (key.indexOf(' ') >= 0 || key.indexOf('\t') >= 0) {
                throw new ComposeException(file, line(keyStart), "key cannot contain a space");
            }
            if (separator == '\n' || separator == 0) {
                // A bare KEY takes its value from the environment, or is left out.
                String inherited = environment.apply(key);
                if (inherited != null && !key.isEmpty()) {
                    values.put(key, inherited);
                }
                position++;
                continue;
            }
            position++;
            while (position < text.length() && isSpace(text.charAt(position))) {
                position++;
            }
            values.put(key, value());
        }
    }

    /** Skips blanks and comment lines; false at the end of the text. */
    private boolean skipToStatement() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '#') {
                int newline = text.indexOf('\n', position);
                position = newline < 0 ? text.length() : newline;
            } else {
                return true;
            }
        }
        return false;
    }

    private String value() throws ComposeException {
        if (position < text.length() && (text.charAt(position) == '"' || text.charAt(position) == '\'')) {
            return quoted(text.charAt(position));
        }
        int newline = text.indexOf('\n', position);
        int end = newline < 0 ? text.length() : newline;
        String value = text.substring(position, end);
        int comment = value.indexOf(" #");
        if (comment >= 0) {
            value = value.substring(0, comment);
        }
        int line = line(position);
        position = end;
        return expand(value.stripTrailing(), line);
    }

    private String quoted(char quote) throws ComposeException {
        int start = position;
        StringBuilder chars = new StringBuilder();
        boolean escape = false;
        for (int i = position + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != quote) {
                if (!escape && c == '\\') {
                    escape = true;
                    continue;
                }
                if (escape) {
                    escape = false;
                    chars.append('\\');
                }
                chars.append(c);
                continue;
            }
            if (escape) {
                escape = false;
                chars.append(c);
                continue;
            }
            position = i + 1;
            return quote == '"' ? expand(escapes(chars.toString()), line(start)) : chars.toString();
        }
        int newline = text.indexOf('\n', start);
        throw new ComposeException(file, line(start), "unterminated quoted value "
                + text.substring(start, newline < 0 ? text.length() : newline));
    }

    /** The shell escapes of a double-quoted value; {@code \$} stays a literal dollar. */
    private static String escapes(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 >= value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(i + 1);
            String replacement = switch (next) {
                case 'a' -> "\u0007";
                case 'b' -> "\b";
                case 'c' -> null;
                case 'f' -> "\f";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                case 'v' -> "\u000B";
                case '$' -> "$$";
                case '"' -> "\"";
                case '\\' -> "\\";
                default -> null;
            };
            if (next == '0') {
                // \0 and up to three digits; only three octal digits make a character (Go's UnquoteChar).
                int end = i + 2;
                while (end < value.length() && end < i + 5 && Character.isDigit(value.charAt(end))) {
                    end++;
                }
                String digits = value.substring(i + 2, end);
                if (digits.length() == 3 && digits.chars().allMatch(d -> d < '8') && Integer.parseInt(digits, 8) < 256) {
                    out.append((char) Integer.parseInt(digits, 8));
                } else {
                    out.append(value, i, end);
                }
                i = end - 1;
                continue;
            }
            if (replacement == null) {
                out.append(c);
                continue;
            }
            out.append(replacement);
            i++;
        }
        return out.toString();
    }

    private String expand(String value, int line) throws ComposeException {
        try {
            return Interpolation.substitute(value, name -> {
                String fromEnvironment = environment.apply(name);
                return fromEnvironment != null ? fromEnvironment : values.get(name);
            }, name -> { });
        } catch (Interpolation.InterpolationException e) {
            throw new ComposeException(file, line, e.getMessage());
        }
    }

    private int line(int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u00A0';
    }
}
