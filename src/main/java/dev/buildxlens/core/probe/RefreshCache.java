package dev.buildxlens.core.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a refresh can reuse from the one before when its input did not change: a parsed store file while its size
 * and modification time (nanoseconds on Linux file systems) stay the same. Process-wide and thread-safe, and
 * capped, so it never grows beyond the files of a few stores.
 */
final class RefreshCache {

    @FunctionalInterface
    interface Parser<I, T> {
        T parse(I input) throws IOException;
    }

    private record FileEntry(long size, FileTime modified, Object value) {
    }

    private static final Map<Path, FileEntry> BY_FILE = new ConcurrentHashMap<>();
    /** A store holds tens of files; a cap keeps a store with thousands from filling memory. */
    private static final int MAX_FILES = 2000;

    private RefreshCache() {
    }

    /** {@code parse(file)}, or the value it gave last time while the file kept its size and modification time. */
    @SuppressWarnings("unchecked")
    static <T> T byFile(Path file, Parser<Path, T> parse) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        FileEntry last = BY_FILE.get(file);
        if (last != null && last.size() == attributes.size() && last.modified().equals(attributes.lastModifiedTime())) {
            return (T) last.value();
        }
        T value = parse.parse(file);
        if (BY_FILE.size() >= MAX_FILES) {
            BY_FILE.clear();
        }
        BY_FILE.put(file, new FileEntry(attributes.size(), attributes.lastModifiedTime(), value));
        return value;
    }
}
