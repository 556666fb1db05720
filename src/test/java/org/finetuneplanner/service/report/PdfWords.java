package org.finetuneplanner.service.report;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.markedcontent.BeginMarkedContentSequence;
import org.apache.pdfbox.contentstream.operator.markedcontent.BeginMarkedContentSequenceWithProperties;
import org.apache.pdfbox.contentstream.operator.markedcontent.EndMarkedContentSequence;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of a PDF split as a reader of the report's language sees it: the report's own words, and apart from
 * them what is marked as a span in another language (names as given: {@code /Lang ()}; citations as published:
 * {@code /Lang (en)}), in the page content and in the charts' forms alike.
 */
public final class PdfWords extends PDFTextStripper {
    private final Deque<Boolean> spans = new ArrayDeque<>();
    private final StringBuilder marked = new StringBuilder();
    private boolean inSpan;

    private PdfWords() {
        addOperator(new BeginMarkedContentSequenceWithProperties(this));
        addOperator(new BeginMarkedContentSequence(this));
        addOperator(new EndMarkedContentSequence(this));
    }

    /**
     * The words and the marked spans of a PDF.
     *
     * @param words  the text outside spans in another language
     * @param marked the text of those spans, one run per line
     */
    public record Split(String words, String marked) {
    }

    /** The text of {@code pdf} split into the report's words and the marked spans. */
    public static Split of(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PdfWords stripper = new PdfWords();
            String words = stripper.getText(doc);
            return new Split(words, stripper.marked.toString());
        }
    }

    @Override
    public void beginMarkedContentSequence(COSName tag, COSDictionary properties) {
        boolean language = properties != null && properties.containsKey(COSName.LANG);
        spans.push(language);
        inSpan = spans.contains(Boolean.TRUE);
        if (language) {
            marked.append('\n');
        }
    }

    @Override
    public void endMarkedContentSequence() {
        if (!spans.isEmpty()) {
            spans.pop();
        }
        inSpan = spans.contains(Boolean.TRUE);
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        if (inSpan) {
            marked.append(text.getUnicode());
        } else {
            super.processTextPosition(text);
        }
    }
}
