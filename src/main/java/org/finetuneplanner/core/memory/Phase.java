package org.finetuneplanner.core.memory;

/** The phases of a training step that {@link MemoryEstimator} follows; the largest is the peak. */
public enum Phase {
    /** End of forward and the cross-entropy backward: every saved activation and the logits spike. */
    LOSS,
    /** Start of the backward: the activations and one block's recompute and activation gradients. */
    BACKWARD_START,
    /** End of the backward: all gradients and the first block's backward. */
    BACKWARD_END,
    /** The optimizer step: weights, gradients, states and the update's temporaries. */
    OPTIMIZER_STEP
}
