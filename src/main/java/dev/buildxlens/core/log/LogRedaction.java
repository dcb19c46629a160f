package dev.buildxlens.core.log;

import dev.buildxlens.core.model.Secrets;
import java.util.regex.Pattern;

/**
 * Log lines go through the project's secret rules ({@link Secrets#maskValues}: secret-looking {@code NAME=value}, URL
 * passwords) before they are shown; logs also carry bare tokens after {@code Bearer}/{@code Basic} and well-known
 * token shapes (GitHub, GitLab), which are masked too.
 */
public final class LogRedaction {

    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern KNOWN_TOKENS = Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,})\\b");
    /** Lines shown as evidence are cut here: evidence is for reading, the log itself is the user's. */
    static final int MAX_SHOWN = 400;

    private LogRedaction() {
    }

    /**
     * A raw line of a log as the app shows it: without terminal colours, CR and CI timestamps (as the reader sees it),
     * and redacted like evidence.
     */
    public static String shown(String raw) {
        return redact(LineNormaliser.normalise(raw).text());
    }

    public static String redact(String text) {
        String out = AUTH_SCHEME.matcher(text).replaceAll("$1 " + Secrets.REDACTED);
        out = KNOWN_TOKENS.matcher(out).replaceAll(Secrets.REDACTED);
        // Registry errors say "may require authorization: server message" and "failed to authorize: failed to fetch";
        // the words after these colons are the error, not a credential, so the NAME: value rule must not eat them.
        // NAME=value anywhere, quoted too (buildx inspect prints driver options as k="v"), which Secrets.maskValues does not read as pairs.
        java.util.regex.Matcher pair = ASSIGNMENT.matcher(out);
        StringBuilder masked = new StringBuilder();
        while (pair.find()) {
            boolean secret = Secrets.looksSecret(pair.group(1)) && !pair.group(2).startsWith("$");
            pair.appendReplacement(masked, java.util.regex.Matcher.quoteReplacement(secret ? pair.group(1) + "=" + Secrets.REDACTED : pair.group(0)));
        }
        pair.appendTail(masked);
        out = masked.toString();
        out = ERROR_WORDS.matcher(out).replaceAll("$1" + HOLD);
        out = Secrets.maskValues(out).replace(HOLD, ":");
        // Terminal padding (tty lines are padded to the window's width) is not part of what the line says.
        out = PADDING.matcher(out).replaceAll("  ");
        return out.length() > MAX_SHOWN ? out.substring(0, MAX_SHOWN) + "…" : out;
    }

    private static final Pattern ERROR_WORDS = Pattern.compile("(?i)(may require authorization|failed to authorize|authorization status|failed to fetch (?:anonymous|oauth) token|server message):");
    private static final Pattern ASSIGNMENT = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_.-]*)=(\"[^\"]*\"|'[^']*'|[^\\s'\",]+)");
    private static final String HOLD = "\u0000";
    private static final Pattern PADDING = Pattern.compile("[ \t]{3,}");
}
