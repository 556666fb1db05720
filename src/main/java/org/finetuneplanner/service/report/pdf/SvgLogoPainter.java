package org.finetuneplanner.service.report.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.util.Matrix;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.DocumentLimits;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.parser.resources.ResourcePolicy;
import com.github.weisj.jsvg.renderer.NullPlatformSupport;
import com.github.weisj.jsvg.view.ViewBox;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportException;

/**
 * SVG logos drawn as vectors: JSVG paints the SVG (shapes, text as glyph outlines, gradients, CSS) through
 * Graphics2D into a PdfBoxGraphics2D form, scaled to fit the logo box keeping the view box's aspect ratio (or the
 * width and height's). The markup is first read by {@link SvgMarkup}; JSVG then loads nothing beyond it: no
 * external document, image or font, not even embedded image data ({@link ResourcePolicy#DENY_ALL} and a loader
 * that loads nothing), within JSVG's nesting and path-count limits.
 */
final class SvgLogoPainter {
    /**
     * JSVG reports unsupported attributes and refused resources through java.util.logging, which would print them
     * with stack traces on the terminal of the command line; a logo that cannot be drawn is reported by us, in one
     * line. Held here so the logger, and its level, are not collected.
     */
    private static final Logger JSVG_LOG = Logger.getLogger("com.github.weisj.jsvg");

    static {
        JSVG_LOG.setLevel(Level.OFF);
    }

    private static final LoaderContext NOTHING_EXTERNAL = LoaderContext.builder()
            .externalResourcePolicy(ResourcePolicy.DENY_ALL)
            .resourceLoader((document, uri) -> null)
            .documentLimits(DocumentLimits.DEFAULT)
            .build();

    private SvgLogoPainter() {
    }

    /**
     * Draws the logo scaled into {@code maxW × maxH} points with its top-left corner at ({@code x}, {@code bottom}
     * + {@code maxH}); returns the bottom of the drawn logo.
     *
     * @throws ReportException naming the logo when it cannot be read or drawn
     */
    static float draw(PDDocument doc, PDPageContentStream cs, ReportLogo logo, float x, float bottom, float maxW,
                      float maxH) throws IOException {
        SVGDocument svg = load(logo);
        PdfBoxGraphics2D g;
        float w;
        float h;
        try {
            ViewBox box = svg.viewBox();
            if (!(box.width > 0 && box.height > 0 && Float.isFinite(box.width) && Float.isFinite(box.height))) {
                throw new ReportException("SVG logo " + logo.name()
                        + " has no size: give it a viewBox, or a width and height, above zero.");
            }
            float scale = Math.min(maxW / box.width, maxH / box.height);
            w = box.width * scale;
            h = box.height * scale;
            g = new PdfBoxGraphics2D(doc, w, h);
            try {
                svg.renderWithPlatform(NullPlatformSupport.INSTANCE, g, new ViewBox(0, 0, w, h));
            } finally {
                // A render that failed half-way leaves JSVG's copies of the graphics open; close them first.
                g.disposeDanglingChildGraphics();
                g.dispose();
            }
        } catch (ReportException e) {
            throw e;
        } catch (RuntimeException e) {
            // JSVG and PdfBoxGraphics2D meet hostile numbers here ("negative width", "Infinity is not a finite
            // number"); whatever they throw is one logo that cannot be drawn.
            String why = e instanceof IllegalArgumentException && e.getMessage() != null
                    ? "a value is out of range (" + e.getMessage().replaceAll("\\s+", " ").strip() + ")"
                    : "save it again from its editor, or use a PNG";
            throw new ReportException("SVG logo " + logo.name() + " cannot be drawn: " + why + ".", e);
        }
        float drawBottom = bottom + maxH - h;
        cs.saveGraphicsState();
        cs.transform(Matrix.getTranslateInstance(x, drawBottom));
        cs.drawForm(g.getXFormObject());
        cs.restoreGraphicsState();
        return drawBottom;
    }

    private static SVGDocument load(ReportLogo logo) {
        byte[] markup = SvgMarkup.rootElement(logo);
        SVGDocument svg;
        try {
            svg = new SVGLoader().load(new ByteArrayInputStream(markup), null, NOTHING_EXTERNAL);
        } catch (RuntimeException e) {
            svg = null;
        }
        if (svg == null) {
            throw new ReportException("SVG logo " + logo.name() + " cannot be read as SVG.");
        }
        return svg;
    }
}
