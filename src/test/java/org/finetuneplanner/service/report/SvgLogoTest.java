package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

class SvgLogoTest {

    private static ReportData withLogo(String svg) {
        ReportData base = ReportFixtures.data(ReportLanguage.EN, PaperSize.A4);
        ReportLogo logo = ReportLogo.of(svg.getBytes(StandardCharsets.UTF_8), "logo.svg");
        return base.withMeta(base.meta().withLogo(Optional.of(logo)));
    }

    @Test
    void anSvgLogoIsDrawnAsVectorsInItsColour() throws IOException {
        // A 200×70 red bar: the logo box is 200×70 pt, so it fills the box exactly at the cover's top left.
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 70'>"
                + "<rect width='200' height='70' style='fill:#c0392b'/></svg>";
        byte[] pdf = new PdfReportExporter().render(withLogo(svg));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDPage cover = doc.getPage(0);
            for (COSName name : cover.getResources().getXObjectNames()) {
                assertTrue(!(cover.getResources().getXObject(name) instanceof PDImageXObject), "no raster logo");
            }
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            // The box spans x 54..254 pt and, from the top, 842−70−70 = 702 up to 772 pt, i.e. y 70..140 down.
            int rgb = image.getRGB(150, 105) & 0xffffff;
            assertEquals(0xc0392b, rgb, "the centre of the logo box is the rect's colour");
        }
    }

    @Test
    void arcsEndWhereTheyShould() {
        // A half circle of radius 10 from (0,0) to (20,0) sweeping below: its bounds are 20 wide and 10 tall.
        Path2D p = SvgLogo.path("M0 0 A10 10 0 0 0 20 0 Z");
        Rectangle2D b = p.getBounds2D();
        assertEquals(0, b.getMinX(), 1e-6);
        assertEquals(20, b.getMaxX(), 1e-6);
        assertEquals(10, b.getHeight(), 1e-6);
    }

    @Test
    void relativeAndShorthandCommandsMoveTheCurrentPoint() {
        // m10 10 h5 v5 l-5 0 z: a 5×5 square from (10,10).
        Rectangle2D b = SvgLogo.path("m10 10 h5 v5 l-5 0 z").getBounds2D();
        assertEquals(new Rectangle2D.Double(10, 10, 5, 5), b);
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverRead() {
        String svg = "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<svg viewBox='0 0 10 10'><rect width='10' height='10'/></svg>";
        ReportException e = assertThrows(ReportException.class, () -> new PdfReportExporter().render(withLogo(svg)));
        assertTrue(e.getMessage().contains("logo.svg"), e.getMessage());
    }

    @Test
    void anSvgWithoutSizeSaysWhatIsMissing() {
        String svg = "<svg><rect width='10' height='10'/></svg>";
        ReportException e = assertThrows(ReportException.class, () -> new PdfReportExporter().render(withLogo(svg)));
        assertTrue(e.getMessage().contains("viewBox"), e.getMessage());
    }
}
