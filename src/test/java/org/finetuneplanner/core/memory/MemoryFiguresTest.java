package org.finetuneplanner.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.Limits;

/**
 * Memory figures are whole bytes from 0 to {@link Limits#MAX_MEMORY_BYTES}: the estimate's doubles become longs in
 * one place that refuses what is not a number or too large, and a breakdown refuses parts whose sum would pass the
 * limit, so no total can saturate or wrap (the total of −6.9e9 GiB was eight parts near 2^63 added up).
 */
class MemoryFiguresTest {

    private static final long MAX = Limits.MAX_MEMORY_BYTES;

    @Test
    void aDoubleBecomesWholeBytesOrIsRefused() {
        assertEquals(0, MemoryContext.round(-3.5), "a negative rounding residue is no memory");
        assertEquals(1_073_741_824L, MemoryContext.round(1024.0 * 1024 * 1024));
        assertEquals(MAX, MemoryContext.round(MAX));
        for (double bad : List.of(Double.NaN, Double.POSITIVE_INFINITY, Math.nextUp((double) MAX), 1e300)) {
            PlannerException e = assertThrows(PlannerException.class, () -> MemoryContext.round(bad));
            assertEquals(Violation.range("memory_bytes", 0, MAX, bad), e.violations().get(0), "for " + bad);
        }
    }

    /** Eight parts of 2^59 are exactly 2^62: accepted; one byte more in any part is refused, not wrapped. */
    @Test
    void theSumOfThePartsIsHeldToTheLimit() {
        long part = MAX / 8;
        MemoryBreakdown full = new MemoryBreakdown(part, part, part, part, part, part, part, part);
        assertEquals(MAX, full.totalBytes());
        assertEquals(6 * part, full.peakAllocatedBytes());
        PlannerException e = assertThrows(PlannerException.class,
                () -> new MemoryBreakdown(part, part, part, part, part, part, part, part + 1));
        assertEquals("memory_bytes", e.key());
        // What the old record accepted and then wrapped: two parts of 2^62 make a total of −2^63.
        assertThrows(PlannerException.class, () -> new MemoryBreakdown(MAX, MAX, 0, 0, 0, 0, 0, 0));
        assertThrows(PlannerException.class, () -> new MemoryBreakdown(Long.MAX_VALUE, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(PlannerException.class, () -> new MemoryBreakdown(0, 0, 0, -1, 0, 0, 0, 0));
    }

    @Test
    void hostMemoryIsHeldToTheLimit() {
        MemoryBreakdown none = new MemoryBreakdown(0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(MAX, new MemoryEstimate(none, MAX, 1, List.of()).hostBytes());
        PlannerException e = assertThrows(PlannerException.class,
                () -> new MemoryEstimate(none, MAX + 1, 1, List.of()));
        assertEquals("host_memory_bytes", e.key());
        assertThrows(PlannerException.class, () -> new MemoryEstimate(none, -1, 1, List.of()));
    }
}
