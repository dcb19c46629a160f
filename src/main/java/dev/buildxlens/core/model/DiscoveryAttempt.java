package dev.buildxlens.core.model;

/**
 * One step of daemon discovery: which source was consulted, which host it gave, and what happened,
 * as one line a person can act on.
 */
public record DiscoveryAttempt(String source, String host, boolean succeeded, String message) {

    public String line() {
        String where = host.isEmpty() ? source : source + " (" + host + ")";
        return (succeeded ? "[ok] " : "[failed] ") + where + ": " + message;
    }
}
