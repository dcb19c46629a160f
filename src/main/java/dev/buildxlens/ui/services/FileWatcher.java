package dev.buildxlens.ui.services;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/** Calls back when one file changes on disk, from a daemon thread; watching another file stops the first. */
public final class FileWatcher {

    private WatchService service;

    public synchronized void watch(Path file, Runnable onChange) {
        stop();
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try {
            WatchService watcher = FileSystems.getDefault().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            service = watcher;
            Path name = file.getFileName();
            Thread thread = new Thread(() -> loop(watcher, name, onChange), "buildx-lens-file-watcher");
            thread.setDaemon(true);
            thread.start();
        } catch (IOException e) {
            // Without a watcher the user re-runs by hand; nothing else depends on it.
        }
    }

    private static void loop(WatchService watcher, Path name, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    ours |= name.equals(event.context());
                }
                key.reset();
                if (ours) {
                    // An editor saves in several writes: wait until they settle, then report once.
                    WatchKey more;
                    while ((more = watcher.poll(250, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                        more.pollEvents();
                        more.reset();
                    }
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopped
        }
    }

    public synchronized void stop() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // already closed
            }
            service = null;
        }
    }
}
