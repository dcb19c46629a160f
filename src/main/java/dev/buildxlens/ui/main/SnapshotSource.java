package dev.buildxlens.ui.main;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.ProbeProgress;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the picture comes from: the live probe, which may hand out a partial picture while slow parts are still
 * answering, or a scenario's fixed world. Runs off the FX thread.
 */
@FunctionalInterface
public interface SnapshotSource {

    Snapshot take(Consumer<ProbeProgress> progress);

    /** A source that has only whole pictures. */
    static SnapshotSource of(Supplier<Snapshot> supplier) {
        return progress -> supplier.get();
    }
}
