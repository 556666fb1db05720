package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportException;

/**
 * The report's {@code --logo} reader for SVG, fed damaged logos (broken markup, hostile numbers, degenerate view
 * boxes, DOCTYPEs with internal and external entities, billion laughs, switches, styles, gradients, text): the logo
 * is drawn, or refused with a {@link ReportException} in one line, within a loose time bound; nothing else escapes,
 * a drawn logo leaves a document that can be saved, and no drawn logo ever paints the colour that only a local
 * file, named by an external entity, holds.
 */
class SvgLogoFuzzTest {
    /** #fe01fd: in no seed or token, only in the local file that the external entity names. */
    private static final int SECRET_COLOUR = 0xfe01fd;
    private static final String SECRET_CSS = secretCss();

    private static final List<String> SEEDS = List.of(
            "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 70'><rect width='200' height='70' "
                    + "style='fill:#c0392b'/></svg>",
            "<svg viewBox='0 0 100 100'><g transform='translate(10,10) rotate(30) scale(2)'><circle cx='20' "
                    + "cy='20' r='10' fill='rgb(10%,20%,30%)' opacity='0.5'/><ellipse cx='5' cy='5' rx='3' "
                    + "ry='2'/></g><path d='M0 0 L10 10 H20 V30 C1 2 3 4 5 6 S7 8 9 10 Q1 2 3 4 T5 6 A10 10 0 0 "
                    + "1 20 0 Z' stroke='navy' stroke-width='2'/><polygon points='1,2 3,4 5,6'/><line x1='0' "
                    + "y1='0' x2='9' y2='9'/><polyline points='0 0 1 1'/></svg>",
            "<svg width='120' height='40'><rect x='1' y='1' width='50%' height='10' rx='2' "
                    + "transform='matrix(1 0 0 1 5 5) skewX(10)'/></svg>",
            "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 70'><defs><linearGradient id='g' x1='0' "
                    + "x2='1'><stop offset='0' stop-color='red'/><stop offset='1' stop-color='#00f'/>"
                    + "</linearGradient></defs><style>.a { fill: #27ae60; stroke: url(#g) }</style><rect "
                    + "class='a' width='200' height='70' fill='url(#g)'/><text x='10' y='50' font-size='40' "
                    + "class='a'>ACME<tspan dx='3'>Co</tspan></text></svg>",
            "<?xml version='1.0'?><!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' "
                    + "'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd' [<!ENTITY ns_ai "
                    + "'http://ns.adobe.com/AdobeIllustrator/10.0/'><!ENTITY st0 'fill:#0B5394;'>]><svg "
                    + "xmlns='http://www.w3.org/2000/svg' xmlns:i='&ns_ai;' viewBox='0 0 200 70'><switch>"
                    + "<foreignObject requiredExtensions='&ns_ai;' width='1' height='1'/><g i:extraneous='self'>"
                    + "<rect style='&st0;' width='120' height='70'/></g></switch></svg>");

    private static final String[] TOKENS = {"<", ">", "/>", "'", "\"", "=", "-", "NaN", "1e999", "-1e999", "0",
        "-0", "1e-320", "9".repeat(400), "e", ".", ",", " ", "viewBox='0 0 0 0'", "viewBox='0 0 -5 NaN'",
        "width='0'", "rotate(1e308)", "scale(0)", "matrix(", ")", "M", "A", "Z", "<!DOCTYPE svg [<!ENTITY x "
        + "SYSTEM 'file:///etc/passwd'>]>", "&x;", "<svg>", "</svg>", "<g>", "<path d='", "#zzz", "rgb(",
        "url(#a)", "%", "\u0000", "\uFFFF",
        "<!DOCTYPE svg [<!ENTITY s SYSTEM '" + SECRET_CSS + "'>]>", "<style>&s;</style>", "&s;",
        "<!DOCTYPE svg [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c "
        + "'&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'><!ENTITY e "
        + "'&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'><!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>]>", "&f;",
        "<text>", "</text>", "<style>", "</style>", "class='a'", ".a{fill:", "font-size='1e30'",
        "<linearGradient id='a'>", "<stop offset='NaN' stop-color='#fff'/>", "gradientTransform='scale(0)'",
        "<switch>", "</switch>", "<foreignObject>", "requiredExtensions=''", "<use href='#a'/>", "id='a'",
        "stroke-width='1e38'", "<image href='file:///etc/hosts'/>"};

    /** Hostile numbers that keep the markup well-formed, so that they reach the renderer. */
    private static final String[] NUMBERS = {"NaN", "Infinity", "1e999", "-1e999", "1e-320", "-0", "1e38", "-1e38",
        "9".repeat(400), "0", "-5", "1e308", "0.0000001"};

    /** Replaces the first number at or after {@code from} (digits, sign, point, exponent) by {@code number}. */
    private static void replaceNumber(StringBuilder svg, int from, String number) {
        int start = from;
        while (start < svg.length() && !Character.isDigit(svg.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < svg.length() && (Character.isDigit(svg.charAt(end)) || svg.charAt(end) == '.'
                || svg.charAt(end) == 'e')) {
            end++;
        }
        if (start < svg.length()) {
            svg.replace(start, end, number);
        }
    }

    private static String secretCss() {
        try {
            Path file = Files.createTempFile("fuzz-secret", ".css");
            file.toFile().deleteOnExit();
            Files.writeString(file, "* { fill: #fe01fd; stroke: #fe01fd }");
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 400, seed = "20261129")
    void aDamagedSvgLogoIsDrawnOrRefusedInOneLine(@ForAll Random random) {
        StringBuilder svg = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds && svg.length() > 0; r++) {
            int at = random.nextInt(svg.length());
            switch (random.nextInt(5)) {
                case 0 -> svg.setLength(Math.max(at, 4));
                case 1 -> svg.deleteCharAt(at);
                case 2 -> replaceNumber(svg, at, NUMBERS[random.nextInt(NUMBERS.length)]);
                default -> svg.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        String text = svg.toString();
        if (!text.contains("<svg")) {
            return;
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> drawOrRefuse(text), text);
    }

    /** Only numbers are replaced, so the markup stays well-formed and every logo reaches JSVG and PdfBoxGraphics2D. */
    @Property(tries = 200, seed = "20261204")
    void aWellFormedLogoWithHostileNumbersIsDrawnOrRefusedInOneLine(@ForAll Random random) {
        StringBuilder svg = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
        int rounds = 1 + random.nextInt(6);
        for (int r = 0; r < rounds; r++) {
            replaceNumber(svg, random.nextInt(svg.length()), NUMBERS[random.nextInt(NUMBERS.length)]);
        }
        String text = svg.toString();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> drawOrRefuse(text), text);
    }

    private static void drawOrRefuse(String text) throws IOException {
        ReportLogo logo = ReportLogo.of(text.getBytes(StandardCharsets.UTF_8), "logo.svg");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                SvgLogoPainter.draw(doc, cs, logo, 54, 700, 200, 70);
            } catch (ReportException e) {
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
                assertFalse(e.getMessage().contains("Exception"), e.getMessage());
                return;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("escaped " + e + " for " + text, e);
            }
            for (COSName name : page.getResources().getXObjectNames()) {
                PDFormXObject form = (PDFormXObject) page.getResources().getXObject(name);
                assertFalse(PdfContent.of(form).fillColours().contains(SECRET_COLOUR), "read the local file: " + text);
            }
            doc.save(new ByteArrayOutputStream());
        }
    }
}
