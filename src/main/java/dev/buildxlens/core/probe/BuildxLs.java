package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.json.JsonTrees;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code docker buildx ls --format json} (buildx ≥ 0.13): one JSON object per builder per line.
 * Fields are read by key because their order changed across versions; buildx before 0.21 printed every
 * builder twice, so duplicates collapse; {@code Current} exists only since 0.24 (buildx-facts §3.1).
 */
public final class BuildxLs {

    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private BuildxLs() {
    }

    public record LsBuilder(String name, String driver, Optional<Boolean> current, Optional<Instant> lastActivity,
                            String error, List<LsNode> nodes) {
        public LsBuilder {
            nodes = List.copyOf(nodes);
        }

        public Optional<LsNode> node(String nodeName) {
            return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
        }
    }

    public record LsNode(String name, String endpoint, String status, String version, List<String> platforms,
                         String error, Map<String, String> driverOpts) {
        public LsNode {
            platforms = List.copyOf(platforms);
            driverOpts = Map.copyOf(driverOpts);
        }
    }

    /** Parses the whole output. A line that is not a builder object is reported by its line number. */
    public static List<LsBuilder> parse(String output) throws IOException {
        Map<String, LsBuilder> byName = new LinkedHashMap<>();
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode root;
            try {
                root = JsonTrees.parse(line);
            } catch (IOException e) {
                throw new IOException("buildx ls output line " + (i + 1) + " is not JSON");
            }
            if (root == null || !root.isObject() || Json.text(root, "Name").isEmpty()) {
                throw new IOException("buildx ls output line " + (i + 1) + " is not a builder object");
            }
            LsBuilder builder = builder(root);
            byName.putIfAbsent(builder.name().toLowerCase(), builder);
        }
        return new ArrayList<>(byName.values());
    }

    private static LsBuilder builder(JsonNode root) {
        JsonNode currentNode = Json.field(root, "Current");
        Optional<Boolean> current = currentNode == null || currentNode.isNull()
                ? Optional.empty() : Optional.of(currentNode.asBoolean());
        Optional<Instant> lastActivity = Optional.empty();
        String activity = Json.text(root, "LastActivity");
        if (!activity.isEmpty()) {
            try {
                Instant parsed = Instant.parse(activity);
                lastActivity = parsed.equals(ZERO_TIME) ? Optional.empty() : Optional.of(parsed);
            } catch (DateTimeParseException ignored) {
                // A time we cannot read is as good as none; the store's activity file may still have one.
            }
        }
        List<LsNode> nodes = new ArrayList<>();
        JsonNode nodeArray = Json.field(root, "Nodes");
        if (nodeArray != null && nodeArray.isArray()) {
            for (JsonNode node : nodeArray) {
                nodes.add(new LsNode(Json.text(node, "Name"), Json.text(node, "Endpoint"), Json.text(node, "Status"),
                        Json.text(node, "Version"), Json.strings(node, "Platforms"), Json.text(node, "Err"),
                        Json.stringMap(node, "DriverOpts")));
            }
        }
        return new LsBuilder(Json.text(root, "Name"), Json.text(root, "Driver"), current, lastActivity,
                Json.text(root, "Err"), nodes);
    }
}
