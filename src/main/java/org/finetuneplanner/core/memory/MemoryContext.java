package org.finetuneplanner.core.memory;

import static org.finetuneplanner.core.memory.MemoryEstimator.INT4_BITS;
import static org.finetuneplanner.core.memory.MemoryEstimator.INT8_BITS;
import static org.finetuneplanner.core.memory.MemoryEstimator.NF4_BITS;
import static org.finetuneplanner.core.memory.MemoryEstimator.NF4_BITS_SINGLE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;

/**
 * What every part of one memory estimate reads: the scenario's shapes and choices, derived once, and where the
 * explanation's terms, the notes and the host memory are collected. Lives for a single call of
 * {@link MemoryEstimator}; terms are recorded only when {@code explain}.
 */
final class MemoryContext {
    final Architecture a;
    final MethodSpec m;
    final TrainingSpec t;
    final HardwareSpec hw;
    final FrameworkProfile fw;
    final ParameterCounts pc;
    final boolean explain;
    final List<MemoryTerm> terms;
    final List<Note> notes = new ArrayList<>(6);
    final int gpus;
    /** The model-parallel layout. */
    final Parallelism par;
    /** Tensor-parallel degree: heads and MLP width are split over it. */
    final int tp;
    /** What the hidden-size-wide tensors (norms, residuals) are split over: TP with sequence parallelism, else 1. */
    final int tsp;
    /** Context-parallel degree: the sequence is split over it. */
    final int cp;
    /** The data × context-parallel ranks that share one set of weights: what ZeRO/FSDP shard over. */
    final int dpGroup;
    /** Blocks on the most loaded pipeline stage: ⌈L/PP⌉. */
    final int stageLayers;
    final Sharding sharding;
    final int paramShard;
    final int gradShard;
    final int optShard;
    final boolean amp;
    final double actBytes;
    final long tokens;
    final boolean adapters;
    final boolean quantized;
    final ActivationModel act;
    double hostBytes;

    MemoryContext(Scenario s, boolean explain) {
        this.a = s.model().architecture();
        this.m = s.method();
        this.t = s.training();
        this.hw = s.hardware();
        this.fw = FrameworkProfile.of(t.framework());
        this.par = hw.parallel();
        this.pc = ParameterCounter.perRank(a, m, par);
        this.explain = explain;
        this.terms = explain ? new ArrayList<>(24) : List.of();
        this.gpus = hw.gpuCount();
        this.tp = par.tensor();
        this.tsp = par.sequenceParallelActive() ? tp : 1;
        this.cp = par.context();
        this.dpGroup = hw.dataParallel() * cp;
        this.stageLayers = par.pipeline() == 1 ? a.numLayers() : (a.numLayers() + par.pipeline() - 1) / par.pipeline();
        Sharding sh = hw.sharding();
        if (dpGroup == 1) {
            sh = Sharding.NONE;
        } else if (sh == Sharding.NONE) {
            sh = Sharding.DDP;
        }
        this.sharding = sh;
        this.paramShard = sh == Sharding.ZERO3 || sh == Sharding.FSDP ? dpGroup : 1;
        this.gradShard = sh == Sharding.ZERO2 || sh == Sharding.ZERO3 || sh == Sharding.FSDP
                || sh == Sharding.FSDP_GRAD_OP ? dpGroup : 1;
        // Megatron's distributed optimizer shards the fp32 master and moments over the data-parallel ranks even
        // under plain data parallelism (ZeRO-1 by another name: theoretical_memory_usage.py, 6 + 12/d bytes).
        boolean distributed = sh == Sharding.ZERO1 || sh == Sharding.DDP && fw.distributedOptimizer();
        this.optShard = distributed || gradShard > 1 ? dpGroup : 1;
        this.amp = t.masterWeights() && t.precision() != Precision.FP32;
        this.actBytes = t.precision() == Precision.FP32 ? 4 : 2;
        this.tokens = cp == 1 ? t.tokensPerMicroBatch() : t.tokensPerMicroBatch() / cp;
        this.adapters = m.usesAdapters();
        this.quantized = baseStorage().isQuantized();
        this.act = new ActivationModel(a, m, t, fw, quantized, amp, actBytes, tp, tsp);
    }

    /**
     * {@code x / k} for a parallel degree {@code k}: no division when the degree is 1, as it is for nearly every
     * scenario (a division is the slowest arithmetic of the estimate, which the planner runs thousands of times per
     * tick).
     */
    static double over(double x, int k) {
        return k == 1 ? x : x / k;
    }

    /** The explained terms, grouped by memory part in the order the parts are drawn (after {@link #estimate}). */
    List<MemoryTerm> terms() {
        List<MemoryTerm> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparing(MemoryTerm::component));
        return sorted;
    }

    /** The storage of the frozen base: QLoRA stores a 16-bit choice in NF4. */
    WeightStorage baseStorage() {
        if (m.type() == FineTuneMethod.QLORA && !m.baseWeights().isQuantized()) {
            return WeightStorage.NF4;
        }
        return m.baseWeights();
    }

    /** Records a term (call only when explaining). */
    void add(MemoryComponent component, Term.Builder term) {
        terms.add(new MemoryTerm(component, term.build()));
    }

    static double bytesOf(Precision p) {
        return switch (p) {
            case FP32 -> 4;
            case FP16, BF16 -> 2;
            case FP8 -> 2; // FP8 training keeps bf16 weights and casts per matmul (torchao float8)
        };
    }

    static double bytesOf(WeightStorage w) {
        return switch (w) {
            case FP32 -> 4;
            case FP16, BF16 -> 2;
            case FP8 -> 1;
            case INT8 -> INT8_BITS / 8;
            case INT4 -> INT4_BITS / 8;
            case NF4 -> NF4_BITS / 8;
        };
    }

    /** Bytes per stored base weight: NF4 without double quantisation keeps an fp32 absmax per 64 weights. */
    double baseBytes() {
        WeightStorage w = baseStorage();
        return w == WeightStorage.NF4 && !m.doubleQuant() ? NF4_BITS_SINGLE / 8 : bytesOf(w);
    }

    boolean halfPrecision() {
        return t.precision() == Precision.BF16 || t.precision() == Precision.FP16;
    }

    /** Bytes of a trainable parameter (and its gradient when not mixed precision). */
    double trainableBytes() {
        if (t.masterWeights()) {
            return fw.separateMaster() ? bytesOf(t.precision()) : 4;
        }
        if (adapters && fw.adapterFp32() && t.precision() != Precision.FP32) {
            return 4;
        }
        return adapters ? bytesOf(t.precision()) : bytesOf(m.baseWeights());
    }

    /** GPUs sharing one host: host memory is reported per node. */
    int gpusOnNode() {
        return Math.max(1, Math.min(gpus, hw.gpusPerNode()));
    }

    /**
     * A figure of the estimate in whole bytes: the one place its doubles become longs. A figure that is not a
     * number or is above {@link Limits#MAX_MEMORY_BYTES} is refused rather than saturated ({@code Math.round} would
     * give 2^63 − 1, and a sum of those wraps to a negative total); the product limits keep every accepted
     * scenario far below it.
     */
    static long round(double bytes) {
        if (!(bytes <= Limits.MAX_MEMORY_BYTES)) {
            throw Violation.range("memory_bytes", 0, Limits.MAX_MEMORY_BYTES, bytes).exception();
        }
        return bytes <= 0 ? 0 : Math.round(bytes);
    }
}
