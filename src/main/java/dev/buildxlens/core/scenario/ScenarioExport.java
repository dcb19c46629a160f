package dev.buildxlens.core.scenario;

import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.BuilderNode;
import dev.buildxlens.core.model.ContextEngine;
import dev.buildxlens.core.model.Image;
import dev.buildxlens.core.model.Registry;
import dev.buildxlens.core.model.Secrets;
import dev.buildxlens.core.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a snapshot (usually the live machine) as a scenario file that loads back as the same world, minus what must
 * not leave the machine: secret-looking driver options (already redacted in the snapshot), values of secret-looking
 * names, and user names in home paths unless the user keeps them. Says what it redacted.
 */
public final class ScenarioExport {

    private static final Pattern HOME = Pattern.compile("(/home/|/Users/|C:\\\\Users\\\\)([^/\\\\]+)");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|password|passwd|secret|key|auth|credential).*");

    private ScenarioExport() {
    }

    /** The scenario text, and one line per redaction. */
    public record Export(String yaml, List<String> redacted) {
    }

    public static Export export(Snapshot snapshot, String name, boolean keepUserNames) {
        List<String> redacted = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        out.append("# Exported by Buildx Lens from ").append(snapshot.origin()).append(" at ").append(snapshot.takenAt()).append('\n');
        out.append("# Secrets and user names were removed; see the list printed with the export.\n");
        out.append("name: ").append(quote(name)).append('\n');
        out.append("title: ").append(quote("Exported: " + snapshot.daemon().context() + " on " + snapshot.daemon().serverVersion())).append('\n');
        out.append("level: advanced\nrunner: laptop\n");
        out.append("daemon:\n");
        out.append("  context: ").append(quote(snapshot.daemon().context())).append('\n');
        out.append("  host: ").append(quote(path(snapshot.daemon().host(), keepUserNames, redacted, "daemon host"))).append('\n');
        out.append("  version: ").append(quote(snapshot.daemon().serverVersion())).append('\n');
        out.append("  apiVersion: ").append(quote(snapshot.daemon().apiVersion())).append('\n');
        out.append("  imageStore: ").append(snapshot.daemon().imageStore().label().equals("containerd") ? "containerd" : "classic").append('\n');
        daemonSettings(out, snapshot.daemon(), "  ");
        proxy(out, snapshot.daemon().proxy(), "  ", redacted);
        images(out, snapshot.daemon().images(), "  ");
        if (!snapshot.otherEngines().isEmpty()) {
            out.append("contexts:\n");
            for (ContextEngine engine : snapshot.otherEngines()) {
                out.append("  - name: ").append(quote(engine.name())).append('\n');
                out.append("    host: ").append(quote(path(engine.host(), keepUserNames, redacted, "host of context " + engine.name()))).append('\n');
                out.append("    state: ").append(switch (engine.state()) {
                    case REACHABLE -> "reachable";
                    case UNREACHABLE -> "unreachable";
                    case NOT_PROBED -> "not-probed";
                }).append('\n');
                if (!engine.error().isEmpty()) {
                    out.append("    error: ").append(quote(path(engine.error(), keepUserNames, redacted, "error of context " + engine.name()))).append('\n');
                }
                if (engine.reachable()) {
                    out.append("    version: ").append(quote(engine.daemon().serverVersion())).append('\n');
                    out.append("    imageStore: ").append(engine.daemon().imageStore().label().equals("containerd") ? "containerd" : "classic").append('\n');
                    images(out, engine.daemon().images(), "    ");
                }
            }
        }
        out.append("builders:\n");
        for (Builder builder : snapshot.builders()) {
            if (builder.fromDockerContext() && !builder.current()) {
                continue; // the context's docker-driver builder exists by itself
            }
            out.append("  - name: ").append(quote(builder.name())).append('\n');
            out.append("    driver: ").append(quote(builder.driver())).append('\n');
            if (builder.current()) {
                out.append("    current: true\n");
            }
            if (!builder.madeBy().isEmpty()) {
                out.append("    madeBy: ").append(quote(builder.madeBy())).append('\n');
            }
            if (!builder.nodes().isEmpty()) {
                BuilderNode node = builder.nodes().get(0);
                out.append("    status: ").append(quote(node.status().equals("running") || node.status().equals("stopped")
                        || node.status().equals("inactive") ? node.status() : "running")).append('\n');
                if (!builder.driver().equals("docker")) {
                    out.append("    endpoint: ").append(quote(path(node.endpoint(), keepUserNames, redacted, "endpoint of " + builder.name()))).append('\n');
                }
                Map<String, String> opts = new TreeMap<>(node.driverOpts());
                if (!opts.isEmpty() && !builder.driver().equals("docker")) {
                    out.append("    driverOpts:\n");
                    for (Map.Entry<String, String> opt : opts.entrySet()) {
                        String value = opt.getValue();
                        if (value.contains(Secrets.REDACTED) || SECRET_NAME.matcher(opt.getKey()).matches()) {
                            redacted.add("driver option " + opt.getKey() + " of builder " + builder.name());
                            value = Secrets.REDACTED;
                        }
                        out.append("      ").append(quote(opt.getKey())).append(": ")
                                .append(quote(path(value, keepUserNames, redacted, "driver option " + opt.getKey()))).append('\n');
                    }
                }
            }
        }
        List<Registry> listed = snapshot.registries().stream().filter(Registry::queried).toList();
        if (!listed.isEmpty()) {
            out.append("registries:\n");
            for (Registry registry : listed) {
                out.append("  - host: ").append(quote(registry.host())).append('\n');
                if (!registry.repositories().isEmpty()) {
                    out.append("    repositories:\n");
                    for (Registry.RegistryRepository repository : registry.repositories()) {
                        out.append("      ").append(quote(repository.name())).append(": [")
                                .append(String.join(", ", repository.tags().stream().map(t -> quote(t.tag())).toList())).append("]\n");
                    }
                }
            }
        }
        out.append("steps:\n  - \"A snapshot of a real machine: diagnose a Dockerfile against it with --scenario FILE --dockerfile PATH.\"\n");
        return new Export(out.toString(), redacted);
    }

    /** The daemon's registry settings and hidden images, as a lesson writes them. */
    private static void daemonSettings(StringBuilder out, dev.buildxlens.core.model.Daemon daemon, String indent) {
        List<String> insecure = daemon.insecureRegistries().stream().filter(r -> !r.equals("127.0.0.0/8") && !r.equals("::1/128")).toList();
        if (!insecure.isEmpty()) {
            out.append(indent).append("insecureRegistries: [").append(String.join(", ", insecure.stream().map(ScenarioExport::quote).toList())).append("]\n");
        }
        if (!daemon.registryMirrors().isEmpty()) {
            out.append(indent).append("registryMirrors: [").append(String.join(", ", daemon.registryMirrors().stream().map(ScenarioExport::quote).toList())).append("]\n");
        }
        if (daemon.hiddenImages() != dev.buildxlens.core.model.Daemon.NOT_COUNTED) {
            out.append(indent).append("hiddenImages: ").append(daemon.hiddenImages()).append('\n');
        }
    }

    /** The daemon's proxy, without any user name or password in its URLs (the daemon masks the password only). */
    private static void proxy(StringBuilder out, dev.buildxlens.core.model.DaemonProxy proxy, String indent, List<String> redacted) {
        if (!proxy.isSet() && proxy.noProxy().isEmpty()) {
            return;
        }
        out.append(indent).append("proxy:\n");
        String[][] fields = {{"http", proxy.http()}, {"https", proxy.https()}, {"noProxy", proxy.noProxy()}};
        for (String[] field : fields) {
            if (field[1].isEmpty()) {
                continue;
            }
            String value = field[1].replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
            if (!value.equals(field[1])) {
                redacted.add("credentials in the daemon's " + field[0] + " proxy URL");
            }
            out.append(indent).append("  ").append(field[0]).append(": ").append(quote(value)).append('\n');
        }
    }

    private static void images(StringBuilder out, List<Image> images, String indent) {
        if (images.isEmpty()) {
            // "images:" with nothing under it is null in YAML, which the loader rightly refuses: an engine with no images.
            out.append(indent).append("images: []\n");
            return;
        }
        out.append(indent).append("images:\n");
        for (Image image : images) {
            if (image.tags().isEmpty()) {
                continue; // dangling images name nothing a build can ask for
            }
            out.append(indent).append("  - tags: [");
            out.append(String.join(", ", image.tags().stream().map(ScenarioExport::quote).toList())).append("]\n");
            if (!image.digests().isEmpty()) {
                out.append(indent).append("    digests: [").append(String.join(", ", image.digests().stream().map(ScenarioExport::quote).toList())).append("]\n");
            }
            if (!image.platforms().isEmpty()) {
                out.append(indent).append("    platforms: [").append(String.join(", ", image.platforms().stream().map(p -> quote(p.toString())).toList())).append("]\n");
            }
        }
    }

    private static String path(String value, boolean keepUserNames, List<String> redacted, String what) {
        if (keepUserNames) {
            return value;
        }
        Matcher matcher = HOME.matcher(value);
        if (!matcher.find()) {
            return value;
        }
        redacted.add("user name in " + what);
        return matcher.replaceAll("$1user");
    }

    /** A YAML double-quoted scalar: every value reads back exactly, whatever characters it holds. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
