package org.finetuneplanner.core.memory;

/** The parts of one GPU's memory at the peak of a training step, in the order they are drawn. */
public enum MemoryComponent {
    WEIGHTS("weights"),
    GRADIENTS("gradients"),
    OPTIMIZER("optimizer"),
    ACTIVATIONS("activations"),
    LOGITS("logits"),
    BUFFERS("buffers"),
    ALLOCATOR("allocator"),
    CUDA_CONTEXT("cuda_context");

    private final String id;

    MemoryComponent(String id) {
        this.id = id;
    }

    /** The key in the result's {@code memory_gib} (allocator is reserved minus allocated). */
    public String id() {
        return id;
    }
}
