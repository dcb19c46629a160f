package dev.buildxlens.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry part of a builder node's {@code buildkitd.toml}: the {@code [registry."host:port"]} tables with
 * {@code http}, {@code insecure}, {@code ca} and {@code mirrors} (BuildKit's {@code RegistryConfig}). A container
 * builder trusts a registry only as this file says: the daemon's {@code insecure-registries}, mirrors and
 * {@code certs.d} do not reach it (buildx-facts §9.7). Read leniently: what is not understood is ignored.
 */
public record BuildkitdConfig(Map<String, RegistrySettings> registries) {

    /** One {@code [registry."host"]} table. */
    public record RegistrySettings(boolean http, boolean insecure, List<String> ca, List<String> mirrors) {
        public RegistrySettings {
            ca = List.copyOf(ca);
            mirrors = List.copyOf(mirrors);
        }
    }

    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*registry\\.\"([^\"]+)\"\\s*]\\s*(#.*)?$");
    private static final Pattern OTHER_TABLE = Pattern.compile("^\\s*\\[.*]\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z_]+)\\s*=\\s*(.+?)\\s*(#[^\"\\]]*)?$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'");

    public BuildkitdConfig {
        registries = Map.copyOf(registries);
    }

    public static final BuildkitdConfig NONE = new BuildkitdConfig(Map.of());

    public static BuildkitdConfig parse(String toml) {
        if (toml == null || toml.isBlank()) {
            return NONE;
        }
        Map<String, RegistrySettings> out = new LinkedHashMap<>();
        String host = null;
        boolean http = false;
        boolean insecure = false;
        List<String> ca = new ArrayList<>();
        List<String> mirrors = new ArrayList<>();
        for (String line : toml.split("\\R")) {
            Matcher table = TABLE.matcher(line);
            if (table.matches() || OTHER_TABLE.matcher(line).matches()) {
                if (host != null) {
                    out.put(host, new RegistrySettings(http, insecure, ca, mirrors));
                }
                host = table.matches() ? table.group(1) : null;
                http = false;
                insecure = false;
                ca = new ArrayList<>();
                mirrors = new ArrayList<>();
                continue;
            }
            if (host == null) {
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (!key.matches()) {
                continue;
            }
            String value = key.group(2);
            switch (key.group(1)) {
                case "http" -> http = value.startsWith("true");
                case "insecure" -> insecure = value.startsWith("true");
                case "ca" -> ca = strings(value);
                case "mirrors" -> mirrors = strings(value);
                default -> {
                    // keypair and other settings do not change whether the registry is trusted.
                }
            }
        }
        if (host != null) {
            out.put(host, new RegistrySettings(http, insecure, ca, mirrors));
        }
        return new BuildkitdConfig(out);
    }

    private static List<String> strings(String value) {
        List<String> out = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(value);
        while (quoted.find()) {
            out.add(quoted.group(1) != null ? quoted.group(1) : quoted.group(2));
        }
        return out;
    }

    public Optional<RegistrySettings> registry(String host) {
        return Optional.ofNullable(registries.get(host));
    }
}
