package dev.buildxlens.ui.task;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs slow work (Docker calls, file reads, {@code docker buildx}) off the FX thread and hands the result back
 * on it. ViewModels depend on this interface; tests use {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor {

    <T> void execute(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Runs housekeeping off the UI thread whose outcome nobody waits for (deleting a temporary folder): it either
     * happens or it does not, and the UI goes on the same.
     */
    default void runInBackground(Runnable work) {
        execute(() -> {
            work.run();
            return Boolean.TRUE;
        }, done -> { }, error -> { });
    }

    /** Runs {@code action} on the UI thread: for progress that slow work reports before its result. */
    void onUiThread(Runnable action);

    default void shutdown() {
    }
}
