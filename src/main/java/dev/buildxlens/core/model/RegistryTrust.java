package dev.buildxlens.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a daemon does for a registry that a container builder does not inherit (buildx-facts §9.7): speaks plain HTTP
 * or skips verification ({@code insecure-registries}), trusts a private CA ({@code /etc/docker/certs.d/<host>/}),
 * or pulls Docker Hub through mirrors ({@code registry-mirrors}). The docker driver uses the daemon, so it has all
 * of this; a docker-container BuildKit has only what its own {@code buildkitd.toml} says.
 */
public final class RegistryTrust {

    private RegistryTrust() {
    }

    /** What the daemon needs special for a host: "insecure", "ca", or empty when it treats the host like any other. */
    public static Optional<String> special(Daemon daemon, String host) {
        if (RegistryHosts.isLoopback(host)) {
            // dockerd and BuildKit both speak plain HTTP to loopback registries on their own.
            return Optional.empty();
        }
        if (daemon.insecureRegistries().contains(host) || inInsecureCidr(daemon, host)) {
            return Optional.of("insecure");
        }
        if (daemon.registryCaHosts().contains(host)) {
            return Optional.of("ca");
        }
        return Optional.empty();
    }

    /** Registries the daemon was configured to treat specially, by name (CIDRs other than loopback's are kept too). */
    public static List<String> configuredHosts(Daemon daemon) {
        List<String> out = new ArrayList<>();
        for (String entry : daemon.insecureRegistries()) {
            if (!entry.contains("/") && !RegistryHosts.isLoopback(entry) && !out.contains(entry)) {
                out.add(entry);
            }
        }
        for (String host : daemon.registryCaHosts()) {
            if (!out.contains(host)) {
                out.add(host);
            }
        }
        return out;
    }

    /** Whether a builder node's buildkitd.toml covers what the daemon needs special for this host. */
    public static boolean covered(BuilderNode node, String host, String need) {
        Optional<BuildkitdConfig.RegistrySettings> settings = BuildkitdConfig.parse(node.buildkitdConfig()).registry(host);
        if (settings.isEmpty()) {
            return false;
        }
        return need.equals("ca") ? !settings.get().ca().isEmpty() || settings.get().insecure()
                : settings.get().http() || settings.get().insecure();
    }

    /** Whether the node's config gives docker.io mirrors of its own. */
    public static boolean hasDockerHubMirrors(BuilderNode node) {
        return BuildkitdConfig.parse(node.buildkitdConfig()).registry("docker.io").map(s -> !s.mirrors().isEmpty()).orElse(false);
    }

    /** True when an IP-literal host lies in one of the daemon's insecure CIDRs other than loopback's. */
    private static boolean inInsecureCidr(Daemon daemon, String host) {
        String ip = RegistryHosts.hostOnly(host);
        if (!ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            return false;
        }
        long address = ipv4(ip);
        for (String cidr : daemon.insecureRegistries()) {
            int slash = cidr.indexOf('/');
            if (slash < 0 || !cidr.substring(0, slash).matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                continue;
            }
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            if ((ipv4(cidr.substring(0, slash)) & mask) == (address & mask)) {
                return true;
            }
        }
        return false;
    }

    private static long ipv4(String ip) {
        long value = 0;
        for (String part : ip.split("\\.")) {
            value = value * 256 + Math.min(255, Integer.parseInt(part));
        }
        return value;
    }
}
