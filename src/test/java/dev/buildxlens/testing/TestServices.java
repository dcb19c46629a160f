package dev.buildxlens.testing;

import dev.buildxlens.ui.services.Clipboards;
import dev.buildxlens.ui.services.FileDialogs;
import dev.buildxlens.ui.services.FileWatcher;
import dev.buildxlens.ui.services.Services;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Desktop services for UI tests: dialogs that answer with real files the test chose (a headless test cannot drive
 * the native chooser), a clipboard that remembers what was copied, and the real file watcher.
 */
public final class TestServices {

    public final Deque<Path> opens = new ArrayDeque<>();
    public final Deque<Path> saves = new ArrayDeque<>();
    public volatile String clipboard = "";
    public volatile boolean confirm = true;
    public final java.util.List<String> confirmations = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Services services() {
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Optional<Path> open(String title) {
                return Optional.ofNullable(opens.poll());
            }

            @Override
            public Optional<Path> save(String title, String suggestedName) {
                return Optional.ofNullable(saves.poll());
            }
        };
        Clipboards clipboards = new Clipboards() {
            @Override
            public void copy(String text) {
                clipboard = text;
            }

            @Override
            public Optional<String> text() {
                return Optional.ofNullable(clipboard.isEmpty() ? null : clipboard);
            }
        };
        return new Services(dialogs, clipboards, new FileWatcher(), (title, details) -> {
            confirmations.add(title);
            return confirm;
        });
    }
}
