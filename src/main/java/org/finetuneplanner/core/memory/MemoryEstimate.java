package org.finetuneplanner.core.memory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.Limits;

/**
 * The memory answer for one scenario: totals only (the terms that explain them come from
 * {@link MemoryEstimator#explain}, and only for what is shown).
 *
 * @param perGpu            the parts on the busiest GPU at the step's peak
 * @param hostBytes         host (CPU) memory the job needs per node for offloaded or paged state
 * @param capacityBytes     the GPU's usable memory (or the scenario's budget)
 * @param notes             assumptions and warnings
 * @param phases            the memory at every phase of the step, in step order (empty when not followed)
 * @param hostCapacityBytes the host memory per node the scenario gives ({@code hardware.host_memory_gib}), or
 *                          empty when unknown (then host memory is not checked)
 */
public record MemoryEstimate(MemoryBreakdown perGpu, long hostBytes, long capacityBytes, List<Note> notes,
                             List<PhaseMemory> phases, OptionalLong hostCapacityBytes) {

    public MemoryEstimate {
        Objects.requireNonNull(perGpu, "perGpu");
        Objects.requireNonNull(hostCapacityBytes, "hostCapacityBytes");
        if (hostBytes < 0 || hostBytes > Limits.MAX_MEMORY_BYTES) {
            throw Violation.range("host_memory_bytes", 0, Limits.MAX_MEMORY_BYTES, hostBytes).exception();
        }
        notes = List.copyOf(notes);
        phases = phases == null ? List.of() : List.copyOf(phases);
    }

    /** An estimate without phases and without a host memory to check. */
    public MemoryEstimate(MemoryBreakdown perGpu, long hostBytes, long capacityBytes, List<Note> notes) {
        this(perGpu, hostBytes, capacityBytes, notes, List.of(), OptionalLong.empty());
    }

    /**
     * Whether the job fits: the whole process ({@link MemoryBreakdown#totalBytes()}) in the card and, where the
     * scenario gives the host memory per node, the offloaded state in it.
     */
    public boolean fits() {
        return perGpu.totalBytes() <= capacityBytes && hostFits();
    }

    /** Whether the host memory the job needs is within the scenario's (true when the scenario gives none). */
    public boolean hostFits() {
        return hostCapacityBytes.isEmpty() || hostBytes <= hostCapacityBytes.getAsLong();
    }

    /** Capacity minus total; negative when it does not fit. */
    public long headroomBytes() {
        return capacityBytes - perGpu.totalBytes();
    }

    /** The phase of the peak, when the phases were followed. */
    public Optional<Phase> peakPhase() {
        return phases.stream().filter(PhaseMemory::peak).map(PhaseMemory::phase).findFirst();
    }

    /** The memory at {@code phase}, when the phases were followed. */
    public Optional<MemoryBreakdown> at(Phase phase) {
        return phases.stream().filter(p -> p.phase() == phase).map(PhaseMemory::parts).findFirst();
    }
}
