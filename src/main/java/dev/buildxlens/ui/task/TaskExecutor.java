package dev.buildxlens.ui.task;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs slow work (Docker calls, file reads, {@code docker buildx}) off the FX thread and hands the result back
 * on it. ViewModels depend on this interface; tests use {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor {

    <T> void execute(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    default void shutdown() {
    }
}
