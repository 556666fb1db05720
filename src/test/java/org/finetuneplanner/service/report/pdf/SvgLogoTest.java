package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.shading.PDShading;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportException;
import org.finetuneplanner.service.report.ReportFixtures;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportData;

/**
 * SVG logos on the report's cover, drawn by JSVG as vectors: a gradient stays a PDF shading, text becomes glyph
 * outlines in its colour, CSS classes and an Illustrator file's entity styles give their colours. Each logo is
 * 200 × 70 user units, the size of the logo box in points, so it fills the box at scale 1: the box spans x 54..254
 * pt and, from the page's top, 70..140 pt (A4: y 772 down to 702), i.e. pixels 54..254 × 70..140 at 72 dpi.
 */
class SvgLogoTest {

    static ReportData withLogo(byte[] svg, String name) {
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        ReportLogo logo = ReportLogo.of(svg, name);
        return base.withMeta(base.meta().withLogo(Optional.of(logo)));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SvgLogoTest.class.getResourceAsStream("logos/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /** The report with {@code logos/NAME} on its cover. */
    static PDDocument report(String name) throws IOException {
        return Loader.loadPDF(new PdfReportExporter().render(withLogo(resource(name), name)));
    }

    /** The cover's logo: the one form XObject on the cover, holding no raster image at any depth. */
    static PDFormXObject vectorLogo(PDDocument doc) throws IOException {
        PDResources resources = doc.getPage(0).getResources();
        PDFormXObject logo = null;
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            assertTrue(x instanceof PDFormXObject, "the cover holds " + x.getClass().getSimpleName());
            assertEquals(null, logo, "one form on the cover");
            logo = (PDFormXObject) x;
        }
        assertNotNull(logo, "a logo is drawn");
        assertEquals(0, PdfContent.images(logo.getResources()), "no raster image in the logo");
        return logo;
    }

    static int rgb(BufferedImage page, int x, int y) {
        return page.getRGB(x, y) & 0xffffff;
    }

    @Test
    void aLinearGradientStaysAnAxialShadingFromItsFirstToItsLastStop() throws IOException {
        try (PDDocument doc = report("gradient.svg")) {
            PDFormXObject logo = vectorLogo(doc);
            List<COSName> shadings = new ArrayList<>();
            logo.getResources().getShadingNames().forEach(shadings::add);
            assertEquals(1, shadings.size(), "the gradient is one shading");
            PDShading shading = logo.getResources().getShading(shadings.get(0));
            assertEquals(PDShading.SHADING_TYPE2, shading.getShadingType(), "axial: a linear gradient");
            // stop 0 is #ff0000, stop 1 is #0000ff: the shading's function gives those colours at t = 0 and t = 1.
            assertArrayEquals3(new float[] {1, 0, 0}, shading.evalFunction(0f));
            assertArrayEquals3(new float[] {0, 0, 1}, shading.evalFunction(1f));
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            // Near the left end (x = 2 of 200) the colour is almost all red; near the right end almost all blue.
            int left = rgb(page, 56, 105);
            int right = rgb(page, 252, 105);
            assertTrue((left >> 16) > 240 && (left & 0xff) < 15, Integer.toHexString(left));
            assertTrue((right & 0xff) > 240 && (right >> 16) < 15, Integer.toHexString(right));
        }
    }

    @Test
    void textIsDrawnAsTheGlyphOutlinesOfItsFontInItsColour() throws IOException {
        try (PDDocument doc = report("text.svg")) {
            PDFormXObject logo = vectorLogo(doc);
            PdfContent content = PdfContent.of(logo);
            // fill="#1a7f37" = (26, 127, 55).
            assertEquals(List.of(0x1a7f37), content.fillColours());
            // <text x=10 y=50 font-size=40 font-family=sans-serif>ACME: the outlines of "ACME" in Java's SansSerif at
            // 40 units, from x = 10 with the baseline at y = 50, i.e. at 70 − 50 = 20 in the form's y-up space.
            Rectangle2D glyphs = new Font(Font.SANS_SERIF, Font.PLAIN, 40).createGlyphVector(
                    new FontRenderContext(null, true, true), "ACME").getOutline(10, 50).getBounds2D();
            Rectangle2D filled = content.filledBounds();
            assertEquals(glyphs.getMinX(), filled.getMinX(), 0.05);
            assertEquals(glyphs.getMaxX(), filled.getMaxX(), 0.05);
            assertEquals(70 - glyphs.getMaxY(), filled.getMinY(), 0.05, "the baseline");
            assertEquals(70 - glyphs.getMinY(), filled.getMaxY(), 0.05, "the cap height");
            assertTrue(content.curves() > 0, "the C is drawn with curves");
            // Outlines, not text: the cover's text holds no "ACME".
            assertTrue(!new PDFTextStripper().getText(doc).contains("ACME"));
        }
    }

    @Test
    void cssClassColoursInAStyleBlockFillTheirShapes() throws IOException {
        try (PDDocument doc = report("css-classes.svg")) {
            PDFormXObject logo = vectorLogo(doc);
            // .brand { fill: #c0392b } on the left rect, .accent { fill: rgb(39, 174, 96) } = #27ae60 on the right.
            assertEquals(List.of(0xc0392b, 0x27ae60), PdfContent.of(logo).fillColours());
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            assertEquals(0xc0392b, rgb(page, 54 + 50, 105));
            assertEquals(0x27ae60, rgb(page, 54 + 150, 105));
        }
    }

    @Test
    void anIllustratorFileWithItsDoctypeEntitiesAndSwitchIsDrawn() throws IOException {
        try (PDDocument doc = report("illustrator.svg")) {
            PDFormXObject logo = vectorLogo(doc);
            // style="&st0;" = fill:#0B5394 on the rect, style="&st1;" = fill:#F1C232 on the circle: the entities of
            // the internal subset are expanded, and the <switch> draws its SVG group, not Illustrator's private data.
            assertEquals(List.of(0x0b5394, 0xf1c232), PdfContent.of(logo).fillColours());
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            assertEquals(0x0b5394, rgb(page, 54 + 60, 105), "inside the rect (0..120)");
            assertEquals(0xf1c232, rgb(page, 54 + 160, 105), "the circle's centre (160, 35)");
        }
    }

    @Test
    void anSvgWithoutSizeSaysWhatIsMissing() {
        byte[] svg = "<svg><rect width='10' height='10'/></svg>".getBytes(StandardCharsets.UTF_8);
        ReportException e = assertThrows(ReportException.class,
                () -> new PdfReportExporter().render(withLogo(svg, "logo.svg")));
        assertTrue(e.getMessage().contains("logo.svg") && e.getMessage().contains("viewBox"), e.getMessage());
    }

    private static void assertArrayEquals3(float[] expected, float[] actual) {
        assertEquals(3, actual.length);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], actual[i], 1e-3, "component " + i);
        }
    }
}
