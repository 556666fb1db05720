package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.finetuneplanner.service.report.Languages;
import org.finetuneplanner.service.report.PdfWords;
import org.finetuneplanner.service.report.RealReports;
import org.finetuneplanner.service.report.ReportLanguage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vietnamese report reads as Vietnamese on every page, appendix included; the English report has no Vietnamese
 * left. Read from the PDF as a customer's viewer extracts it; names as given (the customer's, the GPUs') and
 * citations as published (paper titles, code paths, where a price was read) are marked as spans in their own
 * language and set apart.
 */
class LanguagePurityTest {

    static Iterable<String> scenarios() {
        return RealReports.names();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theVietnameseReportHasNoEnglishFunctionWordOutsideNamesAndCitations(String scenario) throws IOException {
        PdfWords.Split text = PdfWords.of(RealReports.pdf(scenario, ReportLanguage.VI));
        assertEquals(java.util.List.of(), Languages.englishFunctionWords(text.words()), scenario);
        assertTrue(text.words().contains("Giả định và phương pháp"), "the appendix is read too");
        assertTrue(text.marked().contains("Công ty Cổ phần Dữ liệu Việt"), "the customer is a name span");
        assertTrue(text.marked().contains("NVIDIA"), "GPU names are name spans");
        assertFalse(Languages.englishFunctionWords(text.marked()).isEmpty() && scenario.equals("lora-8b"),
                "the catalog's English price sources are there, set apart as citations");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theEnglishReportHasNoVietnameseOutsideNames(String scenario) throws IOException {
        PdfWords.Split text = PdfWords.of(RealReports.pdf(scenario, ReportLanguage.EN));
        assertEquals(java.util.List.of(), Languages.vietnameseLetters(text.words()), scenario);
        assertTrue(text.marked().contains("Nguyễn Văn An"), "the consultant is a name span");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void wordsAreSearchableNotLigatures(String scenario) throws IOException {
        for (ReportLanguage lang : ReportLanguage.values()) {
            PdfWords.Split text = PdfWords.of(RealReports.pdf(scenario, lang));
            String all = text.words() + text.marked();
            assertTrue(all.chars().noneMatch(c -> c >= 0xFB00 && c <= 0xFB06), "no ligature glyph: " + lang);
        }
        String en = PdfWords.of(RealReports.pdf(scenario, ReportLanguage.EN)).words();
        assertTrue(en.contains("fine-tuning"), "\"fine-tuning\" is found by a search");
    }
}
