package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.finetuneplanner.service.io.AtomicFiles;

/** Writing is safe: whole file or nothing, the previous file intact on failure, a clear message. */
class ReportWriteTest {
    @TempDir
    Path dir;

    private final PdfReportExporter exporter = new PdfReportExporter();

    private static ReportData withSvg(String svg) {
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        return base.withMeta(base.meta().withLogo(Optional.of(ReportLogo.of(svg.getBytes(StandardCharsets.UTF_8),
                "broken.svg"))));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aReportIsWrittenWholeAndNoTemporaryFileRemains() throws IOException {
        Path target = dir.resolve("plan.pdf");
        exporter.write(ReportFixtures.data(ReportLanguage.VI, PaperSize.A4), target);
        assertEquals(List.of("plan.pdf"), files());
        try (PDDocument doc = Loader.loadPDF(target.toFile())) {
            assertTrue(doc.getNumberOfPages() >= 5);
        }
    }

    @Test
    void aFailedReportLeavesThePreviousFileAsItWas() throws IOException {
        Path target = dir.resolve("plan.pdf");
        exporter.write(ReportFixtures.data(ReportLanguage.EN, PaperSize.A4), target);
        byte[] before = Files.readAllBytes(target);
        // The <path> is never closed: the logo, read when the cover is drawn, fails while the report is laid out.
        ReportException e = assertThrows(ReportException.class, () -> exporter.write(withSvg(
                "<svg viewBox='0 0 10 10'><path d='M0 0 L10 10'></svg>"), target));
        assertTrue(e.getMessage().contains("broken.svg"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target), "the previous report is untouched");
        assertEquals(List.of("plan.pdf"), files(), "no partial or temporary file");
    }

    /** The app's exporter writes through a link to the file it points to; the command line's refuses it. */
    @Test
    void theAppsExporterWritesThroughALinkAndTheCommandLinesRefusesIt() throws IOException {
        Path real = Files.createDirectory(dir.resolve("reports")).resolve("plan.pdf");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("plan.pdf"), real);
        ReportData data = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        ReportException e = assertThrows(ReportException.class, () -> exporter.write(data, link));
        assertTrue(e.getMessage().contains("it is a symbolic link"), e.getMessage());
        assertEquals("old", Files.readString(real));
        new PdfReportExporter(AtomicFiles.Links.FOLLOW).write(data, link);
        assertTrue(Files.isSymbolicLink(link));
        try (PDDocument doc = Loader.loadPDF(real.toFile())) {
            assertTrue(doc.getNumberOfPages() >= 5);
        }
    }

    @Test
    void aMissingFolderGivesAClearMessageAndNoFile() throws IOException {
        Path target = dir.resolve("no-such-folder").resolve("plan.pdf");
        ReportException e = assertThrows(ReportException.class,
                () -> exporter.write(ReportFixtures.data(ReportLanguage.EN, PaperSize.A4), target));
        assertTrue(e.getMessage().contains("plan.pdf") && e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), files());
    }

    @Test
    void aFolderInTheWayIsNamed() throws IOException {
        Path target = Files.createDirectory(dir.resolve("plan.pdf"));
        ReportException e = assertThrows(ReportException.class,
                () -> exporter.write(ReportFixtures.data(ReportLanguage.EN, PaperSize.A4), target));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(target));
    }
}
