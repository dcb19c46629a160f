package dev.buildxlens.core.compose;

/**
 * One {@code depends_on} entry, short syntax ({@code - db}) or long ({@code db: {condition: …}}), with Compose's
 * defaults: {@code service_started}, required, no restart. It orders containers, not builds (compose#9686).
 */
public record Dependency(String service, String condition, boolean required, boolean restart) {
}
