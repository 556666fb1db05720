package org.finetuneplanner.service.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why a file could not be read or written, for people: the system's reason, never a Java class name. */
public final class IoReasons {

    private IoReasons() {
    }

    /** "no such file", "permission denied", "Is a directory", … in one line. */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "read error"
                : e.getMessage().replaceAll("\\s+", " ").strip();
    }
}
