package org.finetuneplanner.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

/** The reasons people read: the system's words, never a Java class name, never the file's name twice. */
class IoReasonsTest {

    @Test
    void eachFailureIsSaidInWords() {
        assertEquals("no such file", IoReasons.of(new NoSuchFileException("/x/a.json")));
        assertEquals("permission denied", IoReasons.of(new AccessDeniedException("/x/a.json")));
        assertEquals("it is a folder", IoReasons.of(new FileSystemException("/x", null, "Is a directory")));
        assertEquals("the disk is full", IoReasons.of(new IOException("No space left on device")));
        assertEquals("it is closed", IoReasons.of(new IOException("Bad file descriptor")));
        assertEquals("interrupted", IoReasons.of(new ClosedByInterruptException()));
        assertEquals("not UTF-8 text", IoReasons.of(new MalformedInputException(1)));
        assertEquals("input/output error", IoReasons.of(new IOException()));
        assertEquals("read-only file system", IoReasons.of(new FileSystemException("/mnt/a", null,
                "Read-only file system")));
    }
}
