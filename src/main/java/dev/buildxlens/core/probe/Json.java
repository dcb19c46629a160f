package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lenient reads of Go-written JSON: keys match case-insensitively, {@code null} and absent mean empty. */
final class Json {

    private Json() {
    }

    static JsonNode field(JsonNode node, String key) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(key);
        if (exact != null) {
            return exact;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equalsIgnoreCase(key)) {
                return node.get(name);
            }
        }
        return null;
    }

    static String text(JsonNode node, String key) {
        JsonNode value = field(node, key);
        return value == null || value.isNull() ? "" : value.asText();
    }

    static boolean bool(JsonNode node, String key) {
        JsonNode value = field(node, key);
        return value != null && value.asBoolean(false);
    }

    static List<String> strings(JsonNode node, String key) {
        JsonNode value = field(node, key);
        List<String> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode node, String key) {
        JsonNode value = field(node, key);
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null && value.isObject()) {
            value.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
