package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.cli.CliContext;
import org.finetuneplanner.cli.ExitCodes;
import org.finetuneplanner.cli.Main;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.io.IoReasons;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.settings.Settings;
import org.finetuneplanner.service.settings.SettingsStore;

/**
 * Files that are not plain files: {@code report --out} writes only a new path or an existing regular, writable
 * file, and refuses a device, a named pipe, a symbolic link, a folder or a read-only file by name, before any work
 * and without touching it. {@code --out -} and an empty name are usage errors. The app's writers refuse the same.
 */
class SpecialFilesTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The report with an estimator that fails the test: a refused target must be refused before any estimate. */
    private int report(String target) throws IOException {
        Path scenario = dir.resolve("s.json");
        if (!Files.exists(scenario)) {
            Files.writeString(scenario, Seeds.SPEC_EXAMPLE);
        }
        err.getBuffer().setLength(0);
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), ScenarioJson.standard(), s -> {
                    throw new AssertionError("a refused target must be refused before any estimate");
                });
        return Main.run(new String[] {"report", scenario.toString(), "--out", target}, context);
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return p.waitFor() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void reportOutRefusesEveryTargetThatIsNotANewOrRegularWritableFile() throws Exception {
        Path real = dir.resolve("real.pdf");
        Files.writeString(real, "the user's file");
        Path link = Files.createSymbolicLink(dir.resolve("link.pdf"), real);
        Path folder = Files.createDirectory(dir.resolve("folder.pdf"));
        Path readOnly = dir.resolve("read-only.pdf");
        Files.writeString(readOnly, "kept");
        assumeTrue(Files.getFileStore(readOnly).supportsFileAttributeView("posix"), "no POSIX permissions here");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        Map<Path, String> refused = new LinkedHashMap<>();
        refused.put(link, "it is a symbolic link");
        refused.put(folder, "it is a folder");
        refused.put(readOnly, "the file is read-only");
        Path fifo = dir.resolve("pipe.pdf");
        if (mkfifo(fifo)) {
            refused.put(fifo, "it is a named pipe (FIFO)");
        }
        if (Files.exists(Path.of("/dev/null"))) {
            refused.put(Path.of("/dev/null"), "it is a device");
        }
        Files.writeString(dir.resolve("s.json"), Seeds.SPEC_EXAMPLE);
        List<String> before = names();
        for (Map.Entry<Path, String> target : refused.entrySet()) {
            assertEquals(ExitCodes.IO, report(target.getKey().toString()), target.getKey() + ": " + err);
            String line = err.toString().strip();
            assertTrue(line.startsWith("error: cannot write " + target.getKey() + ": " + target.getValue()), line);
            Messages.assertClear(line, target.getKey().toString());
        }
        assertEquals(before, names(), "nothing created, nothing removed");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("the user's file", Files.readString(real));
        assertEquals("kept", Files.readString(readOnly));
        if (Files.exists(fifo)) {
            assertEquals(Optional.of("a named pipe (FIFO)"), IoReasons.specialKind(fifo), "still the pipe");
        }
        assertEquals("", out.toString());
    }

    @Test
    void reportOutDashAndAnEmptyNameAreUsageErrors() throws IOException {
        assertEquals(ExitCodes.USAGE, report("-"));
        assertTrue(err.toString().startsWith("error: --out -: the report is a PDF file, not written to standard "
                + "output; give a file name"), err.toString());
        assertEquals(ExitCodes.USAGE, report(""));
        assertTrue(err.toString().startsWith("error: --out: the file name is empty"), err.toString());
        assertEquals(List.of("s.json"), names(), "no file named - or anything else");
    }

    /**
     * The app's own writes go through a symbolic link (a dotfile manager keeps the settings and scenarios as links
     * into a repository): the file it points to gets the new content, the link stays. The report's {@code --out}
     * refuses the same kind of link (above).
     */
    @Test
    void theAppsWritersWriteThroughASymbolicLink() throws IOException {
        Path repository = Files.createDirectory(dir.resolve("dotfiles"));
        Path real = repository.resolve("plan.json");
        Files.writeString(real, "{\"x-other-tool\": 1}");
        Path link = Files.createSymbolicLink(dir.resolve("plan.json"), real);
        ScenarioJson json = ScenarioJson.standard();
        Scenario scenario = json.read(Seeds.SPEC_EXAMPLE);
        json.writeFile(scenario, link);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(scenario, json.read(real), "the scenario is in the linked file");
        assertTrue(Files.readString(real).contains("x-other-tool"), "other tools' keys kept");

        Path settings = Files.createDirectory(dir.resolve("settings"));
        Path lastReal = repository.resolve("last-scenario.json");
        Files.writeString(lastReal, "{}");
        Path lastLink = Files.createSymbolicLink(settings.resolve("last-scenario.json"), lastReal);
        SettingsStore store = new SettingsStore(settings);
        store.saveLastScenario(Seeds.SPEC_EXAMPLE);
        assertEquals(Seeds.SPEC_EXAMPLE, Files.readString(lastReal));
        assertTrue(Files.isSymbolicLink(lastLink));
        Path settingsReal = repository.resolve("settings.json");
        Files.writeString(settingsReal, "{}");
        Path settingsLink = Files.createSymbolicLink(settings.resolve("settings.json"), settingsReal);
        store.save(new Settings(10, 20, 800, 600, false, true, "vi"));
        assertTrue(Files.isSymbolicLink(settingsLink));
        assertEquals("vi", store.load().value().language(), "read back through the link");
        assertTrue(Files.readString(settingsReal).contains("\"vi\""), Files.readString(settingsReal));
    }

    /** As input: a device or a named pipe given as cases is named for what it is (it said "no such file"). */
    @Test
    void validateNamesASpecialFileForWhatItIs() throws Exception {
        List<Path> inputs = new ArrayList<>();
        if (Files.exists(Path.of("/dev/null"))) {
            inputs.add(Path.of("/dev/null"));
        }
        Path fifo = dir.resolve("cases.jsonl");
        if (mkfifo(fifo)) {
            inputs.add(fifo);
        }
        assumeTrue(!inputs.isEmpty(), "no special files here");
        for (Path input : inputs) {
            err.getBuffer().setLength(0);
            int status = Main.run(new String[] {"validate", input.toString()}, new ByteArrayInputStream(new byte[0]),
                    new PrintWriter(out), new PrintWriter(err));
            assertEquals(ExitCodes.IO, status);
            assertTrue(err.toString().matches("error: " + input + ": it is a (device|named pipe \\(FIFO\\)), not a "
                    + "file of cases\\R"), err.toString());
        }
    }
}
