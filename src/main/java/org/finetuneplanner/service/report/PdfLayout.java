package org.finetuneplanner.service.report;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;

/**
 * A small flowing-layout engine over PDFBox: a cursor moving down the page, wrapped paragraphs, tables whose rows
 * move whole to the next page with the header repeated, and vector charts. Coordinates are PDF points from the
 * bottom left. One instance per document; not thread-safe.
 */
final class PdfLayout implements AutoCloseable {
    static final float MARGIN_X = 54;
    static final float MARGIN_TOP = 66;
    static final float MARGIN_BOTTOM = 58;
    static final Color INK = new Color(0x22, 0x2b, 0x36);
    static final Color MUTED = new Color(0x5b, 0x66, 0x73);
    static final Color ACCENT = new Color(0x1f, 0x4e, 0x8c);
    static final Color RULE = new Color(0xc4, 0xcc, 0xd6);
    static final Color HEADER_FILL = new Color(0xe3, 0xea, 0xf3);
    static final Color STRIPE_FILL = new Color(0xf5, 0xf7, 0xfa);
    static final Color HIGHLIGHT_FILL = new Color(0xfd, 0xf1, 0xcf);

    private final PDDocument doc;
    private final PDRectangle size;
    private final ReportFonts fonts;
    private final PdfBoxGraphics2DFontTextDrawer chartText = new PdfBoxGraphics2DFontTextDrawer();
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream cs;
    private float y;

    PdfLayout(PDDocument doc, PaperSize paper, ReportFonts fonts) {
        this.doc = doc;
        this.size = new PDRectangle(paper.widthPt(), paper.heightPt());
        this.fonts = fonts;
        // Chart text is drawn with the document's own embedded fonts, so it stays (extractable) text.
        chartText.registerFont(ReportFonts.awtRegular().getFontName(), fonts.regular());
        chartText.registerFont(ReportFonts.awtBold().getFontName(), fonts.bold());
    }

    float left() {
        return MARGIN_X;
    }

    float width() {
        return size.getWidth() - 2 * MARGIN_X;
    }

    float pageHeight() {
        return size.getHeight();
    }

    float y() {
        return y;
    }

    float remaining() {
        return y - MARGIN_BOTTOM;
    }

    List<PDPage> pages() {
        return List.copyOf(pages);
    }

    ReportFonts fonts() {
        return fonts;
    }

    PDPageContentStream content() {
        return cs;
    }

    /** Starts a new page with the cursor under the top margin. */
    void newPage() throws IOException {
        closeStream();
        PDPage page = new PDPage(size);
        doc.addPage(page);
        pages.add(page);
        cs = new PDPageContentStream(doc, page);
        y = size.getHeight() - MARGIN_TOP;
    }

    /** Moves to a new page unless {@code height} points are left above the bottom margin. */
    void ensure(float height) throws IOException {
        if (cs == null || remaining() < height) {
            newPage();
        }
    }

    void gap(float points) {
        y -= points;
    }

    /** Sets the cursor (for fixed layouts such as the cover). */
    void moveTo(float newY) {
        y = newY;
    }

    // ---------------------------------------------------------------- text

    float textWidth(String text, PDFont font, float fontSize) throws IOException {
        return fonts.width(fonts.printable(text, font), font) / 1000f * fontSize;
    }

    /** Draws one line at (x, baseline) without moving the cursor. */
    void textAt(String text, float x, float baseline, PDFont font, float fontSize, Color color) throws IOException {
        String printable = fonts.printable(text, font);
        if (printable.isEmpty()) {
            return;
        }
        cs.beginText();
        cs.setFont(font, fontSize);
        cs.setNonStrokingColor(color);
        cs.newLineAtOffset(x, baseline);
        cs.showText(printable);
        cs.endText();
    }

    /** Splits {@code text} into lines no wider than {@code maxWidth}; explicit line breaks are kept. */
    List<String> wrap(String text, PDFont font, float fontSize, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (textWidth(candidate, font, fontSize) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // A word longer than the line (a URL, a long id) is broken where it must be.
                String rest = word;
                while (textWidth(rest, font, fontSize) > maxWidth) {
                    int cut = fitting(rest, font, fontSize, maxWidth);
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private int fitting(String word, PDFont font, float fontSize, float maxWidth) throws IOException {
        int cut = 1;
        while (cut < word.length() && textWidth(word.substring(0, cut + 1), font, fontSize) <= maxWidth) {
            cut++;
        }
        if (Character.isHighSurrogate(word.charAt(cut - 1)) && cut < word.length()) {
            cut++;
        }
        return cut;
    }

    /** A wrapped paragraph at the cursor; moves to a new page between lines when needed. */
    void paragraph(String text, PDFont font, float fontSize, Color color) throws IOException {
        paragraph(text, font, fontSize, color, left(), width());
    }

    void paragraph(String text, PDFont font, float fontSize, Color color, float x, float maxWidth)
            throws IOException {
        float leading = fontSize * 1.35f;
        for (String line : wrap(text, font, fontSize, maxWidth)) {
            ensure(leading);
            y -= leading;
            textAt(line, x, y + fontSize * 0.28f, font, fontSize, color);
        }
    }

    /** Body text with a gap after it. */
    void body(String text) throws IOException {
        paragraph(text, fonts.regular(), 9.5f, INK);
        gap(5);
    }

    /** A bullet item: a dot and an indented, wrapped text. */
    void bullet(String text) throws IOException {
        float size = 9.5f;
        ensure(size * 1.35f);
        textAt("•", left() + 4, y - size * 1.35f + size * 0.28f, fonts.regular(), size, ACCENT);
        paragraph(text, fonts.regular(), size, INK, left() + 16, width() - 16);
        gap(2);
    }

    /** A section title: kept with at least {@code keepWith} points of what follows. */
    void heading(String text, float keepWith) throws IOException {
        ensure(40 + keepWith);
        gap(10);
        paragraph(text, fonts.bold(), 15, ACCENT);
        gap(3);
        rule(ACCENT, 1.2f);
        gap(10);
    }

    /** A sub-section title. */
    void subheading(String text, float keepWith) throws IOException {
        ensure(28 + keepWith);
        gap(6);
        paragraph(text, fonts.bold(), 11, INK);
        gap(4);
    }

    /** A horizontal line across the text width at the cursor. */
    void rule(Color color, float lineWidth) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(lineWidth);
        cs.moveTo(left(), y);
        cs.lineTo(left() + width(), y);
        cs.stroke();
    }

    void fillRect(float x, float bottom, float w, float h, Color color) throws IOException {
        cs.setNonStrokingColor(color);
        cs.addRect(x, bottom, w, h);
        cs.fill();
    }

    // ---------------------------------------------------------------- tables

    /** A table column: its heading, its share of the width, right-aligned (numbers) or not. */
    record Column(String header, float weight, boolean right) {
        static Column text(String header, float weight) {
            return new Column(header, weight, false);
        }

        static Column number(String header, float weight) {
            return new Column(header, weight, true);
        }
    }

    /**
     * A table at the cursor. Cells wrap; a row that does not fit moves whole to the next page, where the header is
     * drawn again. {@code highlighted} rows get a tinted background; with {@code keyColumn} the first column is bold.
     */
    void table(List<Column> columns, List<List<String>> rows, Set<Integer> highlighted, boolean keyColumn,
               float fontSize) throws IOException {
        float total = 0;
        for (Column c : columns) {
            total += c.weight();
        }
        float[] widths = new float[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width() * columns.get(i).weight() / total;
        }
        boolean header = columns.stream().anyMatch(c -> !c.header().isEmpty());
        PDFont first = keyColumn ? fonts.bold() : fonts.regular();
        Cells headerCells = header ? cells(columns.stream().map(Column::header).toList(), widths, fonts.bold(),
                fonts.bold(), fontSize) : null;
        boolean started = false;
        for (int r = 0; r < rows.size(); r++) {
            Cells row = cells(rows.get(r), widths, first, fonts.regular(), fontSize);
            if (!started || remaining() < row.height()) {
                ensure((header ? headerCells.height() : 0) + Math.min(row.height(), pageHeight() / 2));
                if (header) {
                    drawRow(headerCells, columns, widths, fonts.bold(), fonts.bold(), fontSize, HEADER_FILL);
                }
                started = true;
            }
            Color fill = highlighted.contains(r) ? HIGHLIGHT_FILL : (r % 2 == 1 ? STRIPE_FILL : null);
            drawRow(row, columns, widths, first, fonts.regular(), fontSize, fill);
        }
        gap(8);
    }

    private static final float PAD_X = 4;
    private static final float PAD_Y = 3.5f;

    /** A row's cells wrapped to their columns (once: measuring and drawing use the same lines). */
    private record Cells(List<List<String>> lines, float height) {
    }

    private Cells cells(List<String> cells, float[] widths, PDFont firstFont, PDFont font, float fontSize)
            throws IOException {
        List<List<String>> lines = new ArrayList<>(cells.size());
        int most = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> wrapped = wrap(cells.get(i), i == 0 ? firstFont : font, fontSize, widths[i] - 2 * PAD_X);
            lines.add(wrapped);
            most = Math.max(most, wrapped.size());
        }
        return new Cells(lines, most * fontSize * 1.3f + 2 * PAD_Y);
    }

    private void drawRow(Cells cells, List<Column> columns, float[] widths, PDFont firstFont, PDFont font,
                         float fontSize, Color fill) throws IOException {
        float top = y;
        float height = cells.height();
        if (fill != null) {
            fillRect(left(), top - height, width(), height, fill);
        }
        float x = left();
        for (int i = 0; i < cells.lines().size(); i++) {
            PDFont f = i == 0 ? firstFont : font;
            float baseline = top - PAD_Y - fontSize;
            for (String line : cells.lines().get(i)) {
                float lineX = columns.get(i).right() ? x + widths[i] - PAD_X - textWidth(line, f, fontSize)
                        : x + PAD_X;
                textAt(line, lineX, baseline + fontSize * 0.08f, f, fontSize, INK);
                baseline -= fontSize * 1.3f;
            }
            x += widths[i];
        }
        y = top - height;
        cs.setStrokingColor(RULE);
        cs.setLineWidth(0.5f);
        cs.moveTo(left(), y);
        cs.lineTo(left() + width(), y);
        cs.stroke();
    }

    // ---------------------------------------------------------------- charts and images

    /** Draws a chart as vectors (text stays text) at the cursor, {@code height} points tall, full width. */
    void chart(JFreeChart chart, float height) throws IOException {
        ensure(height + 6);
        float w = width();
        PdfBoxGraphics2D g2 = new PdfBoxGraphics2D(doc, w, height);
        try {
            g2.setFontTextDrawer(chartText);
            chart.draw(g2, new Rectangle2D.Double(0, 0, w, height));
        } finally {
            g2.dispose();
        }
        PDFormXObject form = g2.getXFormObject();
        y -= height;
        cs.saveGraphicsState();
        cs.transform(Matrix.getTranslateInstance(left(), y));
        cs.drawForm(form);
        cs.restoreGraphicsState();
        gap(8);
    }

    // ---------------------------------------------------------------- finishing

    private void closeStream() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    /** Ends the last page's drawing. */
    void finish() throws IOException {
        closeStream();
    }

    /** Opens a page's content for drawing over it (headers and footers after the page count is known). */
    PDPageContentStream append(PDPage page) throws IOException {
        closeStream();
        cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true);
        return cs;
    }

    @Override
    public void close() throws IOException {
        try {
            closeStream();
        } finally {
            chartText.close();
        }
    }
}
