package org.finetuneplanner.service.report.pdf;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.service.report.content.Block;
import org.finetuneplanner.service.report.content.BulletList;
import org.finetuneplanner.service.report.content.Chart;
import org.finetuneplanner.service.report.content.Heading;
import org.finetuneplanner.service.report.content.Paragraph;
import org.finetuneplanner.service.report.content.Table;
import org.finetuneplanner.service.report.content.Text;

/**
 * Turns blocks into {@link Unit}s for the {@link Flow}: each text measured and cut into lines once, the lines kept
 * together as the rules say. A heading stays with what follows; a paragraph never leaves its first or last line
 * alone on a page (two lines at least each side), an introduction stays whole with what it introduces; a list item
 * stays whole; tables are {@link TableLayout}'s; a part
 * (one scenario of a comparison) starts a new page.
 */
final class BlockLayout {
    /** A list item of more lines than this may break across pages. */
    private static final int LONG_ITEM = 12;

    private final PdfFonts fonts;
    private final float left;
    private final float width;
    private final float pageBody;
    private final ChartDrawer charts;
    private int sections;
    private int groups;

    /**
     * @param fonts    the document's fonts
     * @param left     the text's left edge
     * @param width    the text's width
     * @param pageBody the height between the top and bottom margins
     * @param charts   draws charts
     */
    BlockLayout(PdfFonts fonts, float left, float width, float pageBody, ChartDrawer charts) {
        this.fonts = fonts;
        this.left = left;
        this.width = width;
        this.pageBody = pageBody;
        this.charts = charts;
    }

    List<Unit> units(List<Block> blocks) {
        List<Unit> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                heading(h, out);
            } else if (b instanceof Paragraph p) {
                paragraph(p.text(), p.style(), p.keepWithNext(), out);
            } else if (b instanceof BulletList l) {
                list(l, out);
            } else if (b instanceof Table t) {
                out.addAll(new TableLayout(this, fonts, left, width, pageBody).units(t, groups++));
            } else if (b instanceof Chart c) {
                float h = charts.height(c);
                out.add(Unit.of(h, false, Unit.Role.CHART, groups++, (canvas, top) -> charts.draw(c, canvas, left,
                        top - h, width, h)));
                out.add(Unit.gap(8, false));
            }
        }
        return out;
    }

    private void heading(Heading h, List<Unit> out) {
        boolean part = h.level() == 0;
        boolean section = h.level() <= 1;
        if (part) {
            out.add(Unit.pageBreak());
        }
        float size = part ? 20 : section ? 15 : 11;
        float before = part ? 4 : section ? 10 : 6;
        float after = part ? 18 : section ? 13 : 4;
        List<Measured.Line> lines = Measured.of(h.text(), fonts, true, size).lines(width, 3, true);
        float leading = size * Style.LEADING;
        float height = before + lines.size() * leading + after + (section ? 3 : 0);
        Color color = section ? Style.ACCENT : Style.INK;
        int index = section ? sections++ : -1;
        out.add(new Unit(height, true, Unit.Role.HEADING, groups++, null, index, (c, top) -> {
            float y = top - before;
            for (Measured.Line line : lines) {
                y -= leading;
                c.line(line, left, y + size * 0.28f, true, size, color);
            }
            if (section) {
                c.rule(left, left + width, y - 3, Style.ACCENT, part ? 3f : 1.2f);
            }
        }));
    }

    /** A paragraph's lines at {@code x}, {@code w} wide; two lines at least stay together at each end. */
    void paragraph(Text text, Paragraph.Style style, boolean keepWithNext, List<Unit> out) {
        float size = Style.size(style);
        boolean bold = style == Paragraph.Style.LEAD;
        Color color = style == Paragraph.Style.SMALL ? Style.MUTED : Style.INK;
        // An introduction is short and belongs to what it introduces: it moves whole with it, never split from it.
        lines(text, size, bold, color, left, width, keepWithNext, keepWithNext, groups++, out);
        out.add(Unit.gap(Style.after(style), keepWithNext));
    }

    /**
     * The lines of {@code text} as units. With {@code whole} every line keeps with the next (a list item); else the
     * first two and the last two lines stay together; with {@code keepLast} the last line keeps with what follows.
     */
    private void lines(Text text, float size, boolean bold, Color color, float x, float w, boolean keepLast,
                       boolean whole, int group, List<Unit> out) {
        float leading = size * Style.LEADING;
        List<Measured.Line> lines = Measured.of(text, fonts, bold, size).lines(w, Integer.MAX_VALUE, true);
        int n = lines.size();
        for (int i = 0; i < n; i++) {
            Measured.Line line = lines.get(i);
            boolean keep = i < n - 1 ? whole || i == 0 || i == n - 2 : keepLast;
            out.add(Unit.of(leading, keep, Unit.Role.LINE, group, (c, top) -> c.line(line, x,
                    top - leading + size * 0.28f, bold, size, color)));
        }
    }

    private void list(BulletList l, List<Unit> out) {
        float size = Style.size(Paragraph.Style.BODY);
        float leading = size * Style.LEADING;
        // Ten items or more: the items move right by what the widest number needs ("10." is wider than "9.").
        float indent = l.numbered() ? Math.max(16, Measured.of(Text.words(l.items().size() + "."), fonts, true, size)
                .width() + 5) : 16;
        for (int i = 0; i < l.items().size(); i++) {
            String mark = l.numbered() ? (i + 1) + "." : "•";
            Measured.Line marker = Measured.of(Text.words(mark), fonts, l.numbered(), size).fit(indent - 2);
            List<Unit> item = new ArrayList<>();
            int group = groups++;
            lines(l.items().get(i), size, false, Style.INK, left + indent, width - indent, false, true, group, item);
            if (item.size() > LONG_ITEM) {
                // A long item may break, its first and last two lines kept together like a paragraph's.
                item.clear();
                lines(l.items().get(i), size, false, Style.INK, left + indent, width - indent, false, false, group,
                        item);
            }
            if (item.isEmpty()) {
                continue;
            }
            Unit first = item.get(0);
            item.set(0, new Unit(first.height(), first.keepWithNext(), Unit.Role.LINE, group, null, -1, (c, top) -> {
                c.line(marker, left + 2, top - leading + size * 0.28f, l.numbered(), size, Style.ACCENT);
                first.draw().at(c, top);
            }));
            out.addAll(item);
            out.add(Unit.gap(2, false));
        }
        out.add(Unit.gap(4, false));
    }
}
