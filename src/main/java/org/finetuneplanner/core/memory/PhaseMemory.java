package org.finetuneplanner.core.memory;

import java.util.Objects;

/**
 * One GPU's memory at one phase of the training step: the parts live then, the caching allocator's reserve over
 * them, the context. At the optimizer step the activations and logits are zero (freed after the backward): that is
 * the phase, not a missing number.
 *
 * @param phase the phase
 * @param parts the memory at that phase (for the peak phase, the estimate's {@link MemoryEstimate#perGpu()})
 * @param peak  whether this phase is the step's peak
 */
public record PhaseMemory(Phase phase, MemoryBreakdown parts, boolean peak) {

    public PhaseMemory {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(parts, "parts");
    }
}
