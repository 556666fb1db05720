package org.finetuneplanner.service.report.content;

import java.util.Objects;

/**
 * A paragraph of running text.
 *
 * @param text         the words, with names and citations inside
 * @param style        how prominent it is
 * @param keepWithNext an introduction kept on the page of what it introduces (a table, a chart)
 */
public record Paragraph(Text text, Style style, boolean keepWithNext) implements Block {

    public Paragraph {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(style, "style");
    }

    /** Body text. */
    public static Paragraph body(Text text) {
        return new Paragraph(text, Style.BODY, false);
    }

    /** Body text that introduces the next block and stays with it. */
    public static Paragraph intro(Text text) {
        return new Paragraph(text, Style.BODY, true);
    }

    /** A paragraph's prominence. */
    public enum Style {
        /** The statement a section opens with (the recommendation): bold. */
        LEAD,
        /** Running text. */
        BODY,
        /** Small print: legends, units, closing remarks. */
        SMALL
    }
}
