package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportException;

/**
 * An SVG logo reads nothing but itself: every way SVG and XML have of pulling in another file (external entity,
 * external DTD, parameter entity, CSS import, linked or embedded image, use of another document) is tried with a
 * local file that would turn the logo red, or add a raster image, if it were read. Entity expansion is bounded.
 */
class SvgLogoSafetyTest {
    private static final int RED = 0xff0000;
    private static final int BLACK = 0x000000;

    @TempDir
    Path dir;

    /** Draws {@code svg} as the cover logo does, into a page of its own; returns what the logo's form paints. */
    static PdfContent paint(String svg) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                SvgLogoPainter.draw(doc, cs, ReportLogo.of(svg.getBytes(StandardCharsets.UTF_8), "logo.svg"), 54,
                        700, 200, 70);
            }
            PDFormXObject logo = (PDFormXObject) page.getResources().getXObject(
                    page.getResources().getXObjectNames().iterator().next());
            assertEquals(0, PdfContent.images(logo.getResources()), "no raster image");
            return PdfContent.of(logo);
        }
    }

    private String url(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toUri().toString();
    }

    @Test
    void anExternalEntityIsNotRead() throws IOException {
        String css = url("red.css", "rect { fill: #ff0000 }");
        // Were the entity read, the <style> would hold the red rule; unread, the rect keeps SVG's default black.
        PdfContent painted = paint("<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY x SYSTEM '" + css + "'>]>"
                + "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 70'><style>&x;</style>"
                + "<rect width='200' height='70'/></svg>");
        assertEquals(List.of(BLACK), painted.fillColours());
    }

    @Test
    void anExternalEntityInAnAttributeIsRefusedInOneLine() throws IOException {
        String css = url("red.txt", "fill:#ff0000");
        ReportException e = assertThrows(ReportException.class, () -> paint("<!DOCTYPE svg [<!ENTITY x SYSTEM '"
                + css + "'>]><svg viewBox='0 0 200 70'><rect style='&x;' width='200' height='70'/></svg>"));
        assertTrue(e.getMessage().startsWith("SVG logo logo.svg cannot be read: line 1:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void neitherAnExternalDtdNorAParameterEntityIsRead() throws IOException {
        String dtd = url("red.dtd", "<!ENTITY red 'fill:#ff0000'>");
        for (String doctype : List.of("<!DOCTYPE svg SYSTEM '" + dtd + "'>",
                "<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' '" + dtd + "'>",
                "<!DOCTYPE svg [<!ENTITY % p SYSTEM '" + dtd + "'> %p;]>")) {
            String svg = doctype + "<svg viewBox='0 0 200 70'><rect style='&red;' width='200' height='70'/></svg>";
            // Unread, "red" is an undeclared entity: the logo is refused (its DTD could not be read) or drawn black.
            try {
                assertEquals(List.of(BLACK), paint(svg).fillColours(), doctype);
            } catch (ReportException e) {
                assertTrue(e.getMessage().contains("\"red\""), e.getMessage());
            }
        }
    }

    @Test
    void neitherCssImportsNorOtherDocumentsNorImagesAreLoaded() throws IOException {
        String css = url("red.css", "rect { fill: #ff0000 }");
        String other = url("other.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect id='r' width='200' "
                + "height='70' fill='#ff0000'/></svg>");
        BufferedImage pixel = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(pixel, "png", png);
        Files.write(dir.resolve("a.png"), png.toByteArray());
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
                + "viewBox='0 0 200 70'><style>@import url(" + css + ");</style>"
                + "<image href='" + dir.resolve("a.png").toUri() + "' width='100' height='70'/>"
                + "<image xlink:href='data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray())
                + "' width='100' height='70'/><use href='" + other + "#r'/>"
                + "<rect width='10' height='10'/></svg>";
        // paint() checks that no raster image was embedded; the one black rect is all that is drawn.
        assertEquals(List.of(BLACK), paint(svg).fillColours());
    }

    @Test
    void billionLaughsStopsAtTheExpansionLimitInOneLine() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 'lol'>");
        for (int i = 1; i <= 9; i++) {
            entities.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("'>");
        }
        // lol9 expands to 10^9 entities; the parser stops after SvgMarkup.MAX_ENTITY_EXPANSIONS (10,000).
        String svg = "<!DOCTYPE svg [" + entities + "]><svg viewBox='0 0 10 10'><text>&lol9;</text></svg>";
        ReportException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ReportException.class, () -> paint(svg)));
        assertTrue(e.getMessage().contains("10000") && e.getMessage().contains("entity expansions"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
