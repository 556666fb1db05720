package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportFixtures;
import org.finetuneplanner.service.report.ReportLanguage;
import org.junit.jupiter.api.Test;

/**
 * A name or a customer of any length: shortened where it is shown (cover, header, running text), kept within a cap
 * in the file's metadata, in time linear in its length. ReportBenchmark.longNames measures the time; this test
 * asserts a loose bound of CPU time, so a return of the old one-character-at-a-time fitting (19 s for 10,000
 * characters) fails it.
 */
class LongNameTest {
    private static final int LENGTH = 100_000;
    private static final int NAME_IN_TEXT = 160;

    private static ReportData withNames(String name) {
        ReportData base = ReportFixtures.data(ReportLanguage.VI, PaperSize.A4);
        return base.withMeta(base.meta().withTitle(name).withPeople(name, name, name));
    }

    @Test
    void aHundredThousandCharacterNameAndCustomerRenderInUnderASecondOfCpu() throws IOException {
        String name = "Công ty Cổ phần Dữ liệu Việt ".repeat(LENGTH / 29 + 1).substring(0, LENGTH);
        String word = "X".repeat(LENGTH);
        PdfReportExporter exporter = new PdfReportExporter();
        exporter.render(withNames("Công ty"));                         // warm: fonts, classes, JIT
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String huge : new String[] {name, word}) {
            // The same name at the longest the running text shows whole (Wording.NAME_IN_TEXT, 160 characters):
            // a longer one is shortened to that, so it takes no more lines and no more pages.
            byte[] plain = exporter.render(withNames(huge.substring(0, NAME_IN_TEXT)));
            long cpu = mx.getCurrentThreadCpuTime();
            byte[] pdf = exporter.render(withNames(huge));
            double seconds = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
            // One second on a quiet machine (ReportBenchmark); loosely here, CI machines are shared.
            assertTrue(seconds < 4, "rendering took " + seconds + " s of CPU");
            try (PDDocument doc = Loader.loadPDF(pdf); PDDocument before = Loader.loadPDF(plain)) {
                assertEquals(before.getNumberOfPages(), doc.getNumberOfPages(), "names never add pages");
                String title = doc.getDocumentInformation().getTitle();
                assertTrue(title.length() <= 1_001 && title.endsWith("…"), "metadata capped: " + title.length());
                String text = new PDFTextStripper().getText(doc);
                assertTrue(text.length() < new PDFTextStripper().getText(before).length() + 20_000,
                        "the name is shown shortened, not whole");
                assertTrue(text.contains(huge.substring(0, 20)) && text.contains("…"));
            }
        }
    }
}
