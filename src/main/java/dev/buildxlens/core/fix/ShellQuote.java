package dev.buildxlens.core.fix;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting for everything a fix inserts into a command: a hostile tag or path stays one literal word
 * and can never run as shell.
 */
public final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@=,+%-]+");

    private ShellQuote() {
    }

    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    public static String command(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(quote(word));
        }
        return out.toString();
    }
}
