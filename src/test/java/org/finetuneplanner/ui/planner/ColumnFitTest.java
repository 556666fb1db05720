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
        // Priorities 0 GPU, 1 GPUS, 2 STATUS, 3 COST, 4 TIME, 5 MEMORY (400 px), 6 CHANGES: 5 × 100 = 500 used of
        // 620; the memory column would need 900 > 620, so it gives way; CHANGES (100 → 600) still fits, then OFFLOAD
        // (700) does not.
        Set<OptionColumn> all = EnumSet.allOf(OptionColumn.class);
        Set<OptionColumn> shown = ColumnFit.visible(widths(OptionColumn.MEMORY), 620, EM, all);
        assertEquals(EnumSet.of(OptionColumn.GPU, OptionColumn.STATUS, OptionColumn.COST, OptionColumn.TIME,
                OptionColumn.GPUS, OptionColumn.CHANGES), shown);
        assertFalse(shown.contains(OptionColumn.MEMORY));
    }

    @Test
    void aHiddenColumnComesBackOnlyWithRoomToSpare() {
        double[] w = widths(OptionColumn.GPU);
        // GPU 400 + GPUS 100 + STATUS 100 = 600; COST (100) fits in 700 when shown, but when hidden needs 2 em (20 px)
        // more.
        Set<OptionColumn> wasShown = EnumSet.of(OptionColumn.GPU, OptionColumn.GPUS, OptionColumn.STATUS,
                OptionColumn.COST);
        assertTrue(ColumnFit.visible(w, 700, EM, wasShown).contains(OptionColumn.COST));
        Set<OptionColumn> wasHidden = EnumSet.of(OptionColumn.GPU, OptionColumn.GPUS, OptionColumn.STATUS);
        assertFalse(ColumnFit.visible(w, 700, EM, wasHidden).contains(OptionColumn.COST));
        assertTrue(ColumnFit.visible(w, 720, EM, wasHidden).contains(OptionColumn.COST));
    }
}
