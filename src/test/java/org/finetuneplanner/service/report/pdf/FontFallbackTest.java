package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportFixtures;
import org.finetuneplanner.service.report.ReportLanguage;
import org.junit.jupiter.api.Test;

/**
 * Names in Chinese, Japanese, Korean or with emoji: drawn with an installed font that has them when there is one,
 * else listed on the cover by code point and drawn as a white square; never a silent "?".
 */
class FontFallbackTest {
    private static final String CUSTOMER = "株式会社テスト 한국 中文 🚀 Ltd";

    private static String render(String customer) throws IOException {
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        byte[] pdf = new PdfReportExporter().render(base.withMeta(base.meta().withPeople(customer, "Acme", "")));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void everyCharacterIsDrawnOrNamedNeverAQuestionMark() throws IOException {
        String text = render(CUSTOMER);
        assertFalse(text.contains("?"), "no silent question mark");
        CUSTOMER.codePoints().filter(cp -> cp > 0x2000).forEach(cp -> {
            String drawn = new String(Character.toChars(cp));
            String named = String.format("U+%04X", cp);
            assertTrue(text.contains(drawn) || text.contains(named), named + " is drawn or named");
        });
    }

    @Test
    void anInstalledFontDrawsWhatDejaVuLacksAndTheRestIsNamed() throws IOException {
        String text = render(CUSTOMER);
        for (int cp : new int[] {'株', '한'}) {
            String c = new String(Character.toChars(cp));
            String named = String.format("U+%04X", cp);
            if (!SystemFonts.covering(Set.of(cp)).isEmpty()) {
                assertTrue(text.contains(c), c + " drawn with the installed font");
                assertFalse(text.contains(named), named + " not listed as missing");
            } else {
                assertTrue(text.contains(named) && text.contains("□"), named + " named on the cover, drawn as □");
            }
        }
    }

    @Test
    void anEmojiNoTrueTypeFontHasIsNamedOnTheCover() throws IOException {
        // Colour emoji fonts are bitmaps PDFBox cannot embed; DejaVu has no U+1F680.
        boolean drawable = !SystemFonts.covering(Set.of(0x1F680)).isEmpty();
        String text = render("Rocket 🚀 Labs");
        assertTrue(drawable ? text.contains("🚀") : text.contains("U+1F680") && text.contains("Rocket □ Labs"), text
                .substring(0, Math.min(600, text.length())));
    }

    @Test
    void aLatinOnlyReportEmbedsOnlyTheShippedFonts() throws IOException {
        ReportData base = ReportFixtures.data(ReportLanguage.VI, PaperSize.A4);
        byte[] pdf = new PdfReportExporter().render(base);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                for (COSName name : doc.getPage(i).getResources().getFontNames()) {
                    String font = doc.getPage(i).getResources().getFont(name).getName();
                    assertTrue(font.contains("DejaVuSans"), font);
                }
            }
        }
    }
}
