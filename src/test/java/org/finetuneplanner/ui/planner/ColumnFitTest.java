package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The columns that fit: by priority, never cut, a narrow column taking room a wide one left, no blinking. */
class ColumnFitTest {
    private static final double EM = 10;

    /** Every column 100 px wide but {@code wide}, 400 px. */
    private static double[] widths(OptionColumn wide) {
        double[] w = new double[OptionColumn.values().length];
        Arrays.fill(w, 100);
        w[wide.ordinal()] = 400;
        return w;
    }

    @Test
    void aWideColumnGivesWayAndANarrowerLessImportantOneTakesTheRoom() {
        // Priorities 0 GPU, 1 STATUS, 2 COST, 3 TIME, 4 MEMORY (400 px), 5 GPUS: 4 × 100 = 400 used of 620; the
        // memory column would need 800 > 620, so it gives way; GPUS (100 → 500) still fits, then nothing more.
        Set<OptionColumn> all = EnumSet.allOf(OptionColumn.class);
        Set<OptionColumn> shown = ColumnFit.visible(widths(OptionColumn.MEMORY), 620, EM, all);
        assertEquals(EnumSet.of(OptionColumn.GPU, OptionColumn.STATUS, OptionColumn.COST, OptionColumn.TIME,
                OptionColumn.GPUS, OptionColumn.CHANGES), shown);
        assertFalse(shown.contains(OptionColumn.MEMORY));
    }

    @Test
    void aHiddenColumnComesBackOnlyWithRoomToSpare() {
        double[] w = widths(OptionColumn.GPU);
        // GPU 400 + STATUS 100 = 500; COST (100) fits in 600 when shown, but when hidden needs 2 em (20 px) more.
        Set<OptionColumn> wasShown = EnumSet.of(OptionColumn.GPU, OptionColumn.STATUS, OptionColumn.COST);
        assertTrue(ColumnFit.visible(w, 600, EM, wasShown).contains(OptionColumn.COST));
        Set<OptionColumn> wasHidden = EnumSet.of(OptionColumn.GPU, OptionColumn.STATUS);
        assertFalse(ColumnFit.visible(w, 600, EM, wasHidden).contains(OptionColumn.COST));
        assertTrue(ColumnFit.visible(w, 620, EM, wasHidden).contains(OptionColumn.COST));
    }
}
