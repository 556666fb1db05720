package org.finetuneplanner.service.report.pdf;

import java.io.IOException;

/**
 * Something the layout places on a page as a whole: a line of a paragraph, a table row, a chart, a gap. It knows its
 * height, whether the page may break after it, and how to draw itself with its top at a given height.
 *
 * @param height       its height in points
 * @param keepWithNext the page may not break between it and the next unit
 * @param role         what it is (a gap is dropped at the top of a page)
 * @param group        which block it belongs to (the units of one table share it)
 * @param header       for a table row, the table's header, drawn again above it at the top of a page; else null
 * @param section      for a section's heading, its index among the sections; else −1
 * @param draw         draws it
 */
record Unit(float height, boolean keepWithNext, Role role, int group, Unit header, int section, Draw draw) {

    /** What a unit is: a {@code BREAK} ends the page (unless the page is empty), a gap is dropped at its top. */
    enum Role { HEADING, LINE, HEADER, ROW, FOOTNOTE, CHART, GAP, BREAK }

    /** Draws a unit. */
    @FunctionalInterface
    interface Draw {
        /** Draws with the unit's top edge at {@code top}. */
        void at(PdfCanvas canvas, float top) throws IOException;
    }

    /** Blank space of {@code height} points. */
    static Unit gap(float height, boolean keepWithNext) {
        return new Unit(height, keepWithNext, Role.GAP, -1, null, -1, (c, top) -> { });
    }

    /** A drawn unit of {@code role} in {@code group}, with no header and no section. */
    static Unit of(float height, boolean keepWithNext, Role role, int group, Draw draw) {
        return new Unit(height, keepWithNext, role, group, null, -1, draw);
    }

    /** A new page begins after it (nothing is drawn; at the top of a page it does nothing). */
    static Unit pageBreak() {
        return new Unit(0, false, Role.BREAK, -1, null, -1, (c, top) -> { });
    }

    boolean gap() {
        return role == Role.GAP;
    }

    /** The same unit kept, or not, with the next. */
    Unit keep(boolean keep) {
        return new Unit(height, keep, role, group, header, section, draw);
    }

    /** The same unit in another role (a paragraph's line used as a table's footnote). */
    Unit as(Role value, int inGroup) {
        return new Unit(height, keepWithNext, value, inGroup, header, section, draw);
    }
}
