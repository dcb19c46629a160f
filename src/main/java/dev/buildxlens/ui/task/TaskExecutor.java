package dev.buildxlens.ui.task;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs slow work (Docker calls, file reads, {@code docker buildx}) off the FX thread and hands the result back
 * on it. ViewModels depend on this interface; tests use {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor {

    <T> void execute(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code action} on the UI thread: for progress that slow work reports before its result. */
    void onUiThread(Runnable action);

    default void shutdown() {
    }
}
