package org.finetuneplanner.service.report;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/** SVG logos on the cover. */
final class SvgLogo {
    private SvgLogo() {
    }

    static float draw(PDDocument doc, PDPageContentStream cs, ReportLogo logo, float x, float bottom, float maxW,
                      float maxH) throws IOException {
        throw new ReportException("SVG logo " + logo.name() + " cannot be drawn yet; use a PNG or JPEG.");
    }
}
