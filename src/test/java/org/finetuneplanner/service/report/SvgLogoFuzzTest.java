package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * The report's {@code --logo} reader for SVG, fed damaged logos (broken markup, hostile numbers, degenerate view
 * boxes, DOCTYPEs): the logo is drawn, or refused with a {@link ReportException} in one line; nothing else escapes,
 * and a drawn logo leaves a document that can be saved.
 */
class SvgLogoFuzzTest {

    private static final List<String> SEEDS = List.of(
            "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 70'><rect width='200' height='70' "
                    + "style='fill:#c0392b'/></svg>",
            "<svg viewBox='0 0 100 100'><g transform='translate(10,10) rotate(30) scale(2)'><circle cx='20' "
                    + "cy='20' r='10' fill='rgb(10%,20%,30%)' opacity='0.5'/><ellipse cx='5' cy='5' rx='3' "
                    + "ry='2'/></g><path d='M0 0 L10 10 H20 V30 C1 2 3 4 5 6 S7 8 9 10 Q1 2 3 4 T5 6 A10 10 0 0 "
                    + "1 20 0 Z' stroke='navy' stroke-width='2'/><polygon points='1,2 3,4 5,6'/><line x1='0' "
                    + "y1='0' x2='9' y2='9'/><polyline points='0 0 1 1'/></svg>",
            "<svg width='120' height='40'><rect x='1' y='1' width='50%' height='10' rx='2' "
                    + "transform='matrix(1 0 0 1 5 5) skewX(10)'/></svg>");

    private static final String[] TOKENS = {"<", ">", "/>", "'", "\"", "=", "-", "NaN", "1e999", "-1e999", "0",
        "-0", "1e-320", "9".repeat(400), "e", ".", ",", " ", "viewBox='0 0 0 0'", "viewBox='0 0 -5 NaN'",
        "width='0'", "rotate(1e308)", "scale(0)", "matrix(", ")", "M", "A", "Z", "<!DOCTYPE svg [<!ENTITY x "
        + "SYSTEM 'file:///etc/passwd'>]>", "&x;", "<svg>", "</svg>", "<g>", "<path d='", "#zzz", "rgb(",
        "url(#a)", "%", "\u0000", "\uFFFF"};

    @Property(tries = 400, seed = "20261129")
    void aDamagedSvgLogoIsDrawnOrRefusedInOneLine(@ForAll Random random) throws IOException {
        StringBuilder svg = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds && svg.length() > 0; r++) {
            int at = random.nextInt(svg.length());
            switch (random.nextInt(4)) {
                case 0 -> svg.setLength(Math.max(at, 4));
                case 1 -> svg.deleteCharAt(at);
                default -> svg.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        String text = svg.toString();
        if (!text.contains("<svg")) {
            return;
        }
        ReportLogo logo = ReportLogo.of(text.getBytes(StandardCharsets.UTF_8), "logo.svg");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                SvgLogo.draw(doc, cs, logo, 54, 700, 200, 70);
            } catch (ReportException e) {
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
                return;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("escaped " + e + " for " + text, e);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
        }
    }
}
