package dev.buildxlens.ui;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.ProbeProgress;
import dev.buildxlens.ui.main.SnapshotSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The machine's first picture, asked for before JavaFX starts: the probe (about 300 ms at 1,000 images) then runs
 * while the toolkit starts and the window is built, instead of after them. The first {@link #take} gets that
 * picture, waiting for it if it must and passing on its partial pictures; every later take (Refresh) asks
 * {@code source} anew, so nothing shown is older than the refresh that showed it.
 */
final class EarlyPicture implements SnapshotSource {

    private final SnapshotSource source;
    private final CompletableFuture<Snapshot> first = new CompletableFuture<>();
    private final Object lock = new Object();
    private ProbeProgress latest;
    private Consumer<ProbeProgress> listener;
    private boolean taken;

    private EarlyPicture(SnapshotSource source) {
        this.source = source;
    }

    /** Starts taking the first picture now, on a thread of its own. */
    static EarlyPicture start(SnapshotSource source) {
        EarlyPicture early = new EarlyPicture(source);
        Thread thread = new Thread(early::takeFirst, "buildx-lens-first-picture");
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    private void takeFirst() {
        try {
            first.complete(source.take(this::progressed));
        } catch (RuntimeException | Error e) {
            first.completeExceptionally(e);
        }
    }

    /** Under the lock, so a partial picture passed on late never follows a newer one. */
    private void progressed(ProbeProgress progress) {
        synchronized (lock) {
            latest = progress;
            if (listener != null) {
                listener.accept(progress);
            }
        }
    }

    @Override
    public Snapshot take(Consumer<ProbeProgress> progress) {
        boolean again;
        synchronized (lock) {
            again = taken;
            if (!again) {
                taken = true;
                listener = progress;
                // A partial picture that came before anyone asked is shown first, unless the whole one is there.
                if (latest != null && !first.isDone()) {
                    progress.accept(latest);
                }
            }
        }
        if (again) {
            // A fresh probe, outside the lock: it takes as long as the daemon does.
            return source.take(progress);
        }
        try {
            return first.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
