package org.finetuneplanner.service.report.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitWidthDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.finetuneplanner.service.report.content.Heading;
import org.finetuneplanner.service.report.content.ReportDocument;
import org.finetuneplanner.service.report.content.Text;

/**
 * Lays a {@link ReportDocument} out as PDF pages: the cover with the contents, the body cut into pages by
 * {@link Flow}, the running header and footer, bookmarks for the sections, the document information. One instance
 * per document; not thread-safe.
 */
final class PdfRenderer {
    private final ReportDocument d;
    private final PDDocument doc;
    private final PdfFonts fonts;
    private final PdfCanvas canvas;
    private final float pageW;
    private final float pageH;
    private final float left;
    private final float width;

    private PdfRenderer(ReportDocument d, PDDocument doc, PdfFonts fonts) {
        this.d = d;
        this.doc = doc;
        this.fonts = fonts;
        this.canvas = new PdfCanvas(fonts);
        this.pageW = d.paper().widthPt();
        this.pageH = d.paper().heightPt();
        this.left = Style.MARGIN_X;
        this.width = pageW - 2 * Style.MARGIN_X;
    }

    /** The report as PDF bytes. */
    static byte[] render(ReportDocument d) throws IOException {
        try (PDDocument doc = new PDDocument(); PdfFonts fonts = PdfFonts.load(doc)) {
            fonts.cover(codePoints(d));
            new PdfRenderer(d, doc, fonts).pages();
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
            doc.save(out);
            return out.toByteArray();
        }
    }

    /**
     * The body cut into pages, before anything is drawn.
     *
     * @param cover    the cover, measured
     * @param contents the table of contents
     * @param onCover  whether the contents fit on the cover (else they open the first body page)
     * @param body     the pages after the cover, each its placed units
     */
    record Layout(CoverPage cover, Contents contents, boolean onCover, List<List<Flow.Placed>> body) {
    }

    /** Measures the cover and cuts the body into pages. */
    Layout layout() {
        CoverPage cover = new CoverPage(d.cover(), missingNote(), fonts, pageW, pageH);
        Contents contents = new Contents(d.sections(), fonts, left, width);
        boolean onCover = cover.contentsFit(contents.size());
        float top = pageH - Style.MARGIN_TOP;
        List<Unit> units = new ArrayList<>();
        if (!onCover) {
            units.addAll(contentsUnits(contents));
            if (d.sections().stream().anyMatch(h -> h.level() == 0)) {
                // A comparison's long contents get their page: its first table then starts whole on the next.
                units.add(Unit.pageBreak());
            }
        }
        ChartDrawer charts = new ChartDrawer(doc, fonts, d.language().locale());
        units.addAll(new BlockLayout(fonts, left, width, top - Style.MARGIN_BOTTOM, charts).units(d.body()));
        return new Layout(cover, contents, onCover, Flow.paginate(units, top, Style.MARGIN_BOTTOM));
    }

    /** The layout of {@code d} with the fonts of {@code doc} (for tests of where pages break). */
    static Layout layout(ReportDocument d, PDDocument doc, PdfFonts fonts) {
        fonts.cover(codePoints(d));
        return new PdfRenderer(d, doc, fonts).layout();
    }

    private void pages() throws IOException {
        Layout layout = layout();
        List<List<Flow.Placed>> body = layout.body();
        List<PDPage> all = new ArrayList<>();
        for (int i = 0; i <= body.size(); i++) {
            PDPage page = new PDPage(new PDRectangle(pageW, pageH));
            doc.addPage(page);
            all.add(page);
        }
        List<Heading> sections = d.sections();
        int[] sectionPages = new int[sections.size()];
        // The part each body page belongs to (−1 before the first part), for its running header.
        int[] pageParts = new int[body.size()];
        int part = -1;
        for (int p = 0; p < body.size(); p++) {
            for (Flow.Placed placed : body.get(p)) {
                int section = placed.unit().section();
                if (section >= 0) {
                    sectionPages[section] = p + 2;
                    if (sections.get(section).level() == 0) {
                        part++;
                    }
                }
            }
            pageParts[p] = part;
        }
        layout.contents().pages(sectionPages, all, layout.onCover() ? all.get(0) : all.get(1));
        try (PDPageContentStream cs = new PDPageContentStream(doc, all.get(0))) {
            canvas.use(cs);
            layout.cover().draw(doc, canvas, layout.onCover() ? layout.contents() : null);
        }
        for (int p = 0; p < body.size(); p++) {
            try (PDPageContentStream cs = new PDPageContentStream(doc, all.get(p + 1))) {
                canvas.use(cs);
                for (Flow.Placed placed : body.get(p)) {
                    placed.unit().draw().at(canvas, placed.top());
                }
            }
        }
        decorate(all, pageParts);
        outline(sections, sectionPages, all);
        information();
    }

    /** The contents at the top of the first body page, when the cover has no room for them. */
    private List<Unit> contentsUnits(Contents contents) {
        List<Unit> out = new ArrayList<>();
        Measured.Line title = Measured.of(d.cover().contentsTitle(), fonts, true, 15).fit(width);
        out.add(Unit.of(15 * Style.LEADING + 10, true, Unit.Role.HEADING, -2, (c, top) -> c.line(title, left,
                top - 15 * Style.LEADING + 15 * 0.28f, true, 15, Style.ACCENT)));
        float h = contents.size() * Contents.LINE;
        out.add(Unit.of(h, false, Unit.Role.LINE, -2, (c, top) -> contents.draw(c, top)));
        out.add(Unit.gap(12, false));
        return out;
    }

    /** Which characters no font could draw, for the cover's note. */
    private Optional<Text> missingNote() {
        Set<Integer> missing = fonts.missing();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        StringJoiner list = new StringJoiner(", ");
        missing.stream().limit(12).forEach(cp -> list.add(String.format("U+%04X", cp)));
        String shown = list + (missing.size() > 12 ? ", …" : "");
        return Optional.of(d.late().missingCharacters(shown, new String(Character.toChars(PdfFonts.MISSING))));
    }

    /**
     * The running header (pages after the cover) and the footer with the page number (every page). The header of
     * a part's pages names the part ({@code pageParts}: each body page's part, −1 for none).
     */
    private void decorate(List<PDPage> pages, int[] pageParts) throws IOException {
        float size = 8;
        Measured.Line right = Measured.of(d.running().right(), fonts, false, size).fit(width * 0.45f);
        Measured.Line common = Measured.of(d.running().left(), fonts, false, size).fit(width - right.width() - 24);
        List<Measured.Line> partLines = new ArrayList<>();
        for (Text t : d.running().parts()) {
            partLines.add(Measured.of(t, fonts, false, size).fit(width - right.width() - 24));
        }
        Measured.Line date = Measured.of(d.running().date(), fonts, false, size).fit(width / 2);
        float headerY = pageH - 36;
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream cs = new PDPageContentStream(doc, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                canvas.use(cs);
                Measured.Line footer = Measured.of(d.late().page(i + 1, pages.size()), fonts, false, size)
                        .fit(width / 2);
                canvas.line(footer, left + width - footer.width(), 30, false, size, Style.MUTED);
                if (i == 0) {
                    continue;
                }
                int part = pageParts[i - 1];
                Measured.Line leftLine = part >= 0 && part < partLines.size() ? partLines.get(part) : common;
                canvas.line(leftLine, left, headerY, false, size, Style.MUTED);
                canvas.line(right, left + width - right.width(), headerY, false, size, Style.MUTED);
                canvas.rule(left, left + width, headerY - 6, Style.RULE, 0.6f);
                canvas.rule(left, left + width, 44, Style.RULE, 0.6f);
                canvas.line(date, left, 30, false, size, Style.MUTED);
            }
        }
    }

    /** Bookmarks: one per section, to its page; a part's sections nested under the part's own, open. */
    private void outline(List<Heading> sections, int[] sectionPages, List<PDPage> pages) {
        PDDocumentOutline outline = new PDDocumentOutline();
        PDOutlineItem part = null;
        for (int i = 0; i < sections.size(); i++) {
            PDPageFitWidthDestination dest = new PDPageFitWidthDestination();
            dest.setPage(pages.get(Math.max(0, sectionPages[i] - 1)));
            PDOutlineItem item = new PDOutlineItem();
            item.setTitle(sections.get(i).text().plain());
            item.setDestination(dest);
            if (sections.get(i).level() == 0) {
                outline.addLast(item);
                part = item;
            } else if (part != null) {
                part.addLast(item);
                part.openNode();
            } else {
                outline.addLast(item);
            }
        }
        doc.getDocumentCatalog().setDocumentOutline(outline);
    }

    private void information() {
        ReportDocument.Metadata m = d.metadata();
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(m.title());
        info.setCreator("Fine-Tune Planner");
        info.setAuthor(m.author());
        info.setSubject(m.subject());
        doc.getDocumentCatalog().setLanguage(m.language());
        PDViewerPreferences prefs = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
        prefs.setDisplayDocTitle(true);
        doc.getDocumentCatalog().setViewerPreferences(prefs);
    }

    /**
     * Every character the document shows, so the fonts can be found before anything is measured. A line feed is
     * not shown: it starts a new line (a figure over its range in a table cell), so no font needs it.
     */
    static Set<Integer> codePoints(ReportDocument d) {
        Set<Integer> out = new HashSet<>();
        for (Text t : d.texts()) {
            t.spans().forEach(s -> s.text().codePoints().filter(cp -> cp != '\n').forEach(out::add));
        }
        return out;
    }
}
