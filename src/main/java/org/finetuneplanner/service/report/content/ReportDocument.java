package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.ReportLogo;

/**
 * A whole report as data: the cover, the body's blocks in reading order, the running header and footer, the file's
 * metadata. Built by {@link ReportContent} from the report's data and the text layer; laid out by the PDF layout.
 * Every word is already in the report's language, every number already formatted.
 *
 * @param language the report's language
 * @param paper    A4 or Letter
 * @param cover    the first page
 * @param body     the sections, in reading order
 * @param running  the header and footer of the pages after the cover
 * @param metadata the document information of the file
 * @param late     words that need what only the layout knows (page numbers, characters no font can show)
 */
public record ReportDocument(ReportLanguage language, PaperSize paper, Cover cover, List<Block> body,
                             Running running, Metadata metadata, Late late) {

    public ReportDocument {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(cover, "cover");
        body = List.copyOf(body);
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(late, "late");
    }

    /**
     * Every text the document shows, in reading order: the cover, the running header and footer (page numbers
     * aside), each block's text, a table's headers, cells and footnote, a chart's labels.
     */
    public List<Text> texts() {
        List<Text> out = new ArrayList<>();
        out.addAll(List.of(cover.product(), cover.title(), cover.subtitle(), cover.contentsTitle(),
                cover.disclaimer()));
        cover.entries().forEach(e -> out.addAll(List.of(e.label(), e.value())));
        out.addAll(List.of(running.left(), running.right(), running.date()));
        out.addAll(running.parts());
        for (Block b : body) {
            if (b instanceof Heading h) {
                out.add(h.text());
            } else if (b instanceof Paragraph p) {
                out.add(p.text());
            } else if (b instanceof BulletList l) {
                out.addAll(l.items());
            } else if (b instanceof Table t) {
                t.columns().forEach(col -> out.add(col.header()));
                t.rows().forEach(r -> r.cells().forEach(cell -> out.add(cell.text())));
                t.footnote().ifPresent(out::add);
            } else if (b instanceof Chart.Bars bars) {
                bars.bars().forEach(bar -> out.add(bar.label()));
                out.addAll(bars.partNames());
                out.addAll(List.of(bars.freeName(), bars.axis()));
            } else if (b instanceof Chart.Lines lines) {
                lines.lines().forEach(l -> out.addAll(List.of(l.label(), l.end())));
                out.addAll(List.of(lines.xAxis(), lines.yAxis()));
            }
        }
        return out;
    }

    /** The parts' and sections' headings, in order: the table of contents (a report without parts has sections). */
    public List<Heading> sections() {
        return body.stream().filter(b -> b instanceof Heading h && h.level() <= 1).map(b -> (Heading) b).toList();
    }

    /**
     * The cover.
     *
     * @param product       the product's name, small above the title
     * @param title         the report's title ("Fine-tuning plan")
     * @param subtitle      the scenario's name
     * @param entries       who it is for and by, and the quote's date
     * @param contentsTitle the table of contents' heading
     * @param disclaimer    the small print at the bottom
     * @param logo          the seller's logo, if given
     */
    public record Cover(Text product, Text title, Text subtitle, List<Entry> entries, Text contentsTitle,
                        Text disclaimer, Optional<ReportLogo> logo) {
        public Cover {
            entries = List.copyOf(entries);
            Objects.requireNonNull(logo, "logo");
        }
    }

    /**
     * A labelled line of the cover.
     *
     * @param label "Prepared for"
     * @param value the customer's name
     */
    public record Entry(Text label, Text value) {
    }

    /**
     * The header and footer of the pages after the cover.
     *
     * @param left  the product and the scenario's name
     * @param right who it is prepared for, or the date
     * @param date  the report's date, in the footer
     * @param parts the header's left text on the pages of each part, in the order of the parts (a comparison's
     *              scenarios); empty for a report without parts
     */
    public record Running(Text left, Text right, Text date, List<Text> parts) {
        public Running {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(date, "date");
            parts = List.copyOf(parts);
        }

        /** A header that is the same on every page. */
        public Running(Text left, Text right, Text date) {
            this(left, right, date, List.of());
        }
    }

    /**
     * The file's document information: plain, already capped to a sane length and without control characters.
     *
     * @param title    the title
     * @param author   who prepared it ("" when not given)
     * @param subject  the scenario's name
     * @param language the BCP 47 tag of the report's language
     */
    public record Metadata(String title, String author, String subject, String language) {
    }

    /** Words that need what only the layout knows. */
    public interface Late {
        /** "Page 3 of 11". */
        Text page(int page, int pages);

        /** A note that names the characters no installed font can draw and what is shown instead. */
        Text missingCharacters(String characters, String shownAs);
    }
}
