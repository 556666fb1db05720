package org.finetuneplanner.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesANewFileAndReplacesAnOldOne() throws IOException {
        Path file = dir.resolve("plan.json");
        AtomicFiles.writeString(file, "first");
        assertEquals("first", Files.readString(file));
        AtomicFiles.write(file, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second", Files.readString(file));
        assertEquals(List.of(file), files(), "no temporary file left behind");
    }

    @Test
    void aFailureInTheMiddleOfWritingKeepsThePreviousFile() throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "the user's work");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new cont".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("No space left on device");
        }));
        assertEquals("the user's work", Files.readString(file));
        assertEquals(List.of(file), files(), "the partial temporary file was removed");
        assertEquals("cannot write " + file + ": the disk is full (No space left on device)", e.getMessage());
    }

    @Test
    void aBugInTheWriterKeepsThePreviousFileAndPropagates() throws IOException {
        Path file = dir.resolve("report.pdf");
        Files.writeString(file, "old report");
        IllegalStateException bug = new IllegalStateException("chart failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file,
                out -> {
                    out.write(new byte[10_000]);
                    throw bug;
                }));
        assertSame(bug, thrown);
        assertEquals("old report", Files.readString(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void aFailedMoveRemovesTheTemporaryFile() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"theme\": \"dark\"}");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file,
                out -> out.write('x'), (temp, target) -> {
                    assertTrue(Files.exists(temp), "the content is complete before the move");
                    assertEquals(1, Files.size(temp));
                    throw new java.nio.file.AccessDeniedException(target.toString());
                }));
        assertEquals("{\"theme\": \"dark\"}", Files.readString(file));
        assertEquals(List.of(file), files());
        assertEquals("cannot write " + file + ": no permission to write in " + dir.toAbsolutePath().normalize(),
                e.getMessage());
    }

    @Test
    void fallsBackToReplaceWhereAtomicMovesAreUnsupported() throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "old");
        List<String> used = new java.util.ArrayList<>();
        AtomicFiles.Mover mover = AtomicFiles.atomicOrReplace(
                (temp, target) -> {
                    used.add("atomic");
                    throw new AtomicMoveNotSupportedException(temp.toString(), target.toString(), "share");
                },
                (temp, target) -> {
                    used.add("replace");
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                });
        AtomicFiles.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)), mover);
        assertEquals(List.of("atomic", "replace"), used);
        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void explainsAMissingFolderAFileInTheWayAndAFolderTarget() throws IOException {
        IOException missing = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(dir.resolve("nope/plan.json"), "x"));
        assertTrue(missing.getMessage().endsWith("nope does not exist"), missing.getMessage());
        Path aFile = dir.resolve("file.txt");
        Files.writeString(aFile, "x");
        IOException notFolder = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(aFile.resolve("plan.json"), "x"));
        assertTrue(notFolder.getMessage().endsWith("file.txt is not a folder"), notFolder.getMessage());
        IOException folder = assertThrows(IOException.class, () -> AtomicFiles.writeString(dir, "x"));
        assertTrue(folder.getMessage().endsWith("it is a folder"), folder.getMessage());
    }

    @Test
    void explainsAReadOnlyFileSystem() {
        IOException e = AtomicFiles.explain(Path.of("a.json"), Path.of("/mnt"),
                new java.nio.file.FileSystemException("/mnt/a.json", null, "Read-only file system"));
        assertEquals("cannot write a.json: the folder /mnt is on a read-only file system", e.getMessage());
    }

    @Test
    void keepsThePermissionsOfTheFileItReplaces() throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "old");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            AtomicFiles.writeString(file, "new");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
