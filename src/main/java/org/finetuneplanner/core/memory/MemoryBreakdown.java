package org.finetuneplanner.core.memory;

import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.Limits;

/**
 * One GPU's memory at the peak of a training step, in bytes. The first six parts are live tensors and add up to
 * {@link #peakAllocatedBytes()} ({@code torch.cuda.max_memory_allocated}); the caching allocator's extra makes
 * {@link #peakReservedBytes()} ({@code max_memory_reserved}); CUDA context and communication libraries make
 * {@link #totalBytes()} (what {@code nvidia-smi} shows).
 *
 * <p>Every part is ≥ 0 and all of them add up to at most {@link Limits#MAX_MEMORY_BYTES}, checked on construction
 * without overflow, so none of the sums below can wrap.
 */
public record MemoryBreakdown(long weightsBytes, long gradientsBytes, long optimizerBytes, long activationsBytes,
                              long logitsBytes, long buffersBytes, long allocatorBytes, long cudaContextBytes) {

    public MemoryBreakdown {
        long sum = 0;
        for (long v : new long[] {weightsBytes, gradientsBytes, optimizerBytes, activationsBytes, logitsBytes,
                buffersBytes, allocatorBytes, cudaContextBytes}) {
            if (v < 0) {
                throw Violation.atLeast("memory_bytes", 0, v).exception();
            }
            // sum ≤ MAX, so MAX − sum cannot overflow; v above it would carry the sum past the limit.
            if (v > Limits.MAX_MEMORY_BYTES - sum) {
                throw Violation.range("memory_bytes", 0, Limits.MAX_MEMORY_BYTES, (double) sum + v).exception();
            }
            sum += v;
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
