package dev.buildxlens.core.probe;

import dev.buildxlens.core.model.Snapshot;
import java.util.List;

/**
 * A picture that is usable but not finished: the daemon and the store files are read, while slower parts
 * ({@code docker buildx ls}, registries) are still answering. {@code pending} names each of them for the user.
 */
public record ProbeProgress(Snapshot snapshot, List<String> pending) {

    public ProbeProgress {
        pending = List.copyOf(pending);
    }
}
