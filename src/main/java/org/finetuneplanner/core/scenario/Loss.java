package org.finetuneplanner.core.scenario;

/** Cross-entropy implementation. */
public enum Loss implements Identified {
    /** Full logits, upcast to fp32 for the softmax. */
    STANDARD("standard", 0),
    /** Chunked cross-entropy: 16-bit logits, one chunk's fp32 softmax at a time (torchtune). */
    CHUNKED("chunked", 1),
    /**
     * Fused linear cross-entropy (Liger FLCE, Apple Cut Cross-Entropy, Unsloth since late 2024): the {@code b·s·V}
     * logits are never held in full, only one chunk at a time.
     */
    FUSED("fused", 2);

    private final String id;
    private final int memoryStep;

    Loss(String id, int memoryStep) {
        this.id = id;
        this.memoryStep = memoryStep;
    }

    /**
     * This setting's step on the planner's ladder of logits memory: a higher step holds fewer bytes on the GPU. The
     * planner tries the steps above the scenario's, lowest first, so a new constant joins the search by its step
     * alone (the fused loss sits at 2).
     */
    public int memoryStep() {
        return memoryStep;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Loss> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
