package dev.buildxlens.core.doctor;

import dev.buildxlens.core.fix.ShellQuote;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.DaemonProxy;
import dev.buildxlens.core.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Does a docker-container builder pull through the proxy its engine pulls through? dockerd's proxy (its environment,
 * or daemon.json {@code "proxies"}) serves dockerd's pulls, so the docker driver; a docker-container BuildKit resolves
 * FROM and pushes with its container's environment, which buildx fills only from {@code env.*} driver options
 * (docker/buildx {@code driver/docker-container/factory.go}). The CLI's config.json proxies reach RUN steps as build
 * args ({@code build/opt.go}), not BuildKit's own pulls. Other drivers run elsewhere: whether they need the proxy is
 * not knowable from here, so they are not judged.
 */
final class BuilderProxy {

    private BuilderProxy() {
    }

    static Optional<Check> check(Snapshot snapshot, Builder builder) {
        if (!builder.driver().equals("docker-container") || builder.nodes().isEmpty()) {
            return Optional.empty();
        }
        DaemonProxy proxy = snapshot.engineOf(builder).daemon().proxy();
        if (!proxy.isSet()) {
            return Optional.empty();
        }
        Map<String, String> opts = builder.nodes().get(0).driverOpts();
        String id = "builder-proxy:" + builder.name();
        List<String> own = opts.keySet().stream().filter(BuilderProxy::isProxyOption).sorted().toList();
        if (!own.isEmpty()) {
            return Optional.of(Check.ok(id, "Builder " + builder.name() + " has a proxy of its own",
                    "its container's environment sets " + String.join(", ", own) + "; dockerd pulls through " + proxy.describe(), List.of()));
        }
        return Optional.of(new Check(id, Check.Status.WARNING, "Builder " + builder.name() + " does not pull through the daemon's proxy",
                "dockerd pulls through " + proxy.describe() + ". " + builder.name() + "'s BuildKit runs in a container whose "
                        + "environment buildx sets only from env.* driver options, so its FROM and pushes go direct; on a network "
                        + "that needs the proxy they fail with 'dial tcp …: i/o timeout' or 'no such host'."
                        + (proxy.http().contains("xxxxx") || proxy.https().contains("xxxxx")
                        ? " dockerd reports the proxy's password masked: put the real credentials into the URL." : ""),
                fix(builder, proxy, opts), List.of()));
    }

    /** {@code env.http_proxy}, {@code env.HTTPS_PROXY} …: the container's own proxy, as buildx sets it. */
    private static boolean isProxyOption(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return name.equals("env.http_proxy") || name.equals("env.https_proxy");
    }

    /** The builder made again with the daemon's proxy in its container's environment; its other options kept. */
    private static String fix(Builder builder, DaemonProxy proxy, Map<String, String> opts) {
        List<String> driverOpts = new ArrayList<>();
        opts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> driverOpts.add(e.getKey() + "=" + e.getValue()));
        if (!proxy.http().isEmpty()) {
            driverOpts.add("env.http_proxy=" + proxy.http());
        }
        if (!proxy.https().isEmpty()) {
            driverOpts.add("env.https_proxy=" + proxy.https());
        }
        if (!proxy.noProxy().isEmpty()) {
            driverOpts.add("env.no_proxy=" + proxy.noProxy());
        }
        StringBuilder out = new StringBuilder("docker buildx rm ").append(ShellQuote.quote(builder.name())).append('\n')
                .append("docker buildx create --name ").append(ShellQuote.quote(builder.name())).append(" --driver docker-container");
        for (String opt : driverOpts) {
            out.append(" \\\n  --driver-opt ").append(ShellQuote.quote(opt));
        }
        out.append("\n\n# or, in a workflow's docker/setup-buildx-action step:\n#   driver-opts: |\n");
        driverOpts.forEach(opt -> out.append("#     ").append(opt).append('\n'));
        return out.toString();
    }
}
