package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No code of the application writes a file in place: every file write goes through
 * {@link org.finetuneplanner.service.io.AtomicFiles} (temporary file in the same folder, then an atomic move), so a
 * crash, a full disk or a bug in the middle never leaves a damaged scenario, setting or report. This scans the
 * sources for the JDK's in-place writers, the way {@code LayeringTest} scans imports.
 */
class WritersUseAtomicFilesTest {

    private static final Path MAIN = Path.of("src/main/java/org/finetuneplanner");
    private static final Path ATOMIC_FILES = MAIN.resolve("service/io/AtomicFiles.java");

    /** Calls that create or overwrite a file in place (standard output's descriptor is no file of ours). */
    private static final Pattern IN_PLACE = Pattern.compile(
            "(?<![A-Za-z])Files\\.(write|writeString|newOutputStream|newBufferedWriter|newByteChannel|copy)\\s*\\("
                    + "|new\\s+(FileOutputStream(?!\\s*\\(\\s*FileDescriptor\\.)|FileWriter|RandomAccessFile"
                    + "|PrintStream\\s*\\(\\s*new\\s+File)\\b"
                    + "|FileChannel\\.open\\s*\\(|\\.save\\s*\\(\\s*(new\\s+File|[a-zA-Z]*(path|file|target))"
                    + "|ImageIO\\.write\\s*\\(.*File");

    @Test
    void onlyAtomicFilesWritesFiles() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (file.equals(ATOMIC_FILES)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.startsWith("*") && !line.startsWith("//") && IN_PLACE.matcher(line).find()) {
                        found.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "write through AtomicFiles.write(target, out -> …) instead");
    }

    /** The control: the scan recognises each in-place writer it is meant to keep out. */
    @Test
    void theScanRecognisesInPlaceWriters() {
        for (String line : List.of("Files.write(path, bytes);", "Files.writeString(file, text);",
                "try (OutputStream out = Files.newOutputStream(target)) {", "new FileOutputStream(file)",
                "new FileWriter(file)", "doc.save(target);", "doc.save(new File(name));",
                "FileChannel.open(file, WRITE)", "Files.copy(in, target, REPLACE_EXISTING);")) {
            assertEquals(true, IN_PLACE.matcher(line).find(), line);
        }
        for (String line : List.of("AtomicFiles.write(target, out -> doc.save(out));", "doc.save(out);",
                "Files.readString(file)", "Files.newInputStream(file)", "store.save(settings);",
                "new WatchedWriter(new FileOutputStream(FileDescriptor.out));")) {
            assertEquals(false, IN_PLACE.matcher(line).find(), line);
        }
    }
}
