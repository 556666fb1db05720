package org.finetuneplanner.service.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names the kind of a file that is neither a regular file nor a folder, for messages that refuse it. */
public final class SpecialFiles {
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private SpecialFiles() {
    }

    /**
     * What {@code file} is, as words after "is": "a named pipe (FIFO)", "a character device", "a block device",
     * "a socket", or "a special file" where the file system does not tell (no POSIX file modes). Reads the file's
     * attributes only; never opens it, so a pipe without a writer does not block.
     */
    public static String describe(Path file) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
        return switch (mode & TYPE_MASK) {
            case FIFO -> "a named pipe (FIFO)";
            case CHARACTER_DEVICE -> "a character device";
            case BLOCK_DEVICE -> "a block device";
            case SOCKET -> "a socket";
            default -> "a special file";
        };
    }
}
