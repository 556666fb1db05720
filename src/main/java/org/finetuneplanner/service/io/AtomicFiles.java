package org.finetuneplanner.service.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes files so that a failure never leaves a damaged or partial file: the content goes to a temporary file in
 * the target's folder, is flushed and forced to the disk ({@code fsync}), and is then moved over the target in one
 * atomic step. If anything fails, the temporary file is removed and the previous file is left as it was.
 *
 * <p>Where the file system cannot move atomically ({@link AtomicMoveNotSupportedException}, some network and
 * Windows shares), the move falls back to a plain replace, which is still a single rename on local disks.
 * An existing target's POSIX permissions are carried over to the new file.
 *
 * <p>Errors are {@link IOException}s whose message is one line for people: which file, and why (the folder does
 * not exist, no permission, the disk is full, a read-only file system). Thread-safe; concurrent writers of the same
 * target each produce a whole file, the last move wins.
 */
public final class AtomicFiles {

    /** Writes the content of a file. The stream must not be closed by the callback (closing is harmless). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Moves the finished temporary file over the target; a seam for tests that inject failures. */
    @FunctionalInterface
    interface Mover {
        void move(Path temp, Path target) throws IOException;
    }

    private static final Mover ATOMIC = atomicOrReplace(
            (temp, target) -> Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING),
            (temp, target) -> Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING));

    /** Tries the atomic move; where the file system does not support one, replaces instead. */
    static Mover atomicOrReplace(Mover atomic, Mover replace) {
        return (temp, target) -> {
            try {
                atomic.move(temp, target);
            } catch (AtomicMoveNotSupportedException e) {
                replace.move(temp, target);
            }
        };
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target  the file to create or replace
     * @param content writes the bytes
     * @throws IOException with a one-line message naming the file and the reason; the previous file is intact and
     *                     no temporary file remains
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, ATOMIC);
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static void write(Path target, Content content, Mover mover) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (folder == null || file.getFileName() == null) {
            throw new IOException("cannot write " + target + ": not a file path");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("cannot write " + target + ": the folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        if (Files.isDirectory(file)) {
            throw new IOException("cannot write " + target + ": it is a folder");
        }
        Path temp = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8)
                + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(channel)));
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            copyPermissions(file, temp);
            mover.move(temp, file);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            if (e instanceof IOException io) {
                throw explain(target, folder, io);
            }
            throw e;
        }
        syncFolder(folder);
    }

    /** A one-line reason for people, keeping the original exception as the cause. */
    static IOException explain(Path target, Path folder, IOException e) {
        String detail = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = detail.toLowerCase(Locale.ROOT);
        String why;
        if (lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk full")
                || lower.contains("quota exceeded")) {
            why = "the disk is full (" + detail + ")";
        } else if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("access is denied")) {
            why = "no permission to write in " + folder;
        } else if (lower.contains("read-only file system")) {
            why = "the folder " + folder + " is on a read-only file system";
        } else if (e instanceof NoSuchFileException) {
            why = "the folder " + folder + " disappeared while writing";
        } else if (e instanceof NotDirectoryException) {
            why = folder + " is not a folder";
        } else {
            why = detail;
        }
        return new IOException("cannot write " + target + ": " + why.replaceAll("\\s+", " "), e);
    }

    private static void copyPermissions(Path from, Path to) {
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source == null || target == null) {
            return;
        }
        try {
            target.setPermissions(source.readAttributes().permissions());
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the new file keeps the default permissions of a newly created file.
        }
    }

    /** Makes the rename itself durable where the platform allows opening a folder (Linux, macOS). */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; NTFS journals the rename itself.
        }
    }

    private static void deleteQuietly(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Lets the callback close its stream without closing the channel before it is forced to disk. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
