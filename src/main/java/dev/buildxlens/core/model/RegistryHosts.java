package dev.buildxlens.core.model;

import java.util.Locale;

/** Facts about registry host names, in one place. */
public final class RegistryHosts {

    private RegistryHosts() {
    }

    /**
     * Loopback registries: {@code localhost}, {@code ::1} and any 127.0.0.0/8 address, with or without a port.
     * BuildKit talks plain HTTP to exactly these (containerd {@code MatchLocalhost}, buildx-facts §5).
     */
    public static boolean isLoopback(String hostAndPort) {
        String host = hostOnly(hostAndPort).toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    public static String hostOnly(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close > 0 ? hostAndPort.substring(1, close) : hostAndPort;
        }
        int colon = hostAndPort.lastIndexOf(':');
        if (colon > 0 && hostAndPort.indexOf(':') == colon) {
            return hostAndPort.substring(0, colon);
        }
        return hostAndPort;
    }

    /**
     * The port of {@code HOST:PORT} ({@code [::1]:5000} too), or {@code fallback} when there is none or it is not a
     * number. The one place that reads a port out of a registry address.
     */
    public static int port(String hostAndPort, int fallback) {
        String host = hostOnly(hostAndPort);
        String rest = hostAndPort.startsWith("[") ? hostAndPort.substring(Math.min(hostAndPort.length(), hostAndPort.indexOf(']') + 1))
                : hostAndPort.substring(host.length());
        if (rest.startsWith(":")) {
            try {
                int port = Integer.parseInt(rest.substring(1));
                return port >= 1 && port <= 65535 ? port : fallback;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** The port of a registry address, 5000 (the registry image's own) when none is written. */
    public static int port(String hostAndPort) {
        return port(hostAndPort, 5000);
    }

    /** Validates a {@code --registry HOST:PORT} value; returns an error message or empty. */
    public static String validate(String value) {
        if (value.isBlank()) {
            return "is empty";
        }
        if (value.contains("/") || value.contains("://")) {
            return "must be HOST[:PORT] without a scheme or path, e.g. localhost:5000";
        }
        if (!value.matches("(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")) {
            return "is not HOST[:PORT], e.g. localhost:5000";
        }
        int colon = value.lastIndexOf(':');
        if (colon > 0 && !value.endsWith("]")) {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                return "has a port outside 1-65535";
            }
        }
        return "";
    }
}
