package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.junit.jupiter.api.Test;

class PdfReportExporterTest {
    private final PdfReportExporter exporter = new PdfReportExporter();
    /** The fixture reports are rendered once per language and paper: rendering is the slow part. */
    private static final Map<String, byte[]> RENDERED = new ConcurrentHashMap<>();

    private static byte[] fixture(ReportLanguage lang, PaperSize paper) {
        return RENDERED.computeIfAbsent(lang + "-" + paper, k -> new PdfReportExporter().render(
                ReportFixtures.data(lang, paper))).clone();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static void assertInOrder(String text, List<String> parts) {
        int at = -1;
        for (String part : parts) {
            int next = text.indexOf(part, at + 1);
            assertTrue(next > at, "\"" + part + "\" should come after the previous part; found at " + next);
            at = next;
        }
    }

    @Test
    void englishSectionsComeInTheOrderOfTheIssue() throws IOException {
        String text = text(fixture(ReportLanguage.EN, PaperSize.A4));
        assertInOrder(text, List.of("Fine-tuning plan", "Prepared for", "Summary", "The scenario", "Memory per GPU",
                "GPU options compared", "Cost over time", "Sensitivity: what if", "Assumptions and method",
                "Measured accuracy against published runs"));
    }

    @Test
    void vietnameseTextExtractsAsWrittenAndInOrder() throws IOException {
        String text = text(fixture(ReportLanguage.VI, PaperSize.A4));
        assertInOrder(text, List.of("Kế hoạch tinh chỉnh mô hình", "Lập cho", "Công ty Cổ phần Dữ liệu Việt",
                "Nguyễn Thị Hương", "Tóm tắt", "Kịch bản", "Bộ nhớ trên mỗi GPU", "So sánh các phương án GPU",
                "Chi phí theo thời gian", "Độ nhạy", "Giả định và phương pháp"));
        assertTrue(text.contains("hỗ trợ khách hàng"), "the scenario's Vietnamese name is in the header and cover");
    }

    @Test
    void numbersInTheTextAreTheRecommendedEstimatesFormattedByReportFormats() throws IOException {
        for (ReportLanguage lang : ReportLanguage.values()) {
            ReportData data = ReportFixtures.data(lang, PaperSize.A4);
            String text = text(fixture(lang, PaperSize.A4)).replace('\n', ' ');
            ReportFormats f = new ReportFormats(lang);
            Estimate rec = data.baseline();
            CostEstimate cost = rec.cost().orElseThrow();
            // Fixture: 15.01+0.08+0.31+9.42+3.91+0.12+1.37+0.55 = 30.77 GiB → "30.8 GiB" / "30,8 GiB".
            assertEquals(lang == ReportLanguage.EN ? "30.8\u00a0GiB" : "30,8\u00a0GiB",
                    f.gib(rec.memory().perGpu().totalBytes()));
            // Cost: 1 GPU × $0.87 × 16.83 h + $0.25 storage = $14.8921 → "$14.89" / "14,89 US$".
            assertEquals(lang == ReportLanguage.EN ? "$14.89" : "14,89\u00a0US$", f.usd(cost.usd()));
            for (String expected : List.of(f.gib(rec.memory().perGpu().totalBytes()), f.gib(rec.memory()
                    .capacityBytes()), f.hours(rec.hours().getAsDouble()), f.usd(cost.usd()),
                    f.usdPerGpuHour(cost.usdPerGpuHour()), f.integer(rec.throughput().tokensPerSecond()))) {
                assertTrue(text.contains(expected), lang + ": the text should contain " + expected);
            }
            for (PlanOption o : data.plan().options()) {
                assertTrue(text.contains(o.gpu().name()), "every GPU option is listed: " + o.gpu().name());
            }
        }
    }

    @Test
    void chartsAreVectorsWithTheirTextKeptAsText() throws IOException {
        byte[] pdf = fixture(ReportLanguage.EN, PaperSize.A4);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int forms = 0;
            for (PDPage page : doc.getPages()) {
                Counts c = count(page.getResources());
                assertEquals(0, c.images, "no raster image without a logo");
                forms += c.forms;
            }
            assertEquals(2, forms, "the memory chart and the cost chart are drawn as form XObjects");
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("GiB per GPU"), "memory chart's axis label is text");
            assertTrue(text.contains("Hours of training"), "cost chart's axis label is text");
            assertTrue(text.contains("Optimizer states"), "legend entries are text");
        }
    }

    @Test
    void everyFontIsEmbeddedAndIsTheShippedDejaVu() throws IOException {
        byte[] pdf = fixture(ReportLanguage.VI, PaperSize.LETTER);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                collectFonts(page.getResources(), fonts);
            }
            assertTrue(fonts.size() >= 2, "regular and bold are used");
            for (PDFont font : fonts) {
                assertTrue(font.isEmbedded(), font.getName() + " must be embedded");
                assertTrue(font.getName().contains("DejaVuSans"), "only the shipped font: " + font.getName());
            }
        }
    }

    @Test
    void paperSizeAndPageNumbersFollowTheMeta() throws IOException {
        for (PaperSize paper : PaperSize.values()) {
            byte[] pdf = fixture(ReportLanguage.EN, paper);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                int n = doc.getNumberOfPages();
                assertTrue(n >= 5, "cover plus content pages, was " + n);
                for (PDPage page : doc.getPages()) {
                    assertEquals(paper.widthPt(), page.getMediaBox().getWidth(), 0.01);
                    assertEquals(paper.heightPt(), page.getMediaBox().getHeight(), 0.01);
                }
                String text = new PDFTextStripper().getText(doc);
                assertTrue(text.contains("Page 1 of " + n) && text.contains("Page " + n + " of " + n));
            }
        }
    }

    @Test
    void aRenderedPageIsNotBlank() throws IOException {
        byte[] pdf = fixture(ReportLanguage.EN, PaperSize.A4);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // Page 3 holds the memory chart.
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(2, 40);
            int dark = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int sum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                    if (sum < 600) {
                        dark++;
                    }
                }
            }
            double share = (double) dark / (image.getWidth() * image.getHeight());
            assertTrue(share > 0.02, "the chart page should be visibly drawn, ink share was " + share);
        }
    }

    @Test
    void aLongOptionsTableSplitsAcrossPagesWithItsHeaderRepeated() throws IOException {
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        List<PlanOption> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PlanOption o = base.plan().options().get(i % base.plan().options().size());
            many.add(new PlanOption(o.gpu(), o.estimate(), o.reasons()));
        }
        Plan plan = new Plan(base.plan().name(), many, base.plan().cheapest(), base.plan().fastest());
        ReportData data = base.withPlan(plan);
        String text = text(exporter.render(data));
        int headers = 0;
        // "Offload" heads a column of the options table and is not said elsewhere in this report.
        for (int at = text.indexOf("Offload"); at >= 0; at = text.indexOf("Offload", at + 1)) {
            headers++;
        }
        assertTrue(headers >= 2, "the options table's header is repeated on the next page, seen " + headers);
    }

    @Test
    void aPngLogoIsTheOnlyRasterImage() throws IOException {
        BufferedImage logo = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(logo, "png", png);
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        ReportData data = base.withMeta(base.meta().withLogo(Optional.of(ReportLogo.of(png.toByteArray(),
                "logo.png"))));
        try (PDDocument doc = Loader.loadPDF(exporter.render(data))) {
            int images = 0;
            for (PDPage page : doc.getPages()) {
                images += count(page.getResources()).images;
            }
            assertEquals(1, images);
        }
    }

    private record Counts(int images, int forms) {
    }

    private static Counts count(PDResources resources) throws IOException {
        int images = 0;
        int forms = 0;
        if (resources == null) {
            return new Counts(0, 0);
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
                images++;
            } else if (x instanceof PDFormXObject form) {
                forms++;
                Counts inner = count(form.getResources());
                images += inner.images;
            }
        }
        return new Counts(images, forms);
    }

    private static void collectFonts(PDResources resources, List<PDFont> out) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            out.add(resources.getFont(name));
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDFormXObject form) {
                collectFonts(form.getResources(), out);
            }
        }
    }
}
