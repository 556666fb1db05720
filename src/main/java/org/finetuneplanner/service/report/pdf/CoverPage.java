package org.finetuneplanner.service.report.pdf;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.finetuneplanner.service.report.content.ReportDocument;
import org.finetuneplanner.service.report.content.Text;

/**
 * The cover: a band of colour, the logo, the title and the scenario's name, who it is for and by, the date, the
 * table of contents when it fits, and the small print at the bottom. Names of any length are cut into at most a
 * few lines, the last shortened with an ellipsis (the file's metadata keeps them).
 */
final class CoverPage {
    private static final float LOGO_W = 200;
    private static final float LOGO_H = 70;
    private static final int TITLE_LINES = 2;
    private static final int NAME_LINES = 3;
    private static final int VALUE_LINES = 2;

    private final ReportDocument.Cover cover;
    private final PdfFonts fonts;
    private final float pageH;
    private final float left;
    private final float width;
    private final List<Measured.Line> title;
    private final List<Measured.Line> subtitle;
    private final List<List<Measured.Line>> values = new ArrayList<>();
    private final List<Measured.Line> labels = new ArrayList<>();
    private final List<Measured.Line> disclaimer;
    private final List<Measured.Line> note;

    CoverPage(ReportDocument.Cover cover, Optional<Text> missingNote, PdfFonts fonts, float pageW, float pageH) {
        this.cover = cover;
        this.fonts = fonts;
        this.pageH = pageH;
        this.left = Style.MARGIN_X;
        this.width = pageW - 2 * Style.MARGIN_X;
        this.title = Measured.of(cover.title(), fonts, true, 30).lines(width, TITLE_LINES, true);
        this.subtitle = Measured.of(cover.subtitle(), fonts, false, 17).lines(width, NAME_LINES, true);
        for (ReportDocument.Entry e : cover.entries()) {
            labels.add(Measured.of(e.label(), fonts, false, 10).fit(width));
            values.add(Measured.of(e.value(), fonts, true, 13).lines(width, VALUE_LINES, true));
        }
        this.disclaimer = Measured.of(cover.disclaimer(), fonts, false, 8.5f).lines(width, 6, true);
        this.note = missingNote.map(t -> Measured.of(t, fonts, false, 8.5f).lines(width, 4, true)).orElse(List.of());
    }

    /** Where the title block starts: under the logo's box when there is a logo. */
    private float top() {
        float top = pageH - 70;
        return cover.logo().isPresent() ? top - LOGO_H - 40 : top - 40;
    }

    /** The height of the contents for {@code entries} sections. */
    static float contentsHeight(int entries) {
        return 14 + 11 * Style.LEADING + 6 + entries * Contents.LINE;
    }

    /** Whether the contents of {@code entries} sections fit between the names and the small print. */
    boolean contentsFit(int entries) {
        return namesBottom(top()) - contentsHeight(entries) >= smallPrintTop() + 10;
    }

    private float namesBottom(float top) {
        float y = top - 60 - title.size() * 30 * Style.LEADING - 10 - subtitle.size() * 17 * Style.LEADING - 18 - 22;
        for (List<Measured.Line> v : values) {
            y -= 10 * Style.LEADING + v.size() * 13 * Style.LEADING + 12;
        }
        return y;
    }

    /** The top of the small print (the missing-characters note above the disclaimer). */
    private float smallPrintTop() {
        float disclaimerTop = Style.MARGIN_BOTTOM + 60;
        return note.isEmpty() ? disclaimerTop : disclaimerTop + 6 + note.size() * 8.5f * Style.LEADING;
    }

    /**
     * Draws the cover on the canvas's page; with {@code contents} the table of contents under the names.
     *
     * @return where the contents were drawn (their top), or NaN without contents
     */
    float draw(PDDocument doc, PdfCanvas c, Contents contents) throws IOException {
        float pageW = width + 2 * left;
        c.fill(0, pageH - 14, pageW, 14, Style.ACCENT);
        float top = pageH - 70;
        if (cover.logo().isPresent()) {
            float logoBottom = PdfLogos.draw(doc, c.stream(), cover.logo().get(), left, top - LOGO_H, LOGO_W, LOGO_H);
            top = Math.min(top - LOGO_H, logoBottom) - 40;
        } else {
            top -= 40;
        }
        c.line(Measured.of(cover.product(), fonts, true, 11).fit(width), left, top - 20, true, 11, Style.MUTED);
        float y = top - 60;
        y = lines(c, title, y, true, 30, Style.ACCENT);
        y -= 10;
        y = lines(c, subtitle, y, false, 17, Style.INK);
        y -= 18;
        c.rule(left, left + width, y, Style.ACCENT, 1.5f);
        y -= 22;
        for (int i = 0; i < labels.size(); i++) {
            y = lines(c, List.of(labels.get(i)), y, false, 10, Style.MUTED);
            y = lines(c, values.get(i), y, true, 13, Style.INK);
            y -= 12;
        }
        float contentsTop = Float.NaN;
        if (contents != null) {
            y -= 14;
            y = lines(c, List.of(Measured.of(cover.contentsTitle(), fonts, true, 11).fit(width)), y, true, 11,
                    Style.INK);
            y -= 6;
            contentsTop = y;
            contents.draw(c, y);
        }
        float small = smallPrintTop();
        if (!note.isEmpty()) {
            lines(c, note, small, false, 8.5f, Style.MUTED);
        }
        lines(c, disclaimer, Style.MARGIN_BOTTOM + 60, false, 8.5f, Style.MUTED);
        return contentsTop;
    }

    private float lines(PdfCanvas c, List<Measured.Line> lines, float y, boolean bold, float size, Color color)
            throws IOException {
        float at = y;
        for (Measured.Line line : lines) {
            at -= size * Style.LEADING;
            c.line(line, left, at + size * 0.28f, bold, size, color);
        }
        return at;
    }
}
