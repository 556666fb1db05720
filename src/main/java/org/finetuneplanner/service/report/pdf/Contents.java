package org.finetuneplanner.service.report.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitWidthDestination;
import org.finetuneplanner.service.report.content.Heading;

/**
 * The table of contents: each section's title, a dotted leader and its page number, each line a link to its page.
 * A part (a comparison's scenario) is set in bold with its sections indented under it.
 * The page numbers are known only after the body is cut into pages; they are set before anything is drawn.
 */
final class Contents {
    /** Height of one entry. */
    static final float LINE = 16;
    private static final float SIZE = 10;
    private static final float INDENT = 14;

    private final List<Heading> sections;
    private final List<Measured.Line> titles = new ArrayList<>();
    private final PdfFonts fonts;
    private final float left;
    private final float width;
    private int[] pages = new int[0];
    private List<PDPage> targets = List.of();
    private PDPage on;

    Contents(List<Heading> sections, PdfFonts fonts, float left, float width) {
        this.sections = sections;
        this.fonts = fonts;
        this.left = left;
        this.width = width;
        for (int i = 0; i < sections.size(); i++) {
            titles.add(Measured.of(sections.get(i).text(), fonts, part(i), SIZE).fit(width - 50 - indent(i)));
        }
    }

    /** Whether entry {@code i} is a part (drawn bold, its sections indented under it). */
    private boolean part(int i) {
        return sections.get(i).level() == 0;
    }

    /** How far entry {@code i} is indented: a section that belongs to a part sits under it. */
    private float indent(int i) {
        for (int k = i; k >= 0; k--) {
            if (part(k)) {
                return k == i ? 0 : INDENT;
            }
        }
        return 0;
    }

    int size() {
        return sections.size();
    }

    /**
     * The page of each section, numbered from 1, and the document's pages (link targets).
     *
     * @param numbers    the page number of each section, in order
     * @param documentPages every page of the document
     * @param page       the page the contents are drawn on
     */
    void pages(int[] numbers, List<PDPage> documentPages, PDPage page) {
        this.pages = numbers.clone();
        this.targets = documentPages;
        this.on = page;
    }

    /** Draws the entries from {@code top} down. */
    void draw(PdfCanvas c, float top) throws IOException {
        float y = top;
        for (int i = 0; i < titles.size(); i++) {
            float baseline = y - LINE + 4;
            Measured.Line title = titles.get(i);
            float x = left + indent(i);
            c.line(title, x, baseline, part(i), SIZE, Style.INK);
            String number = i < pages.length ? String.valueOf(pages[i]) : "";
            Measured.Line n = Measured.of(org.finetuneplanner.service.report.content.Text.words(number), fonts,
                    part(i), SIZE).fit(40);
            float numberX = left + width - n.width();
            c.line(n, numberX, baseline, part(i), SIZE, Style.INK);
            float from = x + title.width() + 6;
            float to = numberX - 6;
            if (to > from) {
                c.stream().setLineDashPattern(new float[] {0.6f, 2.4f}, 0);
                c.stream().setLineCapStyle(1);
                c.rule(from, to, baseline + 1, Style.MUTED, 0.8f);
                c.stream().setLineDashPattern(new float[] {}, 0);
                c.stream().setLineCapStyle(0);
            }
            if (on != null && i < pages.length && pages[i] - 1 < targets.size()) {
                link(new PDRectangle(left, y - LINE, width, LINE), targets.get(pages[i] - 1));
            }
            y -= LINE;
        }
    }

    private void link(PDRectangle area, PDPage target) throws IOException {
        PDPageFitWidthDestination dest = new PDPageFitWidthDestination();
        dest.setPage(target);
        PDActionGoTo go = new PDActionGoTo();
        go.setDestination(dest);
        PDAnnotationLink link = new PDAnnotationLink();
        link.setRectangle(area);
        link.setAction(go);
        PDBorderStyleDictionary none = new PDBorderStyleDictionary();
        none.setWidth(0);
        link.setBorderStyle(none);
        on.getAnnotations().add(link);
    }
}
