package dev.buildxlens.core.model;

/**
 * A place where images or layers live. {@code id} is stable ({@code daemon:<context>}, {@code buildkit:<builder>},
 * {@code registry:<host[:port]>}); {@code description} is a short human summary.
 */
public record Store(String id, StoreKind kind, String name, String description) {
}
