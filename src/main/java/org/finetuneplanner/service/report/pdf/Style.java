package org.finetuneplanner.service.report.pdf;

import java.awt.Color;

import org.finetuneplanner.service.report.content.Paragraph;
import org.finetuneplanner.service.report.content.Table;

/** The report's look: margins, colours and type sizes, in PDF points. */
final class Style {
    static final float MARGIN_X = 54;
    static final float MARGIN_TOP = 66;
    static final float MARGIN_BOTTOM = 58;

    static final Color INK = new Color(0x22, 0x2b, 0x36);
    static final Color MUTED = new Color(0x5b, 0x66, 0x73);
    static final Color ACCENT = new Color(0x1f, 0x4e, 0x8c);
    static final Color RULE = new Color(0xc4, 0xcc, 0xd6);
    static final Color HEADER_FILL = new Color(0xe3, 0xea, 0xf3);
    static final Color STRIPE_FILL = new Color(0xf5, 0xf7, 0xfa);
    static final Color HIGHLIGHT_FILL = new Color(0xfd, 0xf1, 0xcf);
    /** A warning's text (a tight fit): dark amber, readable on white, on the stripe and on the highlight. */
    static final Color WARNING = new Color(0xa8, 0x4b, 0x00);

    /** Line height as a multiple of the type size, for running text. */
    static final float LEADING = 1.35f;
    /** Line height in table cells. */
    static final float CELL_LEADING = 1.3f;
    static final float CELL_PAD_X = 4;
    static final float CELL_PAD_Y = 3.5f;

    private Style() {
    }

    /** Type size of a paragraph's style. */
    static float size(Paragraph.Style s) {
        return switch (s) {
            case LEAD -> 11.5f;
            case BODY -> 9.5f;
            case SMALL -> 8f;
        };
    }

    /** Space after a paragraph of this style. */
    static float after(Paragraph.Style s) {
        return switch (s) {
            case LEAD -> 4f;
            case BODY -> 5f;
            case SMALL -> 6f;
        };
    }

    /** Type size of a table's density. */
    static float size(Table.Density d) {
        return switch (d) {
            case ROOMY -> 9.5f;
            case NORMAL -> 8.5f;
            case COMPACT -> 7.8f;
            case DENSE -> 7.2f;
        };
    }
}
