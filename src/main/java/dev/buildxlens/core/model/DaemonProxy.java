package dev.buildxlens.core.model;

/**
 * The proxy dockerd pulls through ({@code docker info}: {@code HttpProxy}, {@code HttpsProxy}, {@code NoProxy}; set by
 * its environment or, from 23.0, {@code "proxies"} in daemon.json). The daemon reports passwords in these URLs
 * already masked ({@code xxxxx}). It applies to dockerd's own pulls, so to the docker driver; a docker-container
 * BuildKit resolves images with its container's environment, which buildx sets only from {@code env.*} driver
 * options (docker/buildx {@code driver/docker-container/factory.go}); the CLI's {@code config.json} proxies become
 * build args for RUN steps ({@code build/opt.go}), never BuildKit's own pulls.
 */
public record DaemonProxy(String http, String https, String noProxy) {

    public static final DaemonProxy NONE = new DaemonProxy("", "", "");

    public DaemonProxy {
        http = http == null ? "" : http.trim();
        https = https == null ? "" : https.trim();
        noProxy = noProxy == null ? "" : noProxy.trim();
    }

    /** True when the daemon pulls through a proxy at all. */
    public boolean isSet() {
        return !http.isEmpty() || !https.isEmpty();
    }

    /** For people: {@code HTTPS proxy http://proxy:3128, HTTP proxy …, no proxy for localhost}. */
    public String describe() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!https.isEmpty()) {
            parts.add("HTTPS proxy " + https);
        }
        if (!http.isEmpty()) {
            parts.add("HTTP proxy " + http);
        }
        if (!noProxy.isEmpty()) {
            parts.add("no proxy for " + noProxy);
        }
        return String.join(", ", parts);
    }
}
