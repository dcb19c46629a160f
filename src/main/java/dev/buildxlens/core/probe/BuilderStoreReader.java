package dev.buildxlens.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.buildxlens.core.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a buildx builder store ({@code $BUILDX_CONFIG} or {@code ~/.docker/buildx}) without buildx:
 * {@code instances/*}, {@code activity/*}, {@code current} and {@code defaults/*} (buildx-facts §1.2–1.5).
 * Every file that cannot be read becomes one problem line naming it; the others are still read.
 */
public final class BuilderStoreReader {

    /** Store files are small; anything bigger is not a builder and is not read into memory. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;


    private BuilderStoreReader() {
    }

    public static BuilderStore read(Path directory) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new BuilderStore(directory, false, List.of(), Map.of(), Optional.empty(), Map.of(), List.of());
        }
        List<StoredBuilder> builders = new ArrayList<>();
        for (Path file : listFiles(directory.resolve("instances"), problems)) {
            try {
                // A refresh re-reads only the builders whose file changed.
                builders.add(RefreshCache.byFile(file, changed -> parseNodeGroup(readSmall(changed), changed)));
            } catch (IOException e) {
                problems.add(file + ": " + reason(e));
            }
        }
        builders.sort(Comparator.comparing(StoredBuilder::name));

        Map<String, Instant> activity = new TreeMap<>();
        for (Path file : listFiles(directory.resolve("activity"), problems)) {
            try {
                String text = readSmall(file).trim();
                activity.put(file.getFileName().toString(), Instant.parse(text));
            } catch (IOException e) {
                problems.add(file + ": " + e.getMessage());
            } catch (DateTimeParseException e) {
                problems.add(file + ": not an RFC 3339 time");
            }
        }

        Map<String, String> defaults = new TreeMap<>();
        for (Path file : listFiles(directory.resolve("defaults"), problems)) {
            try {
                defaults.put(file.getFileName().toString(), readSmall(file).trim());
            } catch (IOException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }

        Optional<BuilderStore.CurrentPointer> current = Optional.empty();
        Path currentFile = directory.resolve("current");
        if (Files.exists(currentFile)) {
            try {
                current = Optional.of(parseCurrent(readSmall(currentFile)));
            } catch (IOException e) {
                problems.add(currentFile + ": " + e.getMessage());
            }
        }
        return new BuilderStore(directory, true, builders, activity, current, defaults, problems);
    }

    static BuilderStore.CurrentPointer parseCurrent(String text) throws IOException {
        JsonNode root = parseJson(text);
        return new BuilderStore.CurrentPointer(Json.text(root, "Key"), Json.text(root, "Name"), Json.bool(root, "Global"));
    }

    /** Parses one {@code instances/<name>} file. Unknown fields are ignored so newer buildx versions still read. */
    static StoredBuilder parseNodeGroup(String text, Path file) throws IOException {
        JsonNode root = parseJson(text);
        String name = Json.text(root, "Name");
        if (name.isEmpty()) {
            throw new IOException("no builder Name");
        }
        String driver = Json.text(root, "Driver");
        List<StoredBuilder.StoredNode> nodes = new ArrayList<>();
        JsonNode nodeArray = Json.field(root, "Nodes");
        if (nodeArray != null && nodeArray.isArray()) {
            for (JsonNode node : nodeArray) {
                nodes.add(new StoredBuilder.StoredNode(
                        Json.text(node, "Name"),
                        Json.text(node, "Endpoint"),
                        platforms(Json.field(node, "Platforms")),
                        Json.stringMap(node, "DriverOpts"),
                        Json.strings(node, "Flags"),
                        files(Json.field(node, "Files"), file)));
            }
        }
        return new StoredBuilder(name, driver.isEmpty() ? "unknown" : driver, nodes, Json.bool(root, "Dynamic"));
    }

    /** OCI platform objects ({@code {"architecture","os","variant"}}) as {@code os/arch[/variant]}; {@code null} is none. */
    private static List<String> platforms(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (JsonNode platform : array) {
            if (platform.isTextual()) {
                out.add(platform.asText());
                continue;
            }
            String os = Json.text(platform, "os");
            String arch = Json.text(platform, "architecture");
            String variant = Json.text(platform, "variant");
            out.add(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
        }
        return out;
    }

    private static Map<String, String> files(JsonNode object, Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (object == null || !object.isObject()) {
            return out;
        }
        var fields = object.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            try {
                out.put(entry.getKey(), new String(Base64.getDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IOException("Files[\"" + entry.getKey() + "\"] is not base64");
            }
        }
        return out;
    }

    private static JsonNode parseJson(String text) throws IOException {
        JsonNode root;
        try {
            root = JsonTrees.parse(text);
        } catch (IOException e) {
            String detail = Messages.firstLine(e);
            int cut = detail.indexOf(" at [Source");
            throw new IOException("not valid JSON (" + (cut > 0 ? detail.substring(0, cut) : detail) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IOException("expected a JSON object");
        }
        return root;
    }

    /** The part of a file-system error a person needs: the JDK's messages often repeat the path they belong to. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file (a link to something that is gone?)";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage();
    }

    private static String readSmall(Path file) throws IOException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IOException("too large to be a store file (" + size + " bytes)");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("permission denied");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException("not UTF-8 text");
        } catch (java.nio.file.FileSystemException e) {
            throw new IOException(e.getReason() == null ? "cannot be read" : e.getReason());
        }
    }

    private static List<Path> listFiles(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot be listed: " + Messages.firstLine(e));
            return List.of();
        }
    }
}
