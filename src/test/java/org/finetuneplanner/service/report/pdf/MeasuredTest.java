package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.finetuneplanner.service.report.content.Span;
import org.finetuneplanner.service.report.content.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cutting text into lines: where it may break, where it may not, how a capped text ends. */
class MeasuredTest {
    private static PDDocument doc;
    private static PdfFonts fonts;

    @BeforeAll
    static void fonts() throws IOException {
        doc = new PDDocument();
        fonts = PdfFonts.load(doc);
    }

    @AfterAll
    static void close() throws IOException {
        fonts.close();
        doc.close();
    }

    private static String text(Measured.Line line) {
        return line.frags().stream().map(Measured.Frag::text).collect(Collectors.joining());
    }

    private static List<String> lines(Text t, float width, int max) {
        return Measured.of(t, fonts, false, 9.5f).lines(width, max, true).stream().map(MeasuredTest::text).toList();
    }

    @Test
    void anAmountIsNeverSplitFromItsCurrency() {
        // Narrow lines full of amounts written with a no-break space, as the text layer writes them.
        String amounts = "Chi phí 76,82\u00a0US$ rồi 1.234\u00a0US$ và 14,89\u00a0US$ cộng 9,58\u00a0US$ ".repeat(8);
        float widest = Measured.of(Text.words("1.234\u00a0US$"), fonts, false, 9.5f).width();
        for (float width = widest; width < 200; width += 7) {
            for (String line : lines(Text.words(amounts), width, Integer.MAX_VALUE)) {
                assertFalse(line.startsWith("US$") || line.startsWith("$") || line.endsWith("US")
                        || line.endsWith("\u00a0"), "width " + width + ": '" + line + "'");
            }
        }
    }

    @Test
    void anAmountWiderThanItsLineIsCutAtItsNoBreakSpaceNotInsideTheCurrency() {
        float amount = Measured.of(Text.words("76,82\u00a0US$"), fonts, false, 9.5f).width();
        assertEquals(List.of("76,82", "US$"), lines(Text.words("76,82\u00a0US$"), amount - 1, Integer.MAX_VALUE));
    }

    private static List<String> figureLines(String figure, float width) {
        return Measured.of(Text.words(figure), fonts, false, 9.5f).lines(width, Integer.MAX_VALUE, false).stream()
                .map(MeasuredTest::text).toList();
    }

    @Test
    void aFigureWiderThanItsLineBreaksBetweenWholeNumbersNotInsideOne() {
        // An options table's cost range in VND: too wide for its column, it breaks after the en dash.
        String range = "(782.839\u20131.382.179\u00a0\u20ab)";
        float whole = Measured.of(Text.words(range), fonts, false, 9.5f).width();
        assertEquals(List.of("(782.839\u2013", "1.382.179\u00a0\u20ab)"), figureLines(range, whole - 1));
        // A time range: it breaks after a word, never between a number and its unit.
        String time = "(41,2 gi\u1edd \u2013 3,0 ng\u00e0y (73 gi\u1edd))";
        float piece = Measured.of(Text.words(time), fonts, false, 9.5f).widestFigurePiece();
        for (String line : figureLines(time, piece)) {
            assertFalse(line.matches(".*\\d") || line.matches("^[^\\d(\u2013]+.*"), "'" + line + "'");
        }
        assertEquals(time.replace(" ", ""), String.join("", figureLines(time, piece)).replace(" ", ""));
        // A figure that fits stays on one line, spaces and dashes notwithstanding.
        assertEquals(List.of(time), figureLines(time, Measured.of(Text.words(time), fonts, false, 9.5f).width()));
    }

    @Test
    void noLineIsWiderThanAsked() {
        String words = "Mọi con số trong kế hoạch này là ước tính theo các công thức được ghi rõ nguồn. ".repeat(20)
                + "https://example.com/" + "x".repeat(300);
        Measured m = Measured.of(Text.words(words), fonts, false, 9.5f);
        for (Measured.Line line : m.lines(150, Integer.MAX_VALUE, true)) {
            assertTrue(line.width() <= 150.01, line.width() + ": " + text(line));
        }
    }

    @Test
    void aWordLongerThanTheLineIsBrokenAndNothingIsLost() {
        String word = "Tổng-Công-ty-" + "ABCDEFGHIJ".repeat(50);
        List<String> lines = lines(Text.words(word), 100, Integer.MAX_VALUE);
        assertTrue(lines.size() > 5);
        assertEquals(word, String.join("", lines));
    }

    @Test
    void aCitationBreaksAfterASlashBeforeItBreaksAWord() {
        List<String> lines = lines(Text.citation("https://docs.digitalocean.com/products/droplets/details/pricing/"),
                120, Integer.MAX_VALUE);
        assertTrue(lines.size() >= 2);
        assertTrue(lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.endsWith("/")), lines.toString());
    }

    @Test
    void aCappedTextEndsWithAnEllipsisOnItsLastLine() {
        List<String> lines = lines(Text.words("Công ty Cổ phần ".repeat(200)), 200, 3);
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).endsWith("…"), lines.get(2));
        assertFalse(lines.get(1).endsWith("…"));
    }

    @Test
    void fittingShortensOnlyWhatDoesNotFit() {
        Measured shortName = Measured.of(Text.name("Acme"), fonts, false, 8);
        assertEquals("Acme", text(shortName.fit(100)));
        Measured longName = Measured.of(Text.name("Acme ".repeat(1000)), fonts, false, 8);
        Measured.Line fitted = longName.fit(100);
        assertTrue(fitted.width() <= 100.01 && text(fitted).endsWith("…"), text(fitted));
        assertEquals(Span.Kind.NAME, fitted.frags().get(0).kind(), "a shortened name is still a name");
    }

    @Test
    void controlAndDirectionCharactersAreDroppedAndAccentsComposed() {
        // "Việt" typed decomposed (e + combining circumflex + combining dot below), a right-to-left override, a bell.
        String typed = "Vie\u0302\u0323t\u202e\u0007 Nam";
        assertEquals(List.of("Việt Nam"), lines(Text.name(typed), 300, 1));
    }

    @Test
    void aHundredThousandCharacterNameIsMeasuredOnceAndCutQuickly() {
        // Not a timing assertion (ReportBenchmark measures it): the cut of a 100,000-character name is one line.
        Measured m = Measured.of(Text.name("Công ty ".repeat(12_500)), fonts, false, 8);
        assertEquals(1, m.lines(300, 1, true).size());
        assertEquals(4, m.lines(300, 4, true).size());
    }
}
