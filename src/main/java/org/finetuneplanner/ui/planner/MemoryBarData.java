package org.finetuneplanner.ui.planner;

import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Range;

/**
 * One GPU's memory against its capacity, for a bar.
 *
 * @param gpuId         catalog id
 * @param label         caption: "1 × L40S 48GB"
 * @param parts         the breakdown on one GPU (at the peak, or at the phase shown)
 * @param capacityBytes usable memory of one GPU
 * @param value         the numbers beside a small bar: "17.1 / 44.4", in the current language
 * @param range         where the measured total may lie (bytes), drawn as a band from its low to its high end;
 *                      empty for a phase other than the peak, whose total the range is not about
 * @param status        {@code fits}, {@code tight} or {@code no}
 */
public record MemoryBarData(String gpuId, String label, MemoryBreakdown parts, long capacityBytes, String value,
                            Optional<Range> range, FitStatus status) {

    public MemoryBarData {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(status, "status");
    }

    /** A bar without a range: {@code fits} when the total is within the capacity, else {@code no}. */
    public MemoryBarData(String gpuId, String label, MemoryBreakdown parts, long capacityBytes, String value) {
        this(gpuId, label, parts, capacityBytes, value, Optional.empty(),
                parts.totalBytes() <= capacityBytes ? FitStatus.FITS : FitStatus.NO);
    }

    public boolean fits() {
        return parts.totalBytes() <= capacityBytes;
    }

    public long headroomBytes() {
        return capacityBytes - parts.totalBytes();
    }

    /** The bytes the bar must span to show its total, its capacity and its range's high end. */
    public long spanBytes() {
        long high = range.map(r -> (long) Math.ceil(r.high())).orElse(0L);
        return Math.max(Math.max(parts.totalBytes(), capacityBytes), high);
    }
}
