package dev.buildxlens.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A buildx builder (a node group). {@code fromDockerContext} marks the implicit docker-driver builder
 * that every docker context is; {@code access} says, store by store, whether a {@code FROM} can resolve there.
 * {@code madeBy} says, for a builder whose name was made up (a simulated runner calls the builder of a
 * setup-buildx step {@code builder-step4}), what made it: {@code set up in step 4 (docker/setup-buildx-action)};
 * it is empty when the name is one a person gave or sees. The name stays the builder's id; people read
 * {@link #displayName()}.
 */
public record Builder(
        String name,
        String driver,
        boolean current,
        boolean fromDockerContext,
        Instant lastActivity,
        List<BuilderNode> nodes,
        List<StoreAccess> access,
        String error,
        String madeBy) {

    public Builder {
        nodes = List.copyOf(nodes);
        access = List.copyOf(access);
        madeBy = madeBy == null ? "" : madeBy;
    }

    /** A builder whose name is its own (every builder of a real machine). */
    public Builder(String name, String driver, boolean current, boolean fromDockerContext, Instant lastActivity,
                   List<BuilderNode> nodes, List<StoreAccess> access, String error) {
        this(name, driver, current, fromDockerContext, lastActivity, nodes, access, error, "");
    }

    /** How people read the builder: its name, or for a made-up name what made it ("the builder set up in step 4 (…)"). */
    public String displayName() {
        return madeBy.isEmpty() ? name : "the builder " + madeBy;
    }

    /** The ids of the stores a {@code FROM} in a build on this builder can resolve from. */
    public List<String> canRead() {
        return access.stream().filter(a -> a.access() == Access.CAN_READ).map(StoreAccess::storeId).toList();
    }

    public Optional<StoreAccess> accessTo(String storeId) {
        return access.stream().filter(a -> a.storeId().equals(storeId)).findFirst();
    }

    public Builder withAccess(List<StoreAccess> newAccess) {
        return new Builder(name, driver, current, fromDockerContext, lastActivity, nodes, newAccess, error, madeBy);
    }

    /** The same builder, said to be made by {@code value} (see {@link #madeBy()}). */
    public Builder withMadeBy(String value) {
        return new Builder(name, driver, current, fromDockerContext, lastActivity, nodes, access, error, value);
    }

    public Builder withCurrent(boolean isCurrent) {
        return new Builder(name, driver, isCurrent, fromDockerContext, lastActivity, nodes, access, error, madeBy);
    }

    /** A one-word status for the whole builder: the status of its first node, or {@code unknown}. */
    public String status() {
        return nodes.isEmpty() ? "unknown" : nodes.get(0).status();
    }
}
