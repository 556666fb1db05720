package org.finetuneplanner.service.report.pdf;

import java.awt.Color;
import java.io.IOException;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.finetuneplanner.service.report.content.Span;

/**
 * Draws on the current page: lines of text, rectangles, rules. Each piece of a line is drawn with the font that has
 * its characters; a name or a citation is wrapped in a marked-content span with its language ({@code /Lang ()} —
 * unknown — for a name, {@code /Lang (en)} for a citation), so a reader, a screen reader or a test can tell them
 * from the report's own words. Not thread-safe: one per document.
 */
final class PdfCanvas {
    static final COSName SPAN = COSName.getPDFName("Span");

    private final PdfFonts fonts;
    private final PDPropertyList nameSpan = language("");
    private final PDPropertyList citationSpan = language("en");
    private PDPageContentStream cs;

    PdfCanvas(PdfFonts fonts) {
        this.fonts = fonts;
    }

    /** The marked-content properties of a span in {@code lang} ("" for unknown). */
    static PDPropertyList language(String lang) {
        COSDictionary d = new COSDictionary();
        d.setItem(COSName.LANG, new COSString(lang));
        return PDPropertyList.create(d);
    }

    /** The properties that mark a piece of this kind, or null for the report's own words. */
    PDPropertyList marking(Span.Kind kind) {
        return switch (kind) {
            case WORDS -> null;
            case NAME -> nameSpan;
            case CITATION -> citationSpan;
        };
    }

    void use(PDPageContentStream stream) {
        this.cs = stream;
    }

    PDPageContentStream stream() {
        return cs;
    }

    /** Draws a line with its left end at {@code x} and its baseline at {@code baseline}. */
    void line(Measured.Line line, float x, float baseline, boolean bold, float size, Color color)
            throws IOException {
        float at = x;
        for (Measured.Frag frag : line.frags()) {
            PDPropertyList mark = marking(frag.kind());
            if (mark != null) {
                cs.beginMarkedContent(SPAN, mark);
            }
            at = runs(frag.text(), at, baseline, bold, size, color);
            if (mark != null) {
                cs.endMarkedContent();
            }
        }
    }

    /** Draws {@code text} in runs of one font each; returns where it ends. */
    private float runs(String text, float x, float baseline, boolean bold, float size, Color color)
            throws IOException {
        float at = x;
        int from = 0;
        PdfFonts.Face face = null;
        float runWidth = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            PdfFonts.Face f = fonts.face(cp, bold);
            if (f == null) {
                f = fonts.shippedFace(bold);
            }
            if (face != null && f != face) {
                show(text.substring(from, i), face, bold, at, baseline, size, color);
                at += runWidth;
                runWidth = 0;
                from = i;
            }
            face = f;
            runWidth += fonts.advance(cp, bold) * size / 1000f;
            i += Character.charCount(cp);
        }
        if (face != null && from < text.length()) {
            show(text.substring(from), face, bold, at, baseline, size, color);
            at += runWidth;
        }
        return at;
    }

    /**
     * One run in one font. Bold text in a font without a bold face (an installed font for Chinese, say) is drawn
     * filled and outlined, a little heavier, so it still reads as bold.
     */
    private void show(String run, PdfFonts.Face face, boolean bold, float x, float baseline, float size,
                      Color color) throws IOException {
        boolean heavier = bold && face != fonts.shippedFace(true);
        cs.beginText();
        cs.setFont(face.font(), size);
        cs.setNonStrokingColor(color);
        if (heavier) {
            cs.setStrokingColor(color);
            cs.setLineWidth(size * 0.035f);
            cs.setRenderingMode(RenderingMode.FILL_STROKE);
        }
        cs.newLineAtOffset(x, baseline);
        cs.showText(run);
        if (heavier) {
            cs.setRenderingMode(RenderingMode.FILL);
        }
        cs.endText();
    }

    void fill(float x, float bottom, float w, float h, Color color) throws IOException {
        cs.setNonStrokingColor(color);
        cs.addRect(x, bottom, w, h);
        cs.fill();
    }

    void rule(float x1, float x2, float y, Color color, float lineWidth) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(lineWidth);
        cs.moveTo(x1, y);
        cs.lineTo(x2, y);
        cs.stroke();
    }
}
