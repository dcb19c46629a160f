package dev.buildxlens.ui.services;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Calls back when one of a set of files changes on disk, from a daemon thread; watching other files stops the
 * watching before. A diagnosis depends on several files (a workflow and the Dockerfiles it builds), often in
 * different folders: each folder is watched once.
 */
public final class FileWatcher {

    private WatchService service;

    public synchronized void watch(Path file, Runnable onChange) {
        watch(List.of(file), onChange);
    }

    public synchronized void watch(Collection<Path> files, Runnable onChange) {
        stop();
        Set<Path> watched = files.stream().map(f -> f.toAbsolutePath().normalize()).filter(f -> f.getParent() != null)
                .collect(Collectors.toSet());
        if (watched.isEmpty()) {
            return;
        }
        try {
            WatchService watcher = FileSystems.getDefault().newWatchService();
            Map<WatchKey, Path> folders = new HashMap<>();
            for (Path folder : watched.stream().map(Path::getParent).collect(Collectors.toSet())) {
                try {
                    folders.put(folder.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE), folder);
                } catch (IOException e) {
                    // A folder that is gone: its files cannot change; the others are still watched.
                }
            }
            service = watcher;
            Thread thread = new Thread(() -> loop(watcher, folders, watched, onChange), "buildx-lens-file-watcher");
            thread.setDaemon(true);
            thread.start();
        } catch (IOException e) {
            // Without a watcher the user re-runs by hand; nothing else depends on it.
        }
    }

    private static void loop(WatchService watcher, Map<WatchKey, Path> folders, Set<Path> files, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path folder = folders.get(key);
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    ours |= folder != null && event.context() instanceof Path name && files.contains(folder.resolve(name));
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
