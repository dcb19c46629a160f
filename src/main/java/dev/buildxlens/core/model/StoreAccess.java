package dev.buildxlens.core.model;

/** The verdict for one builder and one store, with the reason a person can read. */
public record StoreAccess(String storeId, Access access, String reason) {
}
