package org.finetuneplanner.service.report.pdf;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.finetuneplanner.service.report.ReportException;
import org.finetuneplanner.service.report.ReportLogo;

/** Logos on the cover: SVG as vectors ({@link SvgLogoPainter}), PNG and JPEG as the one raster image. */
final class PdfLogos {
    private PdfLogos() {
    }

    /**
     * Draws {@code logo} scaled to fit {@code maxW × maxH} with its top-left at ({@code x}, {@code bottom} +
     * {@code maxH}); returns the bottom of the drawn logo.
     *
     * @throws ReportException naming the logo when it cannot be read as an image
     */
    static float draw(PDDocument doc, PDPageContentStream cs, ReportLogo logo, float x, float bottom, float maxW,
                      float maxH) throws IOException {
        if (logo.kind() == ReportLogo.Kind.SVG) {
            return SvgLogoPainter.draw(doc, cs, logo, x, bottom, maxW, maxH);
        }
        PDImageXObject image;
        try {
            image = PDImageXObject.createFromByteArray(doc, logo.bytes(), logo.name());
        } catch (IOException | IllegalArgumentException e) {
            throw new ReportException("Logo " + logo.name() + " cannot be read as an image: " + e.getMessage(), e);
        }
        float scale = Math.min(maxW / image.getWidth(), maxH / image.getHeight());
        float w = image.getWidth() * scale;
        float h = image.getHeight() * scale;
        float drawBottom = bottom + maxH - h;
        cs.drawImage(image, x, drawBottom, w, h);
        return drawBottom;
    }
}
