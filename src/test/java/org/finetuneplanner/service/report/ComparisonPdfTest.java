package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison report as a reader gets it: the text extracted from the PDF, its bookmarks and its headers. */
class ComparisonPdfTest {
    private static final Map<ReportLanguage, byte[]> RENDERED = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    private static byte[] pdf(ReportLanguage lang) {
        return RENDERED.computeIfAbsent(lang, l -> new PdfReportExporter().render(ReportFixtures.comparison(l)))
                .clone();
    }

    private static String text(byte[] pdf, int from, int to) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            // In reading order: the running header is drawn after the page's body.
            stripper.setSortByPosition(true);
            stripper.setStartPage(from);
            stripper.setEndPage(to < 0 ? doc.getNumberOfPages() : to);
            return stripper.getText(doc).replace('\u00a0', ' ');
        }
    }

    /** The text of the whole document on one line: a table row or a sentence reads as one. */
    private static String oneLine(byte[] pdf) throws IOException {
        return text(pdf, 1, -1).replaceAll("\\s+", " ");
    }

    /** The page (from 1) whose text begins, under its running header, with {@code heading} (its first line). */
    private static int pageStartingWith(byte[] pdf, String header, String heading) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (int p = 2; p <= doc.getNumberOfPages(); p++) {
                List<String> lines = text(pdf, p, p).lines().filter(l -> !l.isBlank()).toList();
                if (lines.size() > 1 && lines.get(0).startsWith(header) && lines.get(1).startsWith(heading)) {
                    return p;
                }
            }
        }
        return -1;
    }

    @Test
    void theComparisonTableHoldsBothScenariosNamesAndFiguresInEnglish() throws IOException {
        byte[] pdf = pdf(ReportLanguage.EN);
        String text = oneLine(pdf);
        assertTrue(text.contains("Comparison of fine-tuning plans"));
        assertTrue(text.contains("Llama 3.1 8B, QLoRA r16") && text.contains("Llama 3.1 8B, LoRA r16"), text);
        // The table's rows, label then the values of A and B (worked out in ComparisonContentTest).
        for (String row : List.of("Micro-batch × accumulation", "Memory per GPU 21.4 GiB of 44.4 GiB (48%) 30.8 GiB "
                + "of 44.4 GiB (69%)", "Training time 22.4 h 16.8 h", "Cost $19.74 $14.89",
                "Speed 1,860 tokens/s 2,476 tokens/s", "Price per GPU-hour $0.87/GPU·h $0.87/GPU·h")) {
            assertTrue(text.contains(row), "\"" + row + "\" in the comparison");
        }
        assertTrue(text.contains("B against A: needs 9.4 GiB more memory per GPU; takes 5.6 h less (−25%); costs "
                + "$4.85 less (−25%)."), "what differs");
    }

    @Test
    void theVietnameseComparisonTableReadsInVietnamese() throws IOException {
        String text = oneLine(pdf(ReportLanguage.VI));
        assertTrue(text.contains("So sánh các kế hoạch tinh chỉnh"));
        for (String row : List.of("Bộ nhớ mỗi GPU 21,4 GiB trên 44,4 GiB (48%) 30,8 GiB trên 44,4 GiB (69%)",
                "Thời gian huấn luyện 22,4 giờ 16,8 giờ", "Chi phí 19,74 US$ 14,89 US$", "Những điểm khác nhau")) {
            assertTrue(text.contains(row), "\"" + row + "\" in the comparison");
        }
    }

    @Test
    void eachScenarioIsAPartOnItsOwnPagesNamedInTheHeaderAndNestedInTheBookmarks() throws IOException {
        byte[] pdf = pdf(ReportLanguage.EN);
        int a = pageStartingWith(pdf, "Fine-Tune Planner · Scenario A: Llama 3.1 8B, QLoRA r16",
                "Scenario A: Llama 3.1 8B, QLoRA r16");
        int b = pageStartingWith(pdf, "Fine-Tune Planner · Scenario B: Llama 3.1 8B, LoRA r16",
                "Scenario B: Llama 3.1 8B, LoRA r16");
        assertTrue(a > 2 && b > a, "part A on page " + a + ", part B on page " + b);
        // Every page of part A names A in its header; the page before it names the comparison.
        for (int p = a; p < b; p++) {
            assertTrue(text(pdf, p, p).startsWith("Fine-Tune Planner · Scenario A:"), "page " + p);
        }
        assertTrue(text(pdf, a - 1, a - 1).startsWith("Fine-Tune Planner · Comparison of fine-tuning plans"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> top = new ArrayList<>();
            List<List<String>> children = new ArrayList<>();
            for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
                top.add(item.getTitle());
                List<String> under = new ArrayList<>();
                item.children().forEach(c -> under.add(c.getTitle()));
                children.add(under);
            }
            assertEquals(List.of("The scenarios compared", "Glossary", "Scenario A: Llama 3.1 8B, QLoRA r16",
                    "Scenario B: Llama 3.1 8B, LoRA r16 — hỗ trợ khách hàng"), top);
            assertEquals(List.of(), children.get(0));
            List<String> sections = List.of("Summary", "The scenario", "Memory per GPU", "GPU options compared",
                    "Cost over time", "Sensitivity: what if…", "Next steps", "Assumptions and method");
            assertEquals(sections, children.get(2));
            assertEquals(sections, children.get(3));
            // The part's bookmark opens its first page.
            PDOutlineItem partA = doc.getDocumentCatalog().getDocumentOutline().children().iterator().next()
                    .getNextSibling().getNextSibling();
            assertEquals(a - 1, doc.getPages().indexOf(partA.findDestinationPage(doc)));
        }
    }

    @Test
    void aComparisonIsWrittenWholeAndAFailureLeavesNoFile() throws IOException {
        Path target = dir.resolve("so-sanh.pdf");
        new PdfReportExporter().write(ReportFixtures.comparison(ReportLanguage.VI), target);
        try (PDDocument doc = Loader.loadPDF(target.toFile())) {
            assertTrue(doc.getNumberOfPages() > 10);
        }
        Path folder = dir.resolve("a-folder.pdf");
        Files.createDirectory(folder);
        assertThrows(ReportException.class, () -> new PdfReportExporter().write(ReportFixtures.comparison(
                ReportLanguage.EN), folder));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("a-folder.pdf", "so-sanh.pdf"), files.map(p -> p.getFileName().toString())
                    .sorted().toList(), "no temporary file left");
        }
        assertFalse(Files.exists(folder.resolve("so-sanh.pdf")));
    }
}
