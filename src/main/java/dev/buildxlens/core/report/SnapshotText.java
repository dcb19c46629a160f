package dev.buildxlens.core.report;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.Container;
import dev.buildxlens.core.model.Daemon;
import dev.buildxlens.core.model.DiscoveryAttempt;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.model.StoreAccess;
import java.util.ArrayList;
import java.util.List;

/** The terminal summary of a snapshot: what a person reads first, in the order they need it. */
public final class SnapshotText {

    private static final int MAX_IMAGES_SHOWN = 50;

    private SnapshotText() {
    }

    public static String write(Snapshot snapshot) {
        StringBuilder out = new StringBuilder();
        daemon(out, snapshot.daemon(), new ImageLocations(snapshot));
        contexts(out, snapshot);
        builders(out, snapshot.builders());
        registries(out, snapshot.registries());
        if (!snapshot.problems().isEmpty()) {
            out.append("\nProblems\n");
            snapshot.problems().forEach(p -> out.append("  ! ").append(p).append('\n'));
        }
        if (!snapshot.notes().isEmpty()) {
            out.append("\nNotes\n");
            snapshot.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        return out.toString();
    }

    /** Every context's engine, one line each; only when there is more than the current one. */
    private static void contexts(StringBuilder out, Snapshot snapshot) {
        if (snapshot.engines().size() < 2) {
            return;
        }
        out.append("\nContexts: ").append(snapshot.engines().size()).append('\n');
        for (dev.buildxlens.core.model.ContextEngine engine : snapshot.engines()) {
            out.append(engine.current() ? "  * " : "    ").append(engine.name()).append("  ").append(engine.host()).append("  ");
            switch (engine.state()) {
                case REACHABLE -> out.append(engine.daemon().imageStore().label()).append(" image store, ")
                        .append(engine.daemon().images().size()).append(engine.daemon().images().size() == 1 ? " image" : " images");
                case UNREACHABLE -> out.append("unreachable: ").append(engine.error());
                case NOT_PROBED -> out.append(engine.error().isEmpty() ? "not probed" : engine.error());
            }
            out.append('\n');
        }
    }

    private static void daemon(StringBuilder out, Daemon daemon, ImageLocations locations) {
        out.append("Daemon  context ").append(daemon.context()).append("  ").append(daemon.host()).append('\n');
        if (!daemon.reachable()) {
            out.append("  unreachable. Tried:\n");
            for (DiscoveryAttempt attempt : daemon.attempts()) {
                out.append("    ").append(attempt.line()).append('\n');
            }
            return;
        }
        out.append("  Docker ").append(daemon.serverVersion()).append(" (API ").append(daemon.apiVersion()).append("), ")
                .append(daemon.os()).append('/').append(daemon.arch()).append(", storage driver ")
                .append(daemon.storageDriver()).append(", ").append(daemon.imageStore().label()).append(" image store\n");
        if (!daemon.insecureRegistries().isEmpty()) {
            out.append("  insecure registries: ").append(String.join(", ", daemon.insecureRegistries())).append('\n');
        }
        if (!daemon.registryMirrors().isEmpty()) {
            out.append("  registry mirrors: ").append(String.join(", ", daemon.registryMirrors())).append('\n');
        }
        if (daemon.proxy().isSet()) {
            out.append("  pulls through ").append(dev.buildxlens.core.model.Secrets.maskValues(daemon.proxy().describe())).append('\n');
        }
        if (daemon.hiddenImages() > 0) {
            out.append("  ").append(daemon.hiddenImages()).append(daemon.hiddenImages() == 1 ? " image is" : " images are")
                    .append(" hidden in the classic image store (the containerd store is on)\n");
        }
        long dangling = daemon.images().stream().filter(Image::dangling).count();
        out.append("\nImages in ").append(daemon.storeId()).append(": ").append(daemon.images().size())
                .append(" (").append(dangling).append(" dangling)\n");
        daemon.images().stream().limit(MAX_IMAGES_SHOWN).forEach(image -> {
            out.append("  ").append(image.shortId()).append("  ")
                    .append(image.dangling() ? "<none>" : String.join(", ", image.tags()));
            List<String> copies = locations.registryCopies(image);
            if (!copies.isEmpty()) {
                out.append("  (also in ").append(String.join(", ", copies)).append(')');
            }
            out.append('\n');
        });
        if (daemon.images().size() > MAX_IMAGES_SHOWN) {
            out.append("  … ").append(daemon.images().size() - MAX_IMAGES_SHOWN).append(" more (use --format json)\n");
        }
        out.append("\nContainers: ").append(daemon.containers().size()).append('\n');
        for (Container container : daemon.containers()) {
            out.append("  ").append(container.name()).append("  ").append(container.image()).append("  ")
                    .append(container.state());
            container.builderNodeName().ifPresent(n -> out.append("  [buildx node ").append(n).append(']'));
            if (container.looksLikeRegistry()) {
                out.append("  [registry]");
            }
            out.append('\n');
        }
    }

    private static void builders(StringBuilder out, List<Builder> builders) {
        out.append("\nBuilders: ").append(builders.size()).append('\n');
        for (Builder builder : builders) {
            out.append("  ").append(builder.name()).append(builder.current() ? " *" : "").append("  ")
                    .append(builder.driver()).append("  ").append(builder.status());
            if (builder.fromDockerContext()) {
                out.append("  (docker context)");
            }
            out.append('\n');
            for (BuilderNode node : builder.nodes()) {
                List<String> details = new ArrayList<>();
                if (!node.buildkitVersion().isEmpty()) {
                    details.add("BuildKit " + node.buildkitVersion());
                }
                if (!node.driverOpts().isEmpty()) {
                    List<String> opts = new ArrayList<>();
                    new java.util.TreeMap<>(node.driverOpts()).forEach((k, v) -> opts.add(k + "=" + v));
                    details.add(String.join(",", opts));
                }
                node.backingContainer().ifPresent(c -> details.add("container " + c.name() + " " + c.state()));
                out.append("    node ").append(node.name()).append("  ").append(node.endpoint());
                if (!details.isEmpty()) {
                    out.append("  ").append(String.join("; ", details));
                }
                out.append('\n');
            }
            if (!builder.error().isEmpty()) {
                out.append("    error: ").append(builder.error()).append('\n');
            }
            for (StoreAccess access : builder.access()) {
                out.append("    ").append(symbol(access.access())).append(' ').append(access.storeId())
                        .append(": ").append(access.reason()).append('\n');
            }
        }
        out.append("  (* current builder; ✓ can read, ✗ cannot read, ~ only with network=host, ≈ only with registry config, · cache only, ? unknown)\n");
    }

    private static String symbol(Access access) {
        return switch (access) {
            case CAN_READ -> "✓";
            case CANNOT_READ -> "✗";
            case ONLY_WITH_NETWORK_HOST -> "~";
            case ONLY_WITH_CONFIG -> "≈";
            case CACHE_ONLY -> "·";
            case UNKNOWN -> "?";
        };
    }

    private static void registries(StringBuilder out, List<Registry> registries) {
        out.append("\nRegistries: ").append(registries.size()).append('\n');
        for (Registry registry : registries) {
            out.append("  ").append(registry.host()).append("  ").append(registry.source());
            if (registry.queried()) {
                out.append(registry.reachable() ? "  reachable" : "  unreachable: " + registry.error());
            }
            out.append('\n');
            for (Registry.RegistryRepository repository : registry.repositories()) {
                List<String> tags = repository.tags().stream().map(Registry.RegistryTag::tag).toList();
                out.append("    ").append(repository.name()).append(": ").append(String.join(", ", tags)).append('\n');
            }
            if (registry.truncated()) {
                out.append("    … (listing capped)\n");
            }
        }
    }
}
