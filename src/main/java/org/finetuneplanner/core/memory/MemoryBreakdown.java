package org.finetuneplanner.core.memory;

import org.finetuneplanner.core.Violation;

/**
 * One GPU's memory at the peak of a training step, in bytes. The first six parts are live tensors and add up to
 * {@link #peakAllocatedBytes()} ({@code torch.cuda.max_memory_allocated}); the caching allocator's extra makes
 * {@link #peakReservedBytes()} ({@code max_memory_reserved}); CUDA context and communication libraries make
 * {@link #totalBytes()} (what {@code nvidia-smi} shows).
 */
public record MemoryBreakdown(long weightsBytes, long gradientsBytes, long optimizerBytes, long activationsBytes,
                              long logitsBytes, long buffersBytes, long allocatorBytes, long cudaContextBytes) {

    public MemoryBreakdown {
        for (long v : new long[] {weightsBytes, gradientsBytes, optimizerBytes, activationsBytes, logitsBytes,
                buffersBytes, allocatorBytes, cudaContextBytes}) {
            if (v < 0) {
                throw Violation.atLeast("memory_bytes", 0, v).exception();
            }
        }
    }

    public long peakAllocatedBytes() {
        return weightsBytes + gradientsBytes + optimizerBytes + activationsBytes + logitsBytes + buffersBytes;
    }

    public long peakReservedBytes() {
        return peakAllocatedBytes() + allocatorBytes;
    }

    public long totalBytes() {
        return peakReservedBytes() + cudaContextBytes;
    }

    /** The bytes of one part. */
    public long bytes(MemoryComponent component) {
        return switch (component) {
            case WEIGHTS -> weightsBytes;
            case GRADIENTS -> gradientsBytes;
            case OPTIMIZER -> optimizerBytes;
            case ACTIVATIONS -> activationsBytes;
            case LOGITS -> logitsBytes;
            case BUFFERS -> buffersBytes;
            case ALLOCATOR -> allocatorBytes;
            case CUDA_CONTEXT -> cudaContextBytes;
        };
    }
}
