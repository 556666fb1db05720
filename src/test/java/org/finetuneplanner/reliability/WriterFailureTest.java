package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportException;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportMeta;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.service.settings.Settings;
import org.finetuneplanner.service.settings.SettingsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every writer of the application survives a failure in the middle of writing: the previous file stays as it was
 * and no partial or temporary file remains.
 *
 * <p>The failure is injected without any test seam: the writing thread is interrupted, so the first write to the
 * file channel throws {@link java.nio.channels.ClosedByInterruptException} after the new file was created and
 * before it is complete. A writer that wrote in place ({@code Files.write}, {@code Files.newOutputStream}) would
 * have truncated the previous file by then and fails this test; one that goes through {@link AtomicFiles} passes.
 */
class WriterFailureTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void atomicFilesKeepsThePreviousFileWhenTheThreadIsInterruptedWhileWriting() throws IOException {
        Path file = dir.resolve("plan.json");
        AtomicFiles.writeString(file, "previous");
        byte[] big = new byte[1 << 20];
        assertFailsInTheMiddle(() -> AtomicFiles.write(file, out -> out.write(big)));
        assertEquals("previous", Files.readString(file));
        assertOnly(dir, "plan.json");
    }

    /**
     * The control: the same injected failure destroys the previous file of a writer that truncates it and writes
     * in place through a file channel. (Writers through {@code Files.write} or streams are kept out of the code by
     * {@link WritersUseAtomicFilesTest}.)
     */
    @Test
    void theInjectedFailureCatchesAWriterThatWritesInPlace() throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "previous");
        Thread.currentThread().interrupt();
        try {
            assertThrows(IOException.class, () -> {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(ByteBuffer.wrap(new byte[1 << 20]));
                }
            });
        } finally {
            Thread.interrupted();
        }
        assertEquals("", Files.readString(file), "the in-place writer truncated the previous file before failing");
    }

    /** File → Save: the scenario file (written over the previous one to keep its unknown keys). */
    @Test
    void aScenarioFileSurvivesAFailedSave() throws IOException {
        ScenarioJson json = ScenarioJson.standard();
        Path file = dir.resolve("plan.json");
        Scenario first = json.read(Seeds.SPEC_EXAMPLE);
        json.writeFile(first, file);
        byte[] before = Files.readAllBytes(file);
        assertFailsInTheMiddle(() -> json.writeFile(first.withName("x".repeat(100_000)), file));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(first, json.read(file));
        assertOnly(dir, "plan.json");
    }

    @Test
    void settingsSurviveAFailedSave() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Settings first = new Settings(10, 20, 1000, 700, false, true, "vi");
        store.save(first);
        byte[] before = Files.readAllBytes(dir.resolve("settings.json"));
        assertFailsInTheMiddle(() -> store.save(Settings.defaults()));
        assertEquals(new String(before, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(dir.resolve("settings.json")), StandardCharsets.UTF_8));
        assertEquals(first, store.load().value());
        assertOnly(dir, "settings.json");
    }

    @Test
    void theLastScenarioSurvivesAFailedAutosave() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        store.saveLastScenario(Seeds.SPEC_EXAMPLE);
        String bigger = Seeds.SPEC_EXAMPLE.replace("\"name\": \"", "\"name\": \"" + "x".repeat(100_000));
        assertFailsInTheMiddle(() -> store.saveLastScenario(bigger));
        assertEquals(Seeds.SPEC_EXAMPLE, store.lastScenario().orElseThrow());
        assertOnly(dir, "last-scenario.json");
    }

    /**
     * The report: a logo that claims to be a PNG but is damaged makes the export fail half-way (after the data were
     * gathered, while the document is laid out): the previous report stays, no partial file appears.
     */
    @Test
    void aReportSurvivesAFailedExport() throws IOException {
        Estimator estimator = Estimator.standard();
        List<GpuSpec> gpus = ScenarioJson.standard().catalogs().gpus().subList(0, 3);
        Planner planner = new Planner(s -> estimator.estimate(s).memory(), estimator::estimate, new CostProjector());
        ReportService service = new ReportService(estimator::estimate, estimator::explain, planner::plan, gpus,
                ReportAccuracy::none, new PdfReportExporter());
        Scenario scenario = ScenarioJson.standard().read(Seeds.SPEC_EXAMPLE);
        ReportMeta meta = ReportMeta.defaults(LocalDate.of(2026, 1, 2));
        Path file = dir.resolve("plan.pdf");
        service.export(scenario, meta, file);
        byte[] before = Files.readAllBytes(file);
        // A 16 x 16 PNG header (signature, IHDR with its CRC) followed by zeros instead of image data: accepted on
        // its header, it fails when the cover is drawn.
        byte[] damagedPng = new byte[4096];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
            'R', 0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0, (byte) 0x90, (byte) 0x91, 0x68, 0x36}, 0, damagedPng, 0, 33);
        ReportMeta withBadLogo = meta.withLogo(Optional.of(ReportLogo.of(damagedPng, "logo.png")));
        ReportException e = assertThrows(ReportException.class,
                () -> service.export(scenario.withName("second"), withBadLogo, file));
        Messages.assertClear(e.getMessage(), "report");
        assertArrayEquals(before, Files.readAllBytes(file));
        assertOnly(dir, "plan.pdf");
    }

    /** Runs {@code write} with the thread interrupted; it must fail with an IOException naming the file. */
    static void assertFailsInTheMiddle(Write write) {
        Thread.currentThread().interrupt();
        IOException e;
        try {
            e = assertThrows(IOException.class, write::run);
        } finally {
            Thread.interrupted();
        }
        Messages.assertClear(e.getMessage(), "interrupted write");
        assertTrue(e.getMessage().startsWith("cannot write "), e.getMessage());
    }

    /** The folder holds exactly these files: no temporary or partial file is left behind. */
    static void assertOnly(Path folder, String... names) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> present = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(Stream.of(names).sorted().toList(), present);
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }
}
