package dev.buildxlens.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way Buildx Lens writes a file: the new text goes to a temporary file beside the target, is flushed to
 * disk, and is then moved over the target in one step. A failure at any point (full disk, read-only directory, a
 * crash) leaves the old file as it was and no temporary file behind.
 *
 * <p>The user's file keeps what it had: a replaced file keeps its permission bits and, where the process may set
 * them, its owner and group; a {@code .bak} copy gets the original's. A new file is created like any other the user
 * makes, with the permissions the umask leaves (0644 under umask 022). On file systems without POSIX attributes
 * the attribute copy is skipped.
 */
public final class AtomicFiles {

    private static final int TEMP_NAME_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code content}. */
    public static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8), target);
    }

    /**
     * Replaces a user's file, first keeping the old content, byte for byte and with the file's permissions, as
     * {@code <file>.bak}; returns the backup. When the backup cannot be written, the file is not touched.
     */
    public static Path writeWithBackup(Path target, String content) throws IOException {
        Path backup = target.resolveSibling(target.getFileName() + ".bak");
        write(backup, Files.readAllBytes(target), target);
        write(target, content.getBytes(StandardCharsets.UTF_8), target);
        return backup;
    }

    /** Writes {@code bytes} to {@code target} atomically, with the attributes of {@code attributesFrom} if it exists. */
    private static void write(Path target, byte[] bytes, Path attributesFrom) throws IOException {
        PosixFileAttributes original = posixAttributes(attributesFrom);
        Temp temp = createTemp(target.toAbsolutePath().getParent());
        try {
            try (FileChannel channel = temp.channel()) {
                if (original != null) {
                    // Before any content is written, so the new text is never readable by more people than the old.
                    copyAttributes(original, temp.path());
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (network shares) cannot rename atomically; a plain replace is the best they offer.
                Files.move(temp.path(), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp.path());
        }
    }

    private record Temp(Path path, FileChannel channel) {
    }

    /**
     * A new, empty temporary file in {@code dir}, open for writing. No explicit permissions: the OS applies the umask,
     * as for any file the user creates (unlike {@code Files.createTempFile}, which makes it 0600).
     */
    private static Temp createTemp(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path candidate = dir.resolve(".buildx-lens" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return new Temp(candidate, FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= TEMP_NAME_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    /** The POSIX attributes of {@code file}; null when it does not exist or its file system has none. */
    private static PosixFileAttributes posixAttributes(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return null;
        }
        try {
            return view.readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Owner and group first (a chown may clear permission bits), each only where it differs and ignored when refused
     * (only root may give a file away); then the permission bits.
     */
    private static void copyAttributes(PosixFileAttributes original, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes current = view.readAttributes();
        if (!current.owner().equals(original.owner())) {
            try {
                view.setOwner(original.owner());
            } catch (FileSystemException refused) {
                // Not permitted: the file becomes the writer's, as any edit would make it.
            }
        }
        if (!current.group().equals(original.group())) {
            try {
                view.setGroup(original.group());
            } catch (FileSystemException refused) {
                // Not a member of that group: the directory's or the writer's group stays.
            }
        }
        try {
            view.setPermissions(original.permissions());
        } catch (FileSystemException refused) {
            // File systems that fix the mode when mounted (vfat, some network shares) refuse chmod; every file there
            // has the same mode anyway.
        }
    }
}
