package org.finetuneplanner.service.report.content;

import java.util.Objects;

/**
 * A run of text of one kind. The kind says whose words they are: the report's own, in its language; a name as its
 * owner writes it; or a citation as it was published. The layout keeps names and citations recognisable (the PDF
 * marks them as spans in their own language), so a reader of a Vietnamese report, a screen reader or a test can tell
 * them from the report's words.
 *
 * @param text the characters
 * @param kind whose words they are
 */
public record Span(String text, Kind kind) {

    public Span {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }

    /** Whose words a span holds. */
    public enum Kind {
        /** The report's own words, in the report's language. */
        WORDS,
        /** A name as its owner writes it (customer, company, GPU, model, provider), in no particular language. */
        NAME,
        /** A citation as published (paper titles, code paths, web addresses, where a price was read), in English. */
        CITATION
    }
}
