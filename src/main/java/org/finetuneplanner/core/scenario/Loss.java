package org.finetuneplanner.core.scenario;

/** Cross-entropy implementation. */
public enum Loss implements Identified {
    /** Full logits, upcast to fp32 for the softmax. */
    STANDARD("standard"),
    /** Chunked cross-entropy: 16-bit logits, one chunk's fp32 softmax at a time (torchtune). */
    CHUNKED("chunked"),
    /**
     * Fused linear cross-entropy (Liger FLCE, Apple Cut Cross-Entropy, Unsloth since late 2024): the {@code b·s·V}
     * logits are never held in full, only one chunk at a time.
     */
    FUSED("fused");

    private final String id;

    Loss(String id) {
        this.id = id;
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
