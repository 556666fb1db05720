package org.finetuneplanner.core.memory;

import java.util.List;
import java.util.Objects;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.Limits;

/**
 * The memory answer for one scenario: totals only (the terms that explain them come from
 * {@link MemoryEstimator#explain}, and only for what is shown).
 *
 * @param perGpu        the parts on the busiest GPU
 * @param hostBytes     host (CPU) memory the job needs per node for offloaded or paged state
 * @param capacityBytes the GPU's usable memory (or the scenario's budget)
 * @param notes         assumptions and warnings
 */
public record MemoryEstimate(MemoryBreakdown perGpu, long hostBytes, long capacityBytes, List<Note> notes) {

    public MemoryEstimate {
        Objects.requireNonNull(perGpu, "perGpu");
        if (hostBytes < 0 || hostBytes > Limits.MAX_MEMORY_BYTES) {
            throw Violation.range("host_memory_bytes", 0, Limits.MAX_MEMORY_BYTES, hostBytes).exception();
        }
        notes = List.copyOf(notes);
    }

    /** Whether the whole process ({@link MemoryBreakdown#totalBytes()}) fits in the card. */
    public boolean fits() {
        return perGpu.totalBytes() <= capacityBytes;
    }

    /** Capacity minus total; negative when it does not fit. */
    public long headroomBytes() {
        return capacityBytes - perGpu.totalBytes();
    }
}
