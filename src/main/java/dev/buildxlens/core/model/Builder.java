package dev.buildxlens.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A buildx builder (a node group). {@code fromDockerContext} marks the implicit docker-driver builder
 * that every docker context is; {@code access} says, store by store, whether a {@code FROM} can resolve there.
 */
public record Builder(
        String name,
        String driver,
        boolean current,
        boolean fromDockerContext,
        Instant lastActivity,
        List<BuilderNode> nodes,
        List<StoreAccess> access,
        String error) {

    public Builder {
        nodes = List.copyOf(nodes);
        access = List.copyOf(access);
    }

    /** The ids of the stores a {@code FROM} in a build on this builder can resolve from. */
    public List<String> canRead() {
        return access.stream().filter(a -> a.access() == Access.CAN_READ).map(StoreAccess::storeId).toList();
    }

    public Optional<StoreAccess> accessTo(String storeId) {
        return access.stream().filter(a -> a.storeId().equals(storeId)).findFirst();
    }

    public Builder withAccess(List<StoreAccess> newAccess) {
        return new Builder(name, driver, current, fromDockerContext, lastActivity, nodes, newAccess, error);
    }

    public Builder withCurrent(boolean isCurrent) {
        return new Builder(name, driver, isCurrent, fromDockerContext, lastActivity, nodes, access, error);
    }

    /** A one-word status for the whole builder: the status of its first node, or {@code unknown}. */
    public String status() {
        return nodes.isEmpty() ? "unknown" : nodes.get(0).status();
    }
}
