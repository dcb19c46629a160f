package dev.buildxlens.core.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code --output} (build-push-action {@code outputs}) read as buildx reads it ({@code ExportEntry.UnmarshalText}
 * in buildx {@code util/buildflags/export.go}): a value without {@code type=} and without a comma is a local export to
 * that directory ({@code -} is a tar on stdout); otherwise every field is {@code key=value}, keys are lower-cased and
 * the last value of a key wins ({@code type=docker,type=oci} is an OCI export). {@code type} is empty when the value
 * is one buildx would refuse.
 */
public record ExportSpec(String type, String dest, Map<String, String> attributes) {

    public static final String DOCKER = "docker";
    public static final String OCI = "oci";
    public static final String IMAGE = "image";
    public static final String REGISTRY = "registry";
    public static final String LOCAL = "local";
    public static final String TAR = "tar";

    public ExportSpec {
        attributes = Map.copyOf(attributes);
    }

    public static ExportSpec parse(String value) {
        String trimmed = value.trim();
        List<String> fields = CsvFields.split(trimmed);
        if (fields.size() == 1 && fields.get(0).equals(trimmed) && !trimmed.startsWith("type=")) {
            return trimmed.equals("-") ? new ExportSpec(TAR, "-", Map.of()) : new ExportSpec(LOCAL, trimmed, Map.of());
        }
        String type = "";
        String dest = "";
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String field : fields) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                return new ExportSpec("", "", Map.of());
            }
            String key = field.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String val = field.substring(equals + 1);
            switch (key) {
                case "type" -> type = val;
                case "dest" -> dest = val;
                default -> attributes.put(key, val);
            }
        }
        return new ExportSpec(type, dest, attributes);
    }

    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }

    /** {@code type=docker} with a {@code dest}: a tarball on the client, not a load into the daemon. */
    public boolean dockerTarball() {
        return type.equals(DOCKER) && !dest.isEmpty();
    }

    /** {@code type=docker} without {@code dest}: the same as {@code --load}. */
    public boolean loadsIntoDaemon() {
        return type.equals(DOCKER) && dest.isEmpty();
    }

    /** {@code type=registry}, or {@code type=image,push=true}: the same as {@code --push}. */
    public boolean pushes() {
        return type.equals(REGISTRY) || type.equals(IMAGE) && "true".equalsIgnoreCase(attribute("push"));
    }
}
