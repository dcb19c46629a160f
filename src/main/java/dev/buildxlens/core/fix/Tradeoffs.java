package dev.buildxlens.core.fix;

/**
 * What a fix costs, comparable across fixes: whether multi-platform builds and cache export keep working, whether
 * it needs a registry or a change to the daemon, and what it adds to CI time.
 */
public record Tradeoffs(String multiPlatform, String cacheExport, boolean needsRegistry, boolean needsDaemonChange, String ciMinutes) {
}
