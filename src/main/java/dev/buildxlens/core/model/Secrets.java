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

    public static String redactUrlCredentials(String value) {
        return URL_USER_INFO.matcher(value).replaceAll("$1" + REDACTED + "@");
    }
}
