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
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes files so that a failure never leaves a damaged or partial file: the content goes to a temporary file in
 * the target's folder, is flushed and forced to the disk ({@code fsync}), and is then moved over the target in one
 * atomic step. If anything fails, the temporary file is removed and the previous file is left as it was.
 *
 * <p>Where the file system cannot move atomically ({@link AtomicMoveNotSupportedException}, some network and
 * Windows shares), the move falls back to a plain replace, which is still a single rename on local disks.
 * An existing target's POSIX permissions are carried over to the new file.
 *
 * <p>Only a new path or an existing regular, writable file is written ({@link #checkTarget}): a symbolic link is
 * never replaced by a regular file (by {@link Links} it is refused, or the file it points to is written and the link
 * kept), and a device, named pipe, folder or read-only file is refused. The temporary
 * file is named {@code .<target>.ftp-tmp-<random>}; a write first removes such files older than an hour from its
 * folder (left behind by a process that was killed) and nothing else.
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

    /** What a write does when its target is a symbolic link. */
    public enum Links {
        /**
         * Refuse it: for a path the user names for one run ({@code --out}), where a link is more likely a mistake
         * or a trap (a link planted to redirect the write) than a wish.
         */
        REFUSE,
        /**
         * Write the file the link points to (through any chain of links), atomically in that file's own folder,
         * and keep the link: for the app's own files (a saved scenario, the settings), which dotfile managers keep
         * as links into a repository.
         */
        FOLLOW
    }

    /** Longest chain of links followed, as Linux's {@code MAXSYMLINKS}: beyond it the links go round in a loop. */
    static final int MAX_LINKS = 40;

    /** Moves the finished temporary file over the target; a seam for tests that inject failures. */
    @FunctionalInterface
    interface Mover {
        void move(Path temp, Path target) throws IOException;
    }

    /** Marks our temporary files: {@code .<target>.ftp-tmp-<random>}. */
    static final String TEMP_MARK = ".ftp-tmp-";
    /** A temporary file untouched this long belongs to a write that was killed. */
    static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final int KEPT_NAME_CHARS = 50;
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+" + Pattern.quote(TEMP_MARK) + "[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

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
     * Writes {@code target} atomically; a symbolic link is refused ({@link Links#REFUSE}).
     *
     * @param target  the file to create or replace
     * @param content writes the bytes
     * @throws IOException with a one-line message naming the file and the reason; the previous file is intact and
     *                     no temporary file remains
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, Links.REFUSE, content);
    }

    /**
     * Writes {@code target} atomically, with {@code links} deciding what a symbolic link there means.
     *
     * @param target  the file to create or replace
     * @param links   refuse a link, or write the file it points to and keep the link
     * @param content writes the bytes
     * @throws IOException with a one-line message naming the file and the reason; the previous file is intact and
     *                     no temporary file remains
     */
    public static void write(Path target, Links links, Content content) throws IOException {
        write(target, links, content, ATOMIC);
    }

    /** Writes a UTF-8 text file atomically; a symbolic link is refused. */
    public static void writeString(Path target, String text) throws IOException {
        writeString(target, Links.REFUSE, text);
    }

    /** Writes a UTF-8 text file atomically, with {@code links} deciding what a symbolic link there means. */
    public static void writeString(Path target, Links links, String text) throws IOException {
        write(target, links, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static void write(Path target, Content content, Mover mover) throws IOException {
        write(target, Links.REFUSE, content, mover);
    }

    static void write(Path target, Links links, Content content, Mover mover) throws IOException {
        Path file = checkTarget(target, links);
        Path folder = file.getParent();
        removeStaleTemporaries(folder, Instant.now());
        Path temp = folder.resolve(temporaryName(file.getFileName().toString()));
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

    /**
     * Checks that {@code target} may be written, refusing a symbolic link ({@link Links#REFUSE}).
     *
     * @return the target as an absolute, normalised path
     * @throws IOException with a one-line message naming the file and the reason
     * @see #checkTarget(Path, Links)
     */
    public static Path checkTarget(Path target) throws IOException {
        return checkTarget(target, Links.REFUSE);
    }

    /**
     * Checks that {@code target} may be written: its folder exists, and it is a new path or an existing regular
     * file that is not read-only. A folder, a device such as {@code /dev/null}, a named pipe or a socket is
     * refused; a symbolic link is refused ({@link Links#REFUSE}: the move would replace it by a regular file) or
     * followed to the file it points to, which must then pass the same checks ({@link Links#FOLLOW}).
     * {@link #write} checks this itself; callers with expensive content check first to fail before the work.
     *
     * @return the file that will be written, as an absolute, normalised path (the link's target when followed)
     * @throws IOException with a one-line message naming the file and the reason
     */
    public static Path checkTarget(Path target, Links links) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        String shown = target.toString();
        if (links == Links.FOLLOW) {
            Path linked = followLinks(target, file);
            shown = linked.equals(file) ? shown : target + " (a link to " + linked + ")";
            file = linked;
        }
        Path folder = file.getParent();
        if (folder == null || file.getFileName() == null) {
            throw new IOException("cannot write " + shown + ": not a file path");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("cannot write " + shown + ": the folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot write " + shown + ": it is a folder");
        }
        Optional<String> special = IoReasons.specialKind(file);
        if (special.isPresent()) {
            throw new IOException("cannot write " + shown + ": it is " + special.get()
                    + "; only a new file or an existing regular file is written");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && readOnly(file)) {
            throw new IOException("cannot write " + shown + ": the file is read-only");
        }
        return file;
    }

    /**
     * The file at the end of {@code file}'s chain of symbolic links (itself when it is none). A relative link is
     * resolved against the folder of the link; the file need not exist (a dangling link names the file to create).
     */
    private static Path followLinks(Path target, Path file) throws IOException {
        Path current = file;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == MAX_LINKS) {
                throw new IOException("cannot write " + target + ": more than " + MAX_LINKS
                        + " symbolic links in a row (a loop?)");
            }
            Path next;
            try {
                next = Files.readSymbolicLink(current);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                throw new IOException("cannot write " + target + ": its symbolic link cannot be read ("
                        + (e instanceof IOException io ? IoReasons.of(io) : "not allowed") + ")", e);
            }
            Path parent = current.getParent();
            current = (parent == null ? next : parent.resolve(next)).toAbsolutePath().normalize();
        }
        return current;
    }

    /**
     * Read-only: not writable for this user, or without any write permission at all (which an administrator
     * could override, but a file made read-only is one its owner wants kept).
     */
    private static boolean readOnly(Path file) {
        if (!Files.isWritable(file)) {
            return true;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            return !permissions.contains(PosixFilePermission.OWNER_WRITE)
                    && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The temporary file's name: {@code .<target>.ftp-tmp-<16 hex digits>}, hidden, recognisable as ours, and
     * short enough for any file system (the target's name is cut to {@value #KEPT_NAME_CHARS} characters).
     */
    static String temporaryName(String targetName) {
        String kept = targetName;
        if (kept.length() > KEPT_NAME_CHARS) {
            int end = KEPT_NAME_CHARS;
            if (Character.isHighSurrogate(kept.charAt(end - 1))) {
                end--;
            }
            kept = kept.substring(0, end);
        }
        return "." + kept + TEMP_MARK + HexFormat.of().toHexDigits(RANDOM.nextLong());
    }

    /**
     * Removes the temporary files a write left behind when its process was killed: in {@code folder}, regular
     * files named as {@link #temporaryName} names them and last modified more than {@link #STALE_AFTER} before
     * {@code now}. Anything else (other names, folders, links, a fresh temporary file of a write under way) is
     * left alone. Best effort: a file that cannot be examined or removed is skipped.
     */
    static void removeStaleTemporaries(Path folder, Instant now) {
        Instant cutoff = now.minus(STALE_AFTER);
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(folder, ".*" + TEMP_MARK + "*")) {
            for (Path candidate : candidates) {
                if (!TEMP_NAME.matcher(candidate.getFileName().toString()).matches()) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(candidate, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(candidate);
                    }
                } catch (IOException e) {
                    // Gone already (another process cleaned it) or not ours to remove: leave it.
                }
            }
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            // Cleaning is a courtesy; the write itself reports any real problem with the folder.
        }
    }

    /** A one-line reason for people, keeping the original exception as the cause. */
    static IOException explain(Path target, Path folder, IOException e) {
        String detail = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage() == null ? IoReasons.of(e) : e.getMessage();
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
