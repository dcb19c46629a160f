package dev.buildxlens.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secret values out of snapshots: a snapshot is shown, exported and attached to bug reports, so
 * anything that may be a credential is replaced before it enters the model.
 */
public final class Secrets {

    public static final String REDACTED = "<redacted>";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|passw|pwd|key|auth|credential|cookie).*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private Secrets() {
    }

    /**
     * Driver options may carry {@code env.<NAME>=value} for BuildKit's environment (buildx-facts §4.2):
     * values of secret-looking names are hidden, and passwords inside proxy URLs are hidden everywhere.
     */
    public static Map<String, String> redactDriverOpts(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            boolean secretEnv = key.startsWith("env.") && SECRET_NAME.matcher(key.substring(4)).matches();
            out.put(key, secretEnv ? REDACTED : redactUrlCredentials(value));
        });
        return out;
    }

    /** True for names such as {@code NPM_TOKEN}, {@code DB_PASSWORD} or {@code API_KEY}, whose values must not be shown. */
    public static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /** {@code NAME=value} (shell, build args) and {@code NAME: value} (YAML) where NAME looks secret. */
    private static final Pattern NAMED_VALUE = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_.-]*)(=|:[ \\t]+)([^\\s'\"]+)");

    /**
     * Text to show: values of secret-looking names replaced by {@link #REDACTED}. Workflow expressions
     * ({@code ${{ secrets.X }}}) and variable references stay, because they are not values. Used for what is
     * displayed, copied or printed; a patch written to a file keeps the exact lines so that it still applies.
     */
    public static String maskValues(String text) {
        java.util.regex.Matcher matcher = NAMED_VALUE.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            String value = matcher.group(3);
            boolean reference = value.startsWith("${") || value.startsWith("$") || value.equals(REDACTED);
            if (looksSecret(matcher.group(1)) && !reference) {
                out.append(text, copied, matcher.start(3)).append(REDACTED);
                copied = matcher.end(3);
                from = matcher.end(3);
            } else {
                // The value of a harmless name may hold a pair of its own ("failed to solve: NPM_TOKEN=…"): look inside it.
                from = matcher.end(2);
            }
        }
        out.append(text, copied, text.length());
        return redactUrlCredentials(out.toString());
    }

    public static String redactUrlCredentials(String value) {
        return URL_USER_INFO.matcher(value).replaceAll("$1" + REDACTED + "@");
    }
}
