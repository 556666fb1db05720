package org.finetuneplanner.service.report.pdf;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.service.report.content.Paragraph;
import org.finetuneplanner.service.report.content.Table;
import org.finetuneplanner.service.report.content.Table.Align;
import org.finetuneplanner.service.report.content.Table.Cell;

/**
 * A table as units: the header, one unit per row, the footnote's lines. Column widths follow the columns' weights,
 * widened where a figure would not fit on one line ("76,82 US$" is never broken) or a word would have to break, and
 * narrowed where there is room.
 * The header is kept with the first two rows and drawn again at the top of a continued page; the last two rows
 * stay together, and with the footnote, so no row and no footnote is ever alone on a page. A row taller than a
 * page has its cells shortened with an ellipsis.
 */
final class TableLayout {
    /** A table no taller than this share of a page is kept whole. */
    static final float SHORT = 0.4f;

    private final BlockLayout blocks;
    private final PdfFonts fonts;
    private final float left;
    private final float width;
    private final float pageBody;

    TableLayout(BlockLayout blocks, PdfFonts fonts, float left, float width, float pageBody) {
        this.blocks = blocks;
        this.fonts = fonts;
        this.left = left;
        this.width = width;
        this.pageBody = pageBody;
    }

    /** A row's cells cut into lines (once: measuring and drawing use the same lines). */
    private record Cells(List<List<Measured.Line>> lines, float height) {
    }

    /** The table's units, all in {@code group}. */
    List<Unit> units(Table t, int group) {
        float size = Style.size(t.density());
        float lineHeight = size * Style.CELL_LEADING;
        int columns = t.columns().size();
        List<Measured[]> measured = new ArrayList<>(t.rows().size());
        Measured[] headers = new Measured[columns];
        for (int c = 0; c < columns; c++) {
            headers[c] = Measured.of(t.columns().get(c).header(), fonts, true, size);
        }
        for (Table.Row row : t.rows()) {
            Measured[] cells = new Measured[columns];
            for (int c = 0; c < columns; c++) {
                Cell cell = row.cells().get(c);
                cells[c] = Measured.of(cell.text(), fonts, bold(t, c) || cell.tone() == Cell.Tone.WARNING, size);
            }
            measured.add(cells);
        }
        float[] widths = widths(t, headers, measured);
        boolean hasHeader = t.hasHeader();
        Cells head = hasHeader ? cells(headers, null, widths, lineHeight, Integer.MAX_VALUE) : null;
        int maxLines = Math.max(1, (int) ((pageBody - (head == null ? 0 : head.height()) - 2 * Style.CELL_PAD_Y)
                / lineHeight) - 2);
        Unit header = head == null ? null : new Unit(head.height(), true, Unit.Role.HEADER, group, null, -1,
                (c, top) -> draw(c, head, null, t, widths, size, top, Style.HEADER_FILL, true));
        List<Unit> out = new ArrayList<>();
        if (header != null) {
            out.add(header);
        }
        int n = t.rows().size();
        boolean footnote = t.footnote().isPresent();
        List<Cells> rows = new ArrayList<>(n);
        float total = head == null ? 0 : head.height();
        for (int r = 0; r < n; r++) {
            Cells cells = cells(measured.get(r), t.rows().get(r).cells(), widths, lineHeight, maxLines);
            rows.add(cells);
            total += cells.height();
        }
        // A short table is never split: it moves whole to the next page instead.
        boolean whole = total <= SHORT * pageBody;
        for (int r = 0; r < n; r++) {
            Table.Row row = t.rows().get(r);
            Cells cells = rows.get(r);
            Color fill = row.highlighted() ? Style.HIGHLIGHT_FILL : r % 2 == 1 ? Style.STRIPE_FILL : null;
            boolean keep = r < n - 1 && (whole || r == 0 || r == n - 2) || r == n - 1 && footnote;
            out.add(new Unit(cells.height(), keep, Unit.Role.ROW, group, header, -1,
                    (c, top) -> draw(c, cells, row.cells(), t, widths, size, top, fill, false)));
        }
        if (footnote) {
            out.add(Unit.gap(3, true));
            List<Unit> note = new ArrayList<>();
            blocks.paragraph(t.footnote().get(), Paragraph.Style.SMALL, false, note);
            // The footnote is short: all its lines together, so none is left alone on a page.
            for (int i = 0; i < note.size(); i++) {
                Unit u = note.get(i);
                Unit line = u.gap() ? u : u.as(Unit.Role.FOOTNOTE, group);
                out.add(i < note.size() - 2 ? line.keep(true) : line);
            }
        } else {
            out.add(Unit.gap(8, false));
        }
        return out;
    }

    private static boolean bold(Table t, int column) {
        return t.keyColumn() && column == 0;
    }

    /**
     * The columns' widths: shares of the width by weight; then each column at least as wide as its widest figure
     * and its header's longest word, the room taken from columns that have more than they need. When the figures
     * do not fit side by side on one line each, they may break between whole numbers ("782.839–" | "1.382.179 ₫"),
     * and the columns are at least as wide as the widest such piece.
     */
    private float[] widths(Table t, Measured[] headers, List<Measured[]> rows) {
        float[] w = widths(t, headers, rows, false);
        return w != null ? w : widths(t, headers, rows, true);
    }

    /** The widths with figures whole ({@code pieces} false) or in pieces; null when the figures do not fit whole. */
    private float[] widths(Table t, Measured[] headers, List<Measured[]> rows, boolean pieces) {
        int n = t.columns().size();
        float total = 0;
        for (Table.Column c : t.columns()) {
            total += c.weight();
        }
        float[] w = new float[n];
        float[] min = new float[n];
        for (int c = 0; c < n; c++) {
            w[c] = width * t.columns().get(c).weight() / total;
            min[c] = headers[c].widestUnbreakable(true);
        }
        // A word is broken only where it must: a column is at least as wide as its longest word, up to a sixth of
        // the width (a long address or identifier still breaks rather than starving the other columns).
        float longestWord = width / 6;
        for (int r = 0; r < rows.size(); r++) {
            List<Cell> cells = t.rows().get(r).cells();
            for (int c = 0; c < n; c++) {
                if (cells.get(c).kind() == Cell.Kind.FIGURE) {
                    Measured figure = rows.get(r)[c];
                    min[c] = Math.max(min[c], pieces ? figure.widestFigurePiece() : figure.widestUnbreakable(false));
                } else {
                    min[c] = Math.max(min[c], Math.min(longestWord, rows.get(r)[c].widestUnbreakable(true)));
                }
            }
        }
        float need = 0;
        float slack = 0;
        float minTotal = 0;
        for (int c = 0; c < n; c++) {
            min[c] += 2 * Style.CELL_PAD_X + 0.5f;
            minTotal += min[c];
            need += Math.max(0, min[c] - w[c]);
            slack += Math.max(0, w[c] - min[c]);
        }
        if (need == 0) {
            return w;
        }
        if (minTotal >= width && !pieces) {
            return null;
        }
        if (minTotal >= width) {
            // Not even the figures' pieces fit side by side: shares of the width by what they need.
            for (int c = 0; c < n; c++) {
                w[c] = width * min[c] / minTotal;
            }
            return w;
        }
        for (int c = 0; c < n; c++) {
            w[c] = w[c] < min[c] ? min[c] : w[c] - (w[c] - min[c]) * need / slack;
        }
        return w;
    }

    private Cells cells(Measured[] cells, List<Cell> kinds, float[] widths, float lineHeight, int maxLines) {
        List<List<Measured.Line>> lines = new ArrayList<>(cells.length);
        int most = 1;
        for (int c = 0; c < cells.length; c++) {
            boolean breakable = kinds == null || kinds.get(c).kind() == Cell.Kind.TEXT;
            List<Measured.Line> l = cells[c].lines(widths[c] - 2 * Style.CELL_PAD_X, maxLines, breakable);
            lines.add(l);
            most = Math.max(most, l.size());
        }
        return new Cells(lines, most * lineHeight + 2 * Style.CELL_PAD_Y);
    }

    private void draw(PdfCanvas canvas, Cells cells, List<Cell> kinds, Table t, float[] widths, float size, float top,
                      Color fill, boolean header) throws java.io.IOException {
        float height = cells.height();
        if (fill != null) {
            canvas.fill(left, top - height, width, height, fill);
        }
        float x = left;
        for (int c = 0; c < cells.lines().size(); c++) {
            boolean warning = kinds != null && kinds.get(c).tone() == Cell.Tone.WARNING;
            boolean bold = header || bold(t, c) || warning;
            Color ink = warning ? Style.WARNING : Style.INK;
            boolean right = t.columns().get(c).align() == Align.RIGHT;
            float baseline = top - Style.CELL_PAD_Y - size;
            for (Measured.Line line : cells.lines().get(c)) {
                float lineX = right ? x + widths[c] - Style.CELL_PAD_X - line.width() : x + Style.CELL_PAD_X;
                canvas.line(line, lineX, baseline + size * 0.08f, bold, size, ink);
                baseline -= size * Style.CELL_LEADING;
            }
            x += widths[c];
        }
        canvas.rule(left, left + width, top - height, Style.RULE, 0.5f);
    }
}
