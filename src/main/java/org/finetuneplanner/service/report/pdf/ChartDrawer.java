package org.finetuneplanner.service.report.pdf;

import java.awt.FontFormatException;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.AttributedCharacterIterator;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.util.Matrix;
import org.finetuneplanner.service.report.content.Chart;
import org.finetuneplanner.service.report.content.Span;
import org.finetuneplanner.service.report.content.Text;
import org.jfree.chart.JFreeChart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;

/**
 * Draws the content's charts with JFreeChart ({@link ReportCharts}) as vectors through PdfBoxGraphics2D: the chart's
 * text is drawn with the document's embedded fonts, so it stays text (searchable, extractable), and a label that is
 * a name (a GPU) is marked as a name span like names in the text.
 */
final class ChartDrawer {
    private final PDDocument doc;
    private final PdfFonts fonts;
    private final Locale locale;

    ChartDrawer(PDDocument doc, PdfFonts fonts, Locale locale) {
        this.doc = doc;
        this.fonts = fonts;
        this.locale = locale;
    }

    /** The chart's height on the page: bars grow with their number, lines are a fixed frame. */
    float height(Chart c) {
        return c instanceof Chart.Bars b ? 70 + 34 * b.bars().size() : 300;
    }

    void draw(Chart c, PdfCanvas canvas, float x, float bottom, float w, float h) throws IOException {
        List<String> names = new ArrayList<>();
        JFreeChart chart;
        if (c instanceof Chart.Bars b) {
            List<ReportCharts.MemoryBar> bars = new ArrayList<>();
            for (Chart.Bar bar : b.bars()) {
                bars.add(new ReportCharts.MemoryBar(label(bar.label(), names), bar.partBytes(), bar.capacityBytes(),
                        bar.rangeBytes()));
            }
            chart = ReportCharts.memory(bars, b.partNames().stream().map(t -> label(t, names)).toList(),
                    label(b.freeName(), names), label(b.axis(), names), locale);
        } else {
            Chart.Lines l = (Chart.Lines) c;
            List<ReportCharts.CostLine> lines = new ArrayList<>();
            for (Chart.Line line : l.lines()) {
                lines.add(new ReportCharts.CostLine(label(line.label(), names), line.points(),
                        label(line.end(), names), line.colour()));
            }
            chart = ReportCharts.cost(lines, label(l.xAxis(), names), label(l.yAxis(), names), locale);
        }
        try (Marking text = new Marking(names, canvas.marking(Span.Kind.NAME))) {
            text.registerFont(ReportCharts.awtRegular().getFontName(), fonts.regular());
            text.registerFont(ReportCharts.awtBold().getFontName(), fonts.bold());
            PdfBoxGraphics2D g2 = new PdfBoxGraphics2D(doc, w, h);
            try {
                g2.setFontTextDrawer(text);
                chart.draw(g2, new Rectangle2D.Double(0, 0, w, h));
            } finally {
                g2.dispose();
            }
            PDPageContentStream cs = canvas.stream();
            cs.saveGraphicsState();
            cs.transform(Matrix.getTranslateInstance(x, bottom));
            cs.drawForm(g2.getXFormObject());
            cs.restoreGraphicsState();
        }
    }

    /**
     * A label as the chart draws it: characters no font of the report has become {@link PdfFonts#MISSING} (the
     * chart's own font would otherwise draw them as outlines, not text); a label with a name is remembered.
     */
    private String label(Text t, List<String> names) {
        StringBuilder out = new StringBuilder();
        t.plain().codePoints().forEach(cp -> out.appendCodePoint(fonts.shippedFace(false).has(cp) || cp == ' '
                ? cp : PdfFonts.MISSING));
        String s = out.toString();
        if (!t.of(Span.Kind.NAME).isEmpty()) {
            names.add(s);
        }
        return s;
    }

    /**
     * The font drawer of one chart: marks as a name span each piece of text that is part of a name label (a long
     * label is drawn in lines, each a piece of it).
     */
    private static final class Marking extends PdfBoxGraphics2DFontTextDrawer {
        private final List<String> names;
        private final PDPropertyList mark;

        Marking(List<String> names, PDPropertyList mark) {
            this.names = names;
            this.mark = mark;
        }

        @Override
        public void drawText(AttributedCharacterIterator text, IFontTextDrawerEnv env)
                throws IOException, FontFormatException {
            StringBuilder s = new StringBuilder();
            for (char ch = text.first(); ch != CharacterIterator.DONE; ch = text.next()) {
                s.append(ch);
            }
            text.first();
            // A label too long for its place ends in "..." where JFreeChart cut it.
            String piece = s.toString().strip().replaceAll("(\\.\\.\\.|…)$", "");
            boolean name = !piece.isEmpty() && names.stream().anyMatch(n -> n.contains(piece));
            if (name) {
                env.getContentStream().beginMarkedContent(PdfCanvas.SPAN, mark);
            }
            super.drawText(text, env);
            if (name) {
                env.getContentStream().endMarkedContent();
            }
        }
    }
}
