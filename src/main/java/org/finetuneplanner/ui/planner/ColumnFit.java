package org.finetuneplanner.ui.planner;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which columns of the options table fit its width: every column at the width its longest text needs (never
 * truncated), the most important first ({@link OptionColumn#priority()}); a column too wide for what is left gives
 * way, and a narrower, less important one may still take the room. A column shown stays
 * shown until it no longer fits; a hidden one comes back only with room to spare ({@value #SPARE_EM} em), so a
 * width that changes by a digit as a slider moves does not make a column blink. Pure.
 */
final class ColumnFit {
    /** The room a hidden column needs beyond its own width to come back, in em. */
    static final double SPARE_EM = 2;

    private ColumnFit() {
    }

    /**
     * @param needed    the width each column needs, by {@link OptionColumn} ordinal (px)
     * @param available the table's width for its columns (px)
     * @param em        the width of one em (px)
     * @param shown     the columns shown now
     * @return the columns to show; the first by priority always, even when it alone is too wide
     */
    static Set<OptionColumn> visible(double[] needed, double available, double em, Set<OptionColumn> shown) {
        OptionColumn[] byPriority = OptionColumn.values().clone();
        Arrays.sort(byPriority, Comparator.comparingInt(OptionColumn::priority));
        Set<OptionColumn> visible = EnumSet.noneOf(OptionColumn.class);
        double used = 0;
        for (OptionColumn c : byPriority) {
            double width = needed[c.ordinal()];
            double room = shown.contains(c) ? 0 : SPARE_EM * em;
            if (visible.isEmpty() || used + width + room <= available) {
                visible.add(c);
                used += width;
            }
        }
        return visible;
    }
}
