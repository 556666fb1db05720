package org.finetuneplanner.service.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    @Test
    void aSymbolicLinkIsRefusedAndNeverReplacedByARegularFile() throws IOException {
        Path real = dir.resolve("real.pdf");
        Files.writeString(real, "the user's file");
        Path link = dir.resolve("link.pdf");
        Path dangling = dir.resolve("dangling.pdf");
        try {
            Files.createSymbolicLink(link, real);
            Files.createSymbolicLink(dangling, dir.resolve("nowhere.pdf"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e.getMessage());
        }
        for (Path target : List.of(link, dangling)) {
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "new"));
            assertEquals("cannot write " + target + ": it is a symbolic link; only a new file or an existing "
                    + "regular file is written", e.getMessage());
            assertTrue(Files.isSymbolicLink(target), "still a link");
        }
        assertEquals("the user's file", Files.readString(real));
        assertFalse(Files.exists(dir.resolve("nowhere.pdf")), "the link's target was not created either");
        assertEquals(List.of(dangling, link, real), files(), "no temporary file left");
    }

    /**
     * The one policy, both ways, on the same link: refused, it is left alone; followed, the file it points to (in
     * another folder, as a dotfile manager keeps it) is replaced atomically there and the link stays a link.
     */
    @Test
    void aLinkIsRefusedOrWrittenThroughAsThePolicySays() throws IOException {
        Path dotfiles = Files.createDirectory(dir.resolve("dotfiles"));
        Path real = dotfiles.resolve("settings.properties");
        Files.writeString(real, "old");
        Path link = link(dir.resolve("settings.properties"), Path.of("dotfiles", "settings.properties"));

        IOException refused = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(link, AtomicFiles.Links.REFUSE, "new"));
        assertTrue(refused.getMessage().startsWith("cannot write " + link + ": it is a symbolic link"),
                refused.getMessage());
        assertEquals("old", Files.readString(real));

        assertEquals(real, AtomicFiles.checkTarget(link, AtomicFiles.Links.FOLLOW), "the file written is the target");
        AtomicFiles.writeString(link, AtomicFiles.Links.FOLLOW, "new");
        assertEquals("new", Files.readString(real));
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertEquals(Path.of("dotfiles", "settings.properties"), Files.readSymbolicLink(link), "pointing where it did");
        assertEquals(List.of(dotfiles, link), files(), "nothing beside the link");
        try (Stream<Path> s = Files.list(dotfiles)) {
            assertEquals(List.of(real), s.toList(), "no temporary file beside the target");
        }
    }

    @Test
    void aFollowedChainOfLinksEndsAtItsFileAndAKeptFilesPermissionsSurvive() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path middle = link(dir.resolve("middle.json"), real);
        Path first = link(dir.resolve("first.json"), middle);
        if (Files.getFileStore(real).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        }
        AtomicFiles.writeString(first, AtomicFiles.Links.FOLLOW, "new");
        assertEquals("new", Files.readString(real));
        assertTrue(Files.isSymbolicLink(first) && Files.isSymbolicLink(middle), "both links kept");
        if (Files.getFileStore(real).supportsFileAttributeView("posix")) {
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        }
    }

    @Test
    void aFollowedDanglingLinkCreatesTheFileItNames() throws IOException {
        Path dangling = link(dir.resolve("plan.json"), dir.resolve("kept").resolve("plan.json"));
        IOException noFolder = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(dangling, AtomicFiles.Links.FOLLOW, "x"));
        assertEquals("cannot write " + dangling + " (a link to " + dir.resolve("kept").resolve("plan.json")
                + "): the folder " + dir.resolve("kept") + " does not exist", noFolder.getMessage());
        Files.createDirectory(dir.resolve("kept"));
        AtomicFiles.writeString(dangling, AtomicFiles.Links.FOLLOW, "created");
        assertEquals("created", Files.readString(dir.resolve("kept").resolve("plan.json")));
        assertTrue(Files.isSymbolicLink(dangling));
    }

    @Test
    void aFollowedLinkStillRefusesWhatItPointsToWhenThatIsNoFileToWrite() throws IOException {
        Path loopA = dir.resolve("a.json");
        Path loopB = dir.resolve("b.json");
        link(loopA, loopB);
        link(loopB, loopA);
        IOException loop = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(loopA, AtomicFiles.Links.FOLLOW, "x"));
        assertEquals("cannot write " + loopA + ": more than " + AtomicFiles.MAX_LINKS
                + " symbolic links in a row (a loop?)", loop.getMessage());

        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path toFolder = link(dir.resolve("to-folder.json"), folder);
        IOException e = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(toFolder, AtomicFiles.Links.FOLLOW, "x"));
        assertEquals("cannot write " + toFolder + " (a link to " + folder + "): it is a folder", e.getMessage());

        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull) && !Files.isRegularFile(devNull)) {
            Path toDevice = link(dir.resolve("to-null.json"), devNull);
            IOException device = assertThrows(IOException.class,
                    () -> AtomicFiles.writeString(toDevice, AtomicFiles.Links.FOLLOW, "x"));
            assertTrue(device.getMessage().startsWith("cannot write " + toDevice + " (a link to /dev/null): it is a "
                    + "device"), device.getMessage());
        }
        assertTrue(files().stream().noneMatch(p -> p.getFileName().toString().contains(AtomicFiles.TEMP_MARK)),
                "no temporary file left");
    }

    /** A symbolic link at {@code link} to {@code target}; skips the test where links cannot be made. */
    private static Path link(Path link, Path target) {
        try {
            return Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e.getMessage());
            return link;
        }
    }

    @Test
    void aDeviceIsRefusedAndNothingIsCreatedBesideIt() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "no /dev/null device here");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(devNull, "x"));
        assertEquals("cannot write /dev/null: it is a device; only a new file or an existing regular file is "
                + "written", e.getMessage());
        assertEquals(Optional.of("a device"), IoReasons.specialKind(devNull), "still the device");
        try (Stream<Path> s = Files.list(devNull.getParent())) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains(AtomicFiles.TEMP_MARK))
                    .toList());
        }
    }

    @Test
    void aReadOnlyFileIsRefusedEvenWhereTheUserCouldOverrideIt() throws IOException {
        Path file = dir.resolve("kept.json");
        Files.writeString(file, "kept");
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"), "no POSIX permissions here");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        // The folder is writable, so a rename would replace the file even for its owner; root could write it too.
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(file, "new"));
        assertEquals("cannot write " + file + ": the file is read-only", e.getMessage());
        assertEquals("kept", Files.readString(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void theTemporaryFileCarriesARecognisableName() throws IOException {
        List<String> temporaries = new java.util.ArrayList<>();
        AtomicFiles.Mover recording = (temp, target) -> {
            temporaries.add(temp.getFileName().toString());
            Files.move(temp, target);
        };
        AtomicFiles.write(dir.resolve("plan.json"), out -> out.write('x'), recording);
        String longName = "é".repeat(49) + "\uD835\uDD18" + "x".repeat(100) + ".pdf";
        AtomicFiles.write(dir.resolve(longName), out -> out.write('x'), recording);
        assertTrue(temporaries.get(0).matches("\\.plan\\.json\\.ftp-tmp-[0-9a-f]{16}"), temporaries.get(0));
        // 49 é and the surrogate pair's first half would be 50 characters: the pair is not split, 49 are kept.
        assertTrue(temporaries.get(1).matches("\\.é{49}\\.ftp-tmp-[0-9a-f]{16}"), temporaries.get(1));
    }

    /**
     * A write removes the temporary files of writes that were killed (older than an hour) from its folder, and
     * nothing else: not a fresh one (another process may be writing it), not other names, folders or other
     * folders' files.
     */
    @Test
    void aWriteRemovesOnlyStaleTemporaryFilesOfItsOwnKind() throws IOException {
        Instant now = Instant.now();
        Path sub = Files.createDirectory(dir.resolve("sub"));
        String stale = ".old.pdf.ftp-tmp-0123456789abcdef";
        List<String> kept = List.of(
                ".fresh.pdf.ftp-tmp-0123456789abcdee",   // 10 minutes old: a write under way
                ".x.ftp-tmp-0123456789abcdeg",           // not 16 hex digits
                ".x.ftp-tmp-0123456789abcde",            // 15 digits
                "old.pdf.ftp-tmp-0123456789abcdef",      // not hidden
                ".plan.json.1a2b3c4d.tmp",              // the naming of earlier versions: not recognisably ours
                "notes.txt");
        aged(dir.resolve(stale), now.minus(Duration.ofHours(2)));
        aged(dir.resolve(kept.get(0)), now.minus(Duration.ofMinutes(10)));
        for (String name : kept.subList(1, kept.size())) {
            aged(dir.resolve(name), now.minus(Duration.ofDays(30)));
        }
        Path folder = Files.createDirectory(dir.resolve(".d.ftp-tmp-0123456789abcdef"));
        Files.setLastModifiedTime(folder, FileTime.from(now.minus(Duration.ofDays(30))));
        Path elsewhere = sub.resolve(stale);
        aged(elsewhere, now.minus(Duration.ofDays(30)));

        AtomicFiles.writeString(dir.resolve("plan.json"), "new");

        List<String> left = files().stream().map(p -> p.getFileName().toString()).sorted().toList();
        List<String> expected = new java.util.ArrayList<>(kept);
        expected.addAll(List.of("plan.json", "sub", folder.getFileName().toString()));
        assertEquals(expected.stream().sorted().toList(), left);
        assertTrue(Files.exists(elsewhere), "another folder is not cleaned");
    }

    @Test
    void anHourIsTheBoundary() throws IOException {
        Instant now = Instant.now();
        Path justUnder = dir.resolve(".a.ftp-tmp-00000000000000a1");
        Path justOver = dir.resolve(".a.ftp-tmp-00000000000000a2");
        aged(justUnder, now.minus(AtomicFiles.STALE_AFTER).plusSeconds(60));
        aged(justOver, now.minus(AtomicFiles.STALE_AFTER).minusSeconds(60));
        AtomicFiles.removeStaleTemporaries(dir, now);
        assertEquals(List.of(justUnder), files());
    }

    private static void aged(Path file, Instant modified) throws IOException {
        Files.writeString(file, "leftover");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
