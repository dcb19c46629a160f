package dev.buildxlens.core.compose;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Compose's handling of paths and names (compose-go {@code paths/}, {@code loader.NormalizeProjectName}). */
final class ComposePaths {

    private ComposePaths() {
    }

    /** {@code child} resolved against {@code base} and normalised, as a relative string ({@code .} for nothing). */
    static String join(String base, String child) {
        try {
            String joined = Path.of(base).resolve(child).normalize().toString();
            return joined.isEmpty() ? "." : joined;
        } catch (InvalidPathException e) {
            return base + "/" + child; // not a path this system can name; the build would fail on it anyway
        }
    }

    /**
     * A build context or additional context written in a file whose paths are relative to {@code baseDir}, made
     * relative to the project directory. URLs ({@code ://}, {@code github.com/}, {@code git@}) and {@code service:}
     * values are kept; {@code ~} is the home directory; absolute paths stay absolute.
     */
    static String rebase(String value, Path baseDir, Path projectDir, String home) {
        if (value.isEmpty() || BuildSection.isRemote(value) || value.startsWith(BuildSection.SERVICE_PREFIX)) {
            return value;
        }
        String expanded = value;
        if (home != null && !home.isEmpty() && (value.equals("~") || value.startsWith("~/"))) {
            expanded = home + value.substring(1);
        }
        Path path;
        try {
            path = Path.of(expanded);
        } catch (InvalidPathException e) {
            return value; // not a path this system can name; kept as written
        }
        if (path.isAbsolute()) {
            return path.normalize().toString();
        }
        Path absolute = baseDir.resolve(path).normalize();
        String relative = projectDir.relativize(absolute).toString();
        return relative.isEmpty() ? "." : relative;
    }

    /** Lower-case, only {@code [a-z0-9_-]}, no leading {@code _} or {@code -}. */
    static String normalizeProjectName(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                out.append(c);
            }
        }
        int start = 0;
        while (start < out.length() && (out.charAt(start) == '_' || out.charAt(start) == '-')) {
            start++;
        }
        return out.substring(start);
    }
}
