package org.finetuneplanner.service.report.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.report.ComparisonData;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportException;
import org.finetuneplanner.service.report.ReportExporter;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.content.Chart;
import org.finetuneplanner.service.report.content.ComparisonContent;
import org.finetuneplanner.service.report.content.Paragraph;
import org.finetuneplanner.service.report.content.ReportContent;
import org.finetuneplanner.service.report.content.ReportDocument;
import org.finetuneplanner.service.report.content.Text;

/**
 * The PDF planning report: what it says comes from {@link ReportContent}, how it looks from the layout of this
 * package. A4 or Letter; English or Vietnamese; charts drawn as vectors through PdfBoxGraphics2D with their text
 * kept as text; the shipped DejaVu Sans embedded as subsets (an installed font for characters it lacks); a table of
 * contents and bookmarks.
 *
 * <p>Immutable and thread-safe: every call builds its own document.
 */
public final class PdfReportExporter implements ReportExporter {

    private final AtomicFiles.Links links;

    /** An exporter that refuses to write over a symbolic link (the command line's {@code --out}). */
    public PdfReportExporter() {
        this(AtomicFiles.Links.REFUSE);
    }

    /**
     * An exporter whose target may be a symbolic link as {@code links} says: the app's Export writes through one
     * ({@link AtomicFiles.Links#FOLLOW}), the command line refuses it.
     */
    public PdfReportExporter(AtomicFiles.Links links) {
        this.links = links;
    }

    /**
     * Loads the fonts, PDFBox, JFreeChart and the graphics bridge once, so the first report a user asks for is as
     * fast as the later ones. Call from a background thread at start-up; safe to call more than once; never
     * throws.
     */
    public static void warmUp() {
        try {
            Text t = Text.words("Kế hoạch");
            ReportDocument.Late late = new ReportDocument.Late() {
                @Override
                public Text page(int page, int pages) {
                    return Text.words(page + "/" + pages);
                }

                @Override
                public Text missingCharacters(String characters, String shownAs) {
                    return Text.words(characters);
                }
            };
            PdfRenderer.render(new ReportDocument(ReportLanguage.VI, PaperSize.A4,
                    new ReportDocument.Cover(t, t, t, List.of(), t, t, Optional.empty()),
                    List.of(Paragraph.body(t), new Chart.Lines(List.of(new Chart.Line(t, List.of(new CostPoint(0, 0),
                            new CostPoint(1, 1)))), t, t)),
                    new ReportDocument.Running(t, t, t), new ReportDocument.Metadata("", "", "", "vi"), late));
        } catch (IOException | RuntimeException e) {
            // Only a speed-up: if it fails, the first real export loads everything itself and reports any error.
        }
    }

    /**
     * Renders the whole report in memory first, so a failure while laying out never touches the disk; then writes
     * it through {@link AtomicFiles} (a temporary file in the same folder, moved into place), so a failure while
     * writing leaves the previous file as it was and no partial file behind.
     */
    @Override
    public void write(ReportData data, Path target) {
        write(render(data), target);
    }

    /** The comparison as {@link #write(ReportData, Path)} writes a report: rendered first, then moved into place. */
    @Override
    public void write(ComparisonData data, Path target) {
        write(render(data), target);
    }

    private void write(byte[] pdf, Path target) {
        try {
            AtomicFiles.write(target, links, out -> out.write(pdf));
        } catch (IOException e) {
            throw new ReportException(e.getMessage(), e);
        }
    }

    /**
     * The report as PDF bytes. Pure computation and layout, no file is touched.
     *
     * @throws ReportException when the logo cannot be read as an image
     */
    public byte[] render(ReportData data) {
        return render(ReportContent.of(data));
    }

    /**
     * The comparison report as PDF bytes. Pure computation and layout, no file is touched.
     *
     * @throws ReportException when the logo cannot be read as an image
     */
    public byte[] render(ComparisonData data) {
        return render(ComparisonContent.of(data));
    }

    /** A report's content as PDF bytes. */
    public byte[] render(ReportDocument document) {
        try {
            return PdfRenderer.render(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
