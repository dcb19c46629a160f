package dev.buildxlens.core.probe;

import java.util.List;
import java.util.Map;

/** A builder as buildx saved it in {@code instances/<name>} (a NodeGroup, buildx-facts §1.3). */
public record StoredBuilder(String name, String driver, List<StoredNode> nodes, boolean dynamic) {

    public StoredBuilder {
        nodes = List.copyOf(nodes);
    }

    /**
     * One node. {@code platforms} are {@code os/arch[/variant]} strings; {@code files} are the decoded
     * {@code Files} entries (the embedded {@code buildkitd.toml}, registry certificates).
     */
    public record StoredNode(String name, String endpoint, List<String> platforms, Map<String, String> driverOpts,
                             List<String> flags, Map<String, String> files) {
        public StoredNode {
            platforms = List.copyOf(platforms);
            driverOpts = Map.copyOf(driverOpts);
            flags = List.copyOf(flags);
            files = Map.copyOf(files);
        }

        public String buildkitdConfig() {
            return files.getOrDefault("buildkitd.toml", "");
        }
    }
}
