package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.junit.jupiter.api.Test;

/** No text leaves the page: long names wrap or are shortened, table cells wrap, nothing is clipped. */
class ReportLayoutBoundsTest {

    private static final class Positions extends PDFTextStripper {
        final List<String> outside = new ArrayList<>();
        float pageWidth;
        float pageHeight;

        Positions() throws IOException {
            setSortByPosition(false);
        }

        @Override
        protected void processTextPosition(TextPosition t) {
            super.processTextPosition(t);
            pageWidth = getCurrentPage().getMediaBox().getWidth();
            pageHeight = getCurrentPage().getMediaBox().getHeight();
            // 20 pt of tolerance beyond the 54 pt side margins: glyph boxes include side bearings.
            boolean inX = t.getX() >= 34 && t.getX() + t.getWidth() <= pageWidth - 34;
            boolean inY = t.getY() >= 20 && t.getY() <= pageHeight - 10;
            if (!inX || !inY) {
                outside.add("page " + getCurrentPageNo() + " '" + t.getUnicode() + "' at " + t.getX() + ","
                        + t.getY());
            }
        }
    }

    @Test
    void longNamesAndTitlesStayOnThePageInBothLanguagesAndSizes() throws IOException {
        String longName = "Tổng Công ty Cổ phần Công nghệ Thông tin và Truyền thông Quốc tế Đông Nam Á "
                + "(chi nhánh Thành phố Hồ Chí Minh, phòng Nghiên cứu và Phát triển Trí tuệ Nhân tạo)";
        String longWord = "https://example.com/" + "x".repeat(160);
        for (ReportLanguage lang : ReportLanguage.values()) {
            for (PaperSize paper : PaperSize.values()) {
                ReportData base = ReportFixtures.data(lang, paper);
                ReportData data = base.withMeta(base.meta().withTitle(longName + " " + longWord)
                        .withPeople(longName, longWord, longName));
                try (PDDocument doc = Loader.loadPDF(new PdfReportExporter().render(data))) {
                    Positions p = new Positions();
                    String text = p.getText(doc);
                    assertTrue(text.contains("Tổng Công ty"), "the name is printed");
                    assertEquals(List.of(), p.outside.stream().limit(5).toList(), lang + " " + paper);
                }
            }
        }
    }
}
