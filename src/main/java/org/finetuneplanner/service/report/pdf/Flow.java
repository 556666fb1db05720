package org.finetuneplanner.service.report.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run of {@link Unit}s into pages. Units joined by {@link Unit#keepWithNext()} form a chain that goes on one
 * page when it fits there, else whole to the next page; a chain taller than a page is broken where it must be. Gaps
 * are dropped at the top of a page; a table row at the top of a page gets its table's header again; a page break
 * starts a new page unless the page is empty. One pass over the units: linear.
 */
final class Flow {
    private Flow() {
    }

    /**
     * A unit on a page.
     *
     * @param unit what is drawn
     * @param top  where its top edge is
     */
    record Placed(Unit unit, float top) {
    }

    /** The pages of {@code units} between {@code top} and {@code bottom}, each its units with their places. */
    static List<List<Placed>> paginate(List<Unit> units, float top, float bottom) {
        List<List<Placed>> pages = new ArrayList<>();
        List<Placed> page = new ArrayList<>();
        float y = top;
        int i = 0;
        while (i < units.size()) {
            if (units.get(i).role() == Unit.Role.BREAK) {
                if (!page.isEmpty()) {
                    pages.add(page);
                    page = new ArrayList<>();
                    y = top;
                }
                i++;
                continue;
            }
            int end = i;
            while (end < units.size() - 1 && units.get(end).keepWithNext()
                    && units.get(end + 1).role() != Unit.Role.BREAK) {
                end++;
            }
            boolean atTop = page.isEmpty();
            if (y - height(units, i, end, atTop) >= bottom - 0.01f) {
                for (int k = i; k <= end; k++) {
                    y = place(page, units.get(k), y);
                }
                i = end + 1;
            } else if (!atTop) {
                pages.add(page);
                page = new ArrayList<>();
                y = top;
            } else {
                // Taller than a page: as much as fits, at least one unit, then the rest on the next page.
                do {
                    y = place(page, units.get(i), y);
                    i++;
                } while (i <= end && y - units.get(i).height() >= bottom - 0.01f);
                pages.add(page);
                page = new ArrayList<>();
                y = top;
            }
        }
        if (!page.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    /** The height units [from, to] take, starting a page or not. */
    private static float height(List<Unit> units, int from, int to, boolean atTop) {
        float h = 0;
        boolean leading = atTop;
        for (int k = from; k <= to; k++) {
            Unit u = units.get(k);
            if (leading && u.gap()) {
                continue;
            }
            if (leading && u.header() != null) {
                h += u.header().height();
            }
            leading = false;
            h += u.height();
        }
        return h;
    }

    private static float place(List<Placed> page, Unit u, float y) {
        if (page.isEmpty() && u.gap()) {
            return y;
        }
        float at = y;
        if (page.isEmpty() && u.header() != null) {
            page.add(new Placed(u.header(), at));
            at -= u.header().height();
        }
        page.add(new Placed(u, at));
        return at - u.height();
    }
}
