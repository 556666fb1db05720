package org.finetuneplanner.ui.planner;

import org.finetuneplanner.core.memory.MemoryBreakdown;

/**
 * One GPU's memory against its capacity, for a bar.
 *
 * @param gpuId         catalog id
 * @param label         caption: "1 × L40S 48GB"
 * @param parts         the breakdown on one GPU
 * @param capacityBytes usable memory of one GPU
 * @param value         the numbers beside a small bar: "17.1 / 44.4", in the current language
 */
public record MemoryBarData(String gpuId, String label, MemoryBreakdown parts, long capacityBytes, String value) {

    public boolean fits() {
        return parts.totalBytes() <= capacityBytes;
    }

    public long headroomBytes() {
        return capacityBytes - parts.totalBytes();
    }
}
