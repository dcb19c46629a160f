package dev.buildxlens.ui.builders;

import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.StoreAccess;
import java.util.ArrayList;
import java.util.List;

/** A builder in lines of text: what it is, then for every store whether a FROM resolves there and why. */
final class BuilderDetails {

    private BuilderDetails() {
    }

    static List<String> lines(Builder builder) {
        List<String> lines = new ArrayList<>();
        for (BuilderNode node : builder.nodes()) {
            StringBuilder line = new StringBuilder("Node ").append(node.name()).append(" · ").append(node.endpoint())
                    .append(" · ").append(node.status());
            if (!node.buildkitVersion().isEmpty()) {
                line.append(" · BuildKit ").append(node.buildkitVersion());
            }
            if (!node.driverOpts().isEmpty()) {
                List<String> opts = new ArrayList<>();
                new java.util.TreeMap<>(node.driverOpts()).forEach((k, v) -> opts.add(k + "=" + v));
                line.append(" · ").append(String.join(",", opts));
            }
            node.backingContainer().ifPresent(c -> line.append(" · container ").append(c.name()).append(' ').append(c.state()));
            lines.add(line.toString());
        }
        if (!builder.error().isEmpty()) {
            lines.add("Error: " + builder.error());
        }
        for (StoreAccess access : builder.access()) {
            lines.add(marker(access) + " " + access.storeId() + ": " + access.reason());
        }
        return lines;
    }

    /** Words, not colour: the verdict must read the same in greyscale and on a projector. */
    private static String marker(StoreAccess access) {
        return switch (access.access()) {
            case CAN_READ -> "CAN READ";
            case CANNOT_READ -> "CANNOT READ";
            case ONLY_WITH_NETWORK_HOST -> "ONLY WITH network=host";
            case ONLY_WITH_CONFIG -> "ONLY WITH CONFIG";
            case CACHE_ONLY -> "CACHE ONLY";
            case UNKNOWN -> "UNKNOWN";
        };
    }
}
