package dev.buildxlens.core.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one way Buildx Lens writes a file: the new text goes to a temporary file beside the target, is flushed to
 * disk, and is then moved over the target in one step. A failure at any point (full disk, read-only directory, a
 * crash) leaves the old file as it was and no temporary file behind.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code content}. */
    public static void write(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".buildx-lens", ".tmp");
        try {
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (network shares) cannot rename atomically; a plain replace is the best they offer.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Replaces a user's file, first keeping the old text as {@code <file>.bak}; returns the backup. When the backup
     * cannot be written, the file is not touched.
     */
    public static Path writeWithBackup(Path target, String content) throws IOException {
        Path backup = target.resolveSibling(target.getFileName() + ".bak");
        write(backup, Files.readString(target, StandardCharsets.UTF_8));
        write(target, content);
        return backup;
    }
}
