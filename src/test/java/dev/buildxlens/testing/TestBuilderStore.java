package dev.buildxlens.testing;

import dev.buildxlens.core.probe.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** A buildx builder store in a temp folder, written in buildx's own compact JSON, and an environment that uses it. */
public final class TestBuilderStore {

    private final Path root;

    private TestBuilderStore(Path root) {
        this.root = root;
    }

    public static TestBuilderStore in(Path root) throws IOException {
        Files.createDirectories(root.resolve("buildx/instances"));
        return new TestBuilderStore(root);
    }

    /** {@code instances/<name>}: one node {@code <name>0} at {@code endpoint}. */
    public TestBuilderStore builder(String name, String driver, String endpoint, Map<String, String> driverOpts) throws IOException {
        String opts = driverOpts.isEmpty() ? "null" : driverOpts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").collect(Collectors.joining(",", "{", "}"));
        Files.writeString(root.resolve("buildx/instances/" + name), "{\"Name\":\"" + name + "\",\"Driver\":\"" + driver
                + "\",\"Nodes\":[{\"Name\":\"" + name + "0\",\"Endpoint\":\"" + endpoint + "\",\"Platforms\":null,\"DriverOpts\":"
                + opts + ",\"Flags\":null,\"Files\":null}],\"Dynamic\":false}");
        return this;
    }

    /** A node whose stored {@code Files} hold a {@code buildkitd.toml}, as {@code docker buildx create --buildkitd-config} keeps it. */
    public TestBuilderStore builderWithConfig(String name, String driver, String endpoint, String toml) throws IOException {
        String files = "{\"buildkitd.toml\":\"" + java.util.Base64.getEncoder().encodeToString(toml.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}";
        Files.writeString(root.resolve("buildx/instances/" + name), "{\"Name\":\"" + name + "\",\"Driver\":\"" + driver
                + "\",\"Nodes\":[{\"Name\":\"" + name + "0\",\"Endpoint\":\"" + endpoint + "\",\"Platforms\":null,\"DriverOpts\":null"
                + ",\"Flags\":null,\"Files\":" + files + "}],\"Dynamic\":false}");
        return this;
    }

    /** {@code current}, as {@code docker buildx use <name>} writes it for endpoint {@code key}. */
    public TestBuilderStore current(String key, String name) throws IOException {
        Files.writeString(root.resolve("buildx/current"), "{\"Key\":\"" + key + "\",\"Name\":\"" + name + "\",\"Global\":false}");
        return this;
    }

    /** The real environment, pointed at {@code host}, this store and an empty docker config. */
    public Environment environment(String host) {
        return Environment.system()
                .with("DOCKER_HOST", host)
                .with("DOCKER_CONFIG", root.resolve("docker-config").toString())
                .with("BUILDX_CONFIG", root.resolve("buildx").toString());
    }
}
