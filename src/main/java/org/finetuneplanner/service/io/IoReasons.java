package org.finetuneplanner.service.io;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a file operation failed, in a few words for people: the system's reason ("no such file", "the disk is
 * full"), never a Java class or package name. Also names what kind of special file a path is, for messages that
 * refuse one.
 */
public final class IoReasons {

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private IoReasons() {
    }

    /** A short reason for an IO failure, on one line, without the file's name. */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof ClosedByInterruptException) {
            return "interrupted";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String detail = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (detail == null || detail.isBlank()) {
            return "input/output error";
        }
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk full")) {
            return "the disk is full";
        }
        if (lower.contains("quota exceeded")) {
            return "the disk quota is exceeded";
        }
        if (lower.contains("is a directory")) {
            return "it is a folder";
        }
        if (lower.contains("bad file descriptor")) {
            return "it is closed";
        }
        return lower.replaceAll("\\s+", " ").strip();
    }

    /**
     * What a path is when it is not a regular file, a folder or missing: "a symbolic link", "a named pipe (FIFO)",
     * "a device", "a socket" or "a special file". Links are not followed. Empty for regular files, folders and
     * paths that cannot be examined.
     */
    public static Optional<String> specialKind(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        if (attributes.isSymbolicLink()) {
            return Optional.of("a symbolic link");
        }
        if (!attributes.isOther()) {
            return Optional.empty();
        }
        int type;
        try {
            type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.of("a special file");
        }
        return Optional.of(switch (type) {
            case S_IFIFO -> "a named pipe (FIFO)";
            case S_IFCHR, S_IFBLK -> "a device";
            case S_IFSOCK -> "a socket";
            default -> "a special file";
        });
    }
}
