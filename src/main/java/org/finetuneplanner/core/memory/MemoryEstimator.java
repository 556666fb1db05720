package org.finetuneplanner.core.memory;

import java.util.List;

import org.finetuneplanner.core.scenario.Scenario;

/**
 * Per-GPU memory of one training step, each part on its own, in closed form.
 *
 * <p>The step is followed through its three phases and the largest is the peak ({@code max_memory_allocated}):
 * <ol>
 *   <li><b>loss</b> – end of forward and the cross-entropy backward: weights, optimizer states, every saved
 *       activation and the logits spike;</li>
 *   <li><b>backward</b> – activations are freed block by block while gradients appear; both change linearly, so
 *       the largest point is at one end: all activations (or the checkpointed inputs plus one recomputed block)
 *       or all gradients;</li>
 *   <li><b>optimizer step</b> – weights, gradients, states and the update's temporaries, no activations.</li>
 * </ol>
 * The parts of the winning phase add up to {@code peak_allocated}; the caching allocator's fragmentation makes
 * {@code peak_reserved}; CUDA context and NCCL make {@code total}. Every formula and default is explained in
 * {@code docs/methodology.md} ("Memory"); {@link #explain} gives every contribution as a {@link MemoryTerm} with its
 * formula's numbers and sources.
 *
 * <p>Pure; thread-safe; arithmetic only (no lookups or parsing per call).
 */
public final class MemoryEstimator {

    static final double GIB = 1024.0 * 1024 * 1024;
    /** NF4 with double quantisation: 4 + 8/64 + 32/(64·256) bits (Dettmers et al. 2023, arXiv 2305.14314). */
    static final double NF4_BITS = 4.0 + 8.0 / 64 + 32.0 / (64 * 256);
    /**
     * NF4 without double quantisation: 4 bits and one fp32 absmax per block of 64 (bitsandbytes
     * {@code compress_statistics=False}; Lightning's {@code bnb.nf4} against {@code bnb.nf4-dq}).
     */
    static final double NF4_BITS_SINGLE = 4.0 + 32.0 / 64;
    /** GPTQ int4 with fp16 scale and zero per group of 128: 4 + 32/128 bits (AutoGPTQ default group size). */
    static final double INT4_BITS = 4.0 + 32.0 / 128;
    /** LLM.int8: int8 weights plus an fp32 scale per row (bitsandbytes Int8Params). */
    static final double INT8_BITS = 8.0;
    /** CUDA context and kernels of an eager PyTorch process (Bekman: 0.9 GiB A100 torch 2.x; asmirnov 1000 MiB). */
    static final double CUDA_CONTEXT_GIB = 1.0;
    /** NCCL communicators and buffers after the first collective (Bekman torch-dist-mem-usage.py: ~1.5 GiB). */
    static final double NCCL_GIB = 1.0;
    /** Caching allocator: share of the churning memory (activations, logits, buffers) left as fragments. */
    static final double FRAGMENTATION_TRANSIENT = 0.25;
    /** Caching allocator: share of the long-lived memory lost to block rounding and load-time fragments. */
    static final double FRAGMENTATION_STATIC = 0.04;
    /** Allocator slack independent of size (cuBLAS workspaces, small-block pools). */
    static final double ALLOCATOR_FLOOR_GIB = 0.25;
    /** bitsandbytes 8-bit optimizers keep tensors with fewer elements in 32 bit (min_8bit_size). */
    static final long MIN_8BIT_SIZE = 4096;

    /**
     * Estimates the per-GPU memory of {@code s}: totals, host memory, capacity and notes, no explanation (fast:
     * the planner calls it a few hundred times per slider tick). Pure; thread-safe.
     */
    public MemoryEstimate estimate(Scenario s) {
        return new MemoryRun(s, false).estimate();
    }

    /**
     * The terms that explain {@link #estimate}'s parts for {@code s}: per component they add up to its part (each
     * rounded to a byte). Made only for what is shown. Pure; thread-safe.
     */
    public List<MemoryTerm> explain(Scenario s) {
        MemoryRun run = new MemoryRun(s, true);
        run.estimate();
        return run.terms();
    }
}
