package dev.buildxlens.core.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code --cache-to} read as buildx reads it ({@code ParseCacheEntry} in buildx {@code util/buildflags/cache.go}):
 * a value without {@code =} is a registry reference ({@code type=registry,ref=VALUE}); otherwise {@code key=value}
 * fields with lower-cased keys, the last value of a key winning.
 */
public record CacheSpec(String type, Map<String, String> attributes) {

    public static final String INLINE = "inline";

    public CacheSpec {
        attributes = Map.copyOf(attributes);
    }

    public static CacheSpec parse(String value) {
        String trimmed = value.trim();
        if (!trimmed.contains("=")) {
            return new CacheSpec("registry", Map.of("ref", trimmed));
        }
        String type = "";
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> fields = CsvFields.split(trimmed);
        for (String field : fields) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = field.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String val = field.substring(equals + 1);
            if (key.equals("type")) {
                type = val;
            } else {
                attributes.put(key, val);
            }
        }
        return new CacheSpec(type, attributes);
    }

    /** Inline cache rides in the image; the docker driver with the classic store can do only that. */
    public boolean inline() {
        return type.equals(INLINE);
    }
}
