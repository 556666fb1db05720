package org.finetuneplanner.core.time;

import java.util.List;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.FrameworkProfile;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;

/**
 * Training speed of a scenario from the FLOPs it executes and the bytes it moves.
 *
 * <p>One optimizer step is {@code gradient_accumulation_steps} micro-steps of {@code b·s} tokens on each GPU. A
 * micro-step costs its FLOPs at an assumed utilisation of the GPU's dense peak, plus the memory-bound
 * dequantisation of 4-/8-bit base weights, plus communication and offload traffic that cannot hide behind the
 * compute. The step adds the optimizer update and the gradient synchronisation that happen once per step. Every
 * part is a {@link TimeTerm} when {@link #explain} is asked (totals only otherwise: the planner's search and a slider
 * tick build none); {@code docs/methodology.md} ("Time") explains each.
 *
 * <p>Pure; thread-safe; a few microseconds per call.
 */
public final class ThroughputEstimator {

    /**
     * Share of the dense peak the GEMMs of a training step reach when they are large: the best-shape matmul
     * reaches 73–87 % on NVIDIA (Bekman's MAMF table: A100 87 %, H100 80 %, B200 78 %); a step's GEMMs are not
     * all best-shape.
     */
    static final double GEMM_EFFICIENCY = 0.70;
    /** Tokens per micro-step at which a GEMM's efficiency is half its large-shape value (few rows per GEMM). */
    static final double HALF_EFFICIENCY_TOKENS = 256;
    /** AMD Instinct: achievable matmul is 51–60 % of peak against 73–87 % on NVIDIA (Bekman's MAMF table). */
    static final double AMD_FACTOR = 0.7;
    /**
     * The H100's measured best-shape BF16 share of its dense peak (Bekman's MAMF table: 794.5 of 989.5 TFLOPS), the
     * card {@link #GEMM_EFFICIENCY} was set against: a GPU with its own measurement scales by its share over this
     * one (the AMD factor and the NVIDIA 73–87 % range become each card's own figure).
     */
    static final double MAMF_REFERENCE = 794.5 / 989.5;
    /**
     * The highest measured share (A100: 271.2 of 312 TFLOPS); a catalog ratio above it means the listed peak is
     * below the card's real clock, not a faster matmul.
     */
    static final double MAMF_CAP = 271.2 / 312;
    /** FP8 (torchao float8 / Transformer Engine) speeds a step up by about 1.3×, not the 2× of the peak. */
    static final double FP8_SPEEDUP = 1.3;
    /** Element-wise traffic left after {@code torch.compile} fuses the chains of norms, RoPE, SwiGLU, residuals. */
    static final double COMPILE_TRAFFIC = 1.0 / 3;
    /** Share of the memory bandwidth that element-wise kernels (optimizer, dequantisation) reach. */
    static final double MEMORY_EFFICIENCY = 0.6;
    /**
     * Fraction of a micro-step's compute that can hide communication and offload traffic: FSDP/ZeRO prefetch
     * and DDP buckets overlap the collectives with compute, but NCCL kernels take SMs and the backward's
     * reduce-scatter and all-gather share the link.
     */
    static final double OVERLAP = 0.5;
    /** Host DRAM bandwidth a CPU optimizer step reaches per node (2-socket server), GB/s. */
    static final double HOST_DRAM_GBS = 200;

    /**
     * Estimates the speed of {@code s}.
     *
     * @param s the scenario
     * @param p its parameter counts (from {@code ParameterCounter.count})
     * @return tokens per second of the whole job, the step time and its parts
     */
    public ThroughputEstimate estimate(Scenario s, ParameterCounts p) {
        return run(s, p, -1, false).estimate();
    }

    /**
     * Estimates the speed of {@code s} knowing its memory: a paged optimizer (bitsandbytes {@code paged_adamw_*})
     * whose states do not fit in the GPU memory free at the optimizer step (headroom plus the activations and
     * logits, freed by then) pages the excess in and out over PCIe every step.
     *
     * @param s      the scenario
     * @param p      its parameter counts
     * @param memory its memory estimate (paged states are not part of its GPU total)
     * @return tokens per second of the whole job, the step time and its parts
     */
    public ThroughputEstimate estimate(Scenario s, ParameterCounts p, MemoryEstimate memory) {
        return run(s, p, freeAtStep(memory), false).estimate();
    }

    /**
     * The parts of {@link #estimate(Scenario, ParameterCounts, MemoryEstimate)}'s step time, each with its formula's
     * numbers and sources (their seconds add up to the step), and the utilisation assumed. Made only for what is
     * shown.
     */
    public TimeExplanation explain(Scenario s, ParameterCounts p, MemoryEstimate memory) {
        Run run = run(s, p, freeAtStep(memory), true);
        return new TimeExplanation(run.terms(), run.utilisation());
    }

    /** GPU memory free at the update: it runs after the backward, when activations and logits are freed. */
    private static long freeAtStep(MemoryEstimate memory) {
        long free = memory.headroomBytes() + memory.perGpu().activationsBytes() + memory.perGpu().logitsBytes();
        return Math.max(0, free);
    }

    /** An estimate and, when explained, its terms and the utilisation's term. */
    private record Run(ThroughputEstimate estimate, List<TimeTerm> terms, Term utilisation) {
    }

    /**
     * @param freeBytes GPU memory left free by the memory estimate, or -1 when unknown (no paging assumed)
     * @param explain   whether to record the terms (only for what is shown)
     */
    private Run run(Scenario s, ParameterCounts p, long freeBytes, boolean explain) {
        StepRun step = new StepRun(s, p, explain);
        ThroughputEstimate estimate = step.run(freeBytes);
        return new Run(estimate, step.terms(), step.utilisation());
    }

    /**
     * The default utilisation of the dense peak by the matmuls: the large-GEMM share × T/(T +
     * {@value #HALF_EFFICIENCY_TOKENS}) for T rows per GEMM, and for FP8 (measured against the FP8 peak)
     * × {@value #FP8_SPEEDUP}/2. The large-GEMM share is {@value #GEMM_EFFICIENCY}, scaled by the card's measured
     * best-shape share over the H100's where the catalog has one, else × {@value #AMD_FACTOR} on AMD.
     */
    static double defaultUtilisation(GpuSpec gpu, Precision precision, double microTokens) {
        double u = gemmEfficiency(gpu) * microTokens / (microTokens + HALF_EFFICIENCY_TOKENS);
        if (precision == Precision.FP8) {
            u *= FP8_SPEEDUP / 2;
        }
        return u;
    }

    /** The share of the dense peak large GEMMs of a step reach on {@code gpu}. */
    static double gemmEfficiency(GpuSpec gpu) {
        double share = measuredShare(gpu);
        if (share > 0) {
            return share * (GEMM_EFFICIENCY / MAMF_REFERENCE);
        }
        return GEMM_EFFICIENCY * (isAmd(gpu) ? AMD_FACTOR : 1);
    }

    /**
     * The best-shape BF16 matmul rate measured on the card over its dense peak (Bekman's MAMF table, in the GPU
     * catalog), at most {@link #MAMF_CAP}; 0 when not measured.
     */
    static double measuredShare(GpuSpec gpu) {
        double mamf = gpu.achievable().bf16();
        double peak = gpu.tflops().bf16();
        return mamf > 0 && peak > 0 ? Math.min(mamf / peak, MAMF_CAP) : 0;
    }

    /** The default utilisation's term. */
    static Term.Builder describeUtilisation(GpuSpec gpu, Precision precision, double utilisation) {
        double share = measuredShare(gpu);
        return Term.of(TermId.UTILISATION_DEFAULT, utilisation).in(Input.UTILISATION, utilisation)
                .in(Input.GEMM_EFFICIENCY, GEMM_EFFICIENCY).in(Input.HALF_TOKENS, HALF_EFFICIENCY_TOKENS)
                .in(Input.MAMF_SHARE, share, share > 0).in(Input.AMD_FACTOR, AMD_FACTOR, isAmd(gpu) && share == 0)
                .in(Input.FP8_FACTOR, FP8_SPEEDUP / 2, precision == Precision.FP8)
                .from(share > 0 ? List.of(SourceId.MATMUL_UTILISATION, SourceId.ACHIEVABLE_MATMUL)
                        : List.of(SourceId.MATMUL_UTILISATION));
    }

    /**
     * Bytes the element-wise kernels move per token on one GPU (before context and pipeline parallelism divide the
     * tokens and layers): per layer and forward pass 100·h (two fp32 RMSNorms and two residual adds, with the
     * attention output; ÷ TP only with sequence parallelism) + (20·kv·d (RoPE on keys) + 10·I (SwiGLU; 6·I for a
     * plain MLP)) ÷ TP; with eager attention + 12·a·s (scores written, the fp32 softmax read and written, mask or
     * dropout, read by AV; FlashAttention-2 keeps them on chip: Dao 2023 §4.1) ÷ TP; three passes (forward, backward
     * twice the forward) plus one with full recompute, and the eager scores once more with selective recompute; a
     * third of it with {@code torch.compile} or a framework's fused kernels; plus the loss over the TP shard of the
     * vocabulary: 20·V bytes (bf16 logits, fp32 upcast, softmax and its gradient), 8·V chunked, 3·p·V fused (one
     * chunk's logits written, the gradient made in place).
     */
    static double elementwiseBytesPerToken(Architecture a, TrainingSpec t, FrameworkProfile fw, int tp, int tsp) {
        double mlpWidth = a.moe().isMoe()
                ? (double) a.moe().expertsPerToken() * a.moe().expertIntermediate()
                        + (double) a.moe().sharedExperts() * a.moe().sharedIntermediate()
                : a.intermediateSize();
        double perLayer = StepRun.over(100.0 * a.hiddenSize(), tsp)
                + StepRun.over(20.0 * a.kvWidth() + (a.gatedMlp() ? 10 : 6) * mlpWidth, tp);
        boolean recompute = t.checkpointing() == Checkpointing.FULL || t.checkpointing() == Checkpointing.OFFLOAD;
        double passes = recompute ? 4 : 3;
        double scores = eagerScoreBytes(a, t, tp) * (passes + (t.checkpointing() == Checkpointing.SELECTIVE ? 1 : 0));
        double fused = t.compile() || fw.fusedKernels() ? COMPILE_TRAFFIC : 1;
        double blocks = (perLayer * passes + scores) * a.numLayers() * fused;
        double p = t.precision() == Precision.FP32 ? 4 : 2;
        double perLogit = switch (t.loss()) {
            case STANDARD -> 20.0;
            case CHUNKED -> 8.0;
            case FUSED -> 3 * p;
        };
        return blocks + StepRun.over(perLogit * a.vocabSize(), tp);
    }

    /** Eager attention's score traffic per token, layer and pass on one GPU: 12·a·s/TP bytes (0 with flash). */
    static double eagerScoreBytes(Architecture a, TrainingSpec t, int tp) {
        return t.attention() == Attention.EAGER ? StepRun.over(12.0 * a.numHeads() * t.sequenceLength(), tp) : 0;
    }

    /**
     * FP8 where the GPU has it, else BF16 (or FP16 where BF16 is missing), with a warning note. BF16 on a GPU
     * without BF16 tensor cores (before Ampere: V100, T4) stays BF16 and runs at the FP32 rate ({@link #peak}).
     */
    static Precision effectivePrecision(Precision wanted, GpuSpec gpu, List<Note> notes) {
        if (wanted == Precision.FP8 && !(gpu.fp8Supported() && gpu.tflops().fp8() > 0)) {
            Precision fallback = gpu.tflops().bf16() > 0 ? Precision.BF16 : Precision.FP16;
            notes.add(Note.of(NoteId.FP8_UNSUPPORTED, gpu.name(), fallback));
            return fallback;
        }
        return wanted;
    }

    /**
     * The dense peak the matmuls run at. BF16 tensor cores arrived with Ampere (sm_80; NVIDIA A100 whitepaper): on
     * a V100 or T4 a BF16 matmul runs on the FP32 units, about 8× below the FP16 tensor rate the card lists, so a
     * BF16 job there is timed at the FP32 peak and a note says FP16 with loss scaling would use the tensor cores.
     */
    static double peak(GpuSpec gpu, Precision precision, List<Note> notes) {
        double peak = gpu.tflops().dense(precision);
        if (peak > 0) {
            return peak;
        }
        double fp32 = gpu.tflops().fp32() > 0 ? gpu.tflops().fp32() : 1;
        if (precision == Precision.BF16 && gpu.tflops().fp16() > 0) {
            notes.add(Note.of(NoteId.BF16_UNSUPPORTED, gpu.name(), fp32));
        } else {
            notes.add(Note.of(NoteId.TIME_NO_PEAK, gpu.name(), precision, fp32));
        }
        return fp32;
    }

    /** Extra bytes per base parameter moved to dequantise it for one matmul pass (0 for 16-bit storage). */
    static double dequantBytesPerParameter(WeightStorage storage) {
        return switch (storage) {
            case NF4, INT4 -> 0.5 + 2;
            case INT8 -> 1 + 2;
            case FP8, FP16, BF16, FP32 -> 0;
        };
    }

    private static boolean isAmd(GpuSpec gpu) {
        return "AMD".equalsIgnoreCase(gpu.vendor());
    }
}
