package org.finetuneplanner.core.time;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
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
    /** FP8 (torchao float8 / Transformer Engine) speeds a step up by about 1.3×, not the 2× of the peak. */
    static final double FP8_SPEEDUP = 1.3;
    /** Element-wise traffic left after {@code torch.compile} fuses the chains of norms, RoPE, SwiGLU, residuals. */
    static final double COMPILE_TRAFFIC = 1.0 / 3;
    /** Share of the memory bandwidth that element-wise kernels (optimizer, dequantisation) reach. */
    static final double MEMORY_EFFICIENCY = 0.6;
    /** Share of the per-direction link bandwidth NCCL reaches over NVLink / xGMI (Bekman: 396 of 450 GB/s). */
    static final double NVLINK_EFFICIENCY = 0.85;
    /** Share reached over PCIe peer links (shared root complex, no NVSwitch). */
    static final double PCIE_EFFICIENCY = 0.5;
    /** Share of the host link a pinned-memory copy reaches. */
    static final double HOST_EFFICIENCY = 0.8;
    /**
     * Fraction of a micro-step's compute that can hide communication and offload traffic: FSDP/ZeRO prefetch
     * and DDP buckets overlap the collectives with compute, but NCCL kernels take SMs and the backward's
     * reduce-scatter and all-gather share the link.
     */
    static final double OVERLAP = 0.5;
    /** Inter-node bandwidth per GPU for NVLink-class nodes: one 400 Gb/s NIC per GPU (HGX/DGX design), GB/s. */
    static final double INTER_NODE_GBS_PER_GPU_NVLINK = 50;
    /** Inter-node bandwidth of a PCIe-class node: one 100 Gb/s NIC per node, GB/s. */
    static final double INTER_NODE_GBS_PER_NODE_PCIE = 12.5;
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
        Architecture a = s.model().architecture();
        MethodSpec m = s.method();
        TrainingSpec t = s.training();
        HardwareSpec hw = s.hardware();
        GpuSpec gpu = hw.gpu();
        List<Note> notes = new ArrayList<>(4);
        List<TimeTerm> terms = explain ? new ArrayList<>(6) : List.of();
        double[] parts = new double[TimeTerm.Part.values().length];

        int n = hw.gpuCount();
        int ga = t.gradientAccumulationSteps();
        double microTokens = (double) t.microBatchSize() * t.sequenceLength();
        boolean recompute = t.checkpointing() != Checkpointing.NONE;

        // FLOPs per token -------------------------------------------------------------------------------
        double h = a.hiddenSize();
        double lmHead = (double) a.vocabSize() * h;
        double matmul = Math.max(0, p.active() - p.embedding() - p.other()) + lmHead;
        double trainableMatmul = trainableMatmulParameters(m, matmul, lmHead);
        double adapter = p.adapter();
        double causal = t.attention() == Attention.FLASH ? 0.5 : 1.0;
        double attention = 4.0 * a.numLayers() * t.sequenceLength() * a.queryWidth() * causal;
        double forward = 2 * matmul + 2 * adapter + attention;
        double backward = 2 * matmul + 2 * trainableMatmul + 4 * adapter + 2 * attention;
        double flopsPerToken = forward + backward + (recompute ? forward : 0);

        // Peak and utilisation --------------------------------------------------------------------------
        Precision precision = effectivePrecision(t.precision(), gpu, notes);
        double peakTflops = gpu.tflops().dense(precision);
        if (!(peakTflops > 0)) {
            peakTflops = gpu.tflops().fp32() > 0 ? gpu.tflops().fp32() : 1;
            notes.add(Note.of(NoteId.TIME_NO_PEAK, gpu.name(), precision, peakTflops));
        }
        double memoryBandwidth = Math.max(gpu.memoryBandwidthTBs(), 0.01) * 1e12 * MEMORY_EFFICIENCY;
        double utilisation;
        boolean userUtilisation = s.cost().mfu().isPresent();
        Term utilisationTerm = null;
        if (userUtilisation) {
            utilisation = s.cost().mfu().getAsDouble();
            if (explain) {
                utilisationTerm = Term.of(TermId.UTILISATION_SCENARIO, utilisation)
                        .in(Input.UTILISATION, utilisation).build();
            }
        } else {
            utilisation = defaultUtilisation(gpu, precision, microTokens);
            if (explain) {
                utilisationTerm = Term.of(TermId.UTILISATION_DEFAULT, utilisation).in(Input.UTILISATION, utilisation)
                        .in(Input.GEMM_EFFICIENCY, GEMM_EFFICIENCY).in(Input.HALF_TOKENS, HALF_EFFICIENCY_TOKENS)
                        .in(Input.AMD_FACTOR, AMD_FACTOR, isAmd(gpu))
                        .in(Input.FP8_FACTOR, FP8_SPEEDUP / 2, precision == Precision.FP8)
                        .from(SourceId.MATMUL_UTILISATION).build();
            }
        }
        double computeMicro = microTokens * flopsPerToken / (peakTflops * 1e12 * utilisation);
        parts[TimeTerm.Part.COMPUTE.ordinal()] += ga * computeMicro;
        if (explain) {
            terms.add(new TimeTerm(TimeTerm.Part.COMPUTE, Term.of(recompute ? TermId.COMPUTE_FLOPS_RECOMPUTE
                    : TermId.COMPUTE_FLOPS, ga * computeMicro).in(Input.GA, ga).in(Input.MICRO_TOKENS, microTokens)
                    .in(Input.FLOPS_PER_TOKEN, flopsPerToken).in(Input.PEAK_TFLOPS, peakTflops)
                    .in(Input.UTILISATION, utilisation).from(SourceId.FLOPS).build()));
        }
        if (!userUtilisation && a.moe().isMoe() && a.moe().experts() > 0) {
            // Routed experts see only b·s·k/E rows each: their GEMMs are small and run at a lower utilisation.
            double expertParams = (double) ParameterCounter.moeLayers(a) * a.moe().expertsPerToken()
                    * ParameterCounter.mlpLinear(a, a.moe().expertIntermediate());
            double expertFlops = expertParams * (4 + (m.type() == FineTuneMethod.FULL ? 2 : 0) + (recompute ? 2 : 0));
            double rows = microTokens * a.moe().expertsPerToken() / a.moe().experts();
            double expertUtilisation = defaultUtilisation(gpu, precision, rows);
            double extra = microTokens * expertFlops / (peakTflops * 1e12)
                    * (1 / expertUtilisation - 1 / utilisation);
            computeMicro += extra;
            parts[TimeTerm.Part.COMPUTE.ordinal()] += ga * extra;
            if (explain) {
                terms.add(new TimeTerm(TimeTerm.Part.COMPUTE, Term.of(TermId.MOE_SMALL_GEMMS, ga * extra)
                        .in(Input.GA, ga).in(Input.MICRO_TOKENS, microTokens).in(Input.EXPERT_FLOPS, expertFlops)
                        .in(Input.PEAK_TFLOPS, peakTflops).in(Input.EXPERT_UTILISATION, expertUtilisation)
                        .in(Input.UTILISATION, utilisation).from(SourceId.MOE_ROUTING).build()));
            }
        }
        if (!userUtilisation) {
            double perToken = elementwiseBytesPerToken(a, t, recompute);
            double elementwise = microTokens * perToken / memoryBandwidth;
            computeMicro += elementwise;
            parts[TimeTerm.Part.COMPUTE.ordinal()] += ga * elementwise;
            if (explain) {
                terms.add(new TimeTerm(TimeTerm.Part.COMPUTE, Term.of(TermId.ELEMENTWISE, ga * elementwise)
                        .in(Input.GA, ga).in(Input.MICRO_TOKENS, microTokens).in(Input.TOKEN_BYTES, perToken)
                        .in(Input.BANDWIDTH, memoryBandwidth).in(Input.MEMORY_EFFICIENCY, MEMORY_EFFICIENCY)
                        .from(SourceId.ELEMENTWISE_TRAFFIC).build()));
            }
        }

        // Dequantisation of quantised base weights --------------------------------------------------------
        double dequantBytes = dequantBytesPerParameter(m.baseWeights());
        double dequantMicro = 0;
        if (m.usesAdapters() && dequantBytes > 0) {
            int passes = recompute ? 3 : 2;
            dequantMicro = passes * p.linear() * dequantBytes / memoryBandwidth;
            parts[TimeTerm.Part.DEQUANTIZE.ordinal()] += ga * dequantMicro;
            if (explain) {
                terms.add(new TimeTerm(TimeTerm.Part.DEQUANTIZE, Term.of(TermId.DEQUANTIZATION, ga * dequantMicro)
                        .about(m.baseWeights()).in(Input.GA, ga).in(Input.PASSES, passes)
                        .in(Input.N_LINEAR, p.linear()).in(Input.DEQUANT_BYTES, dequantBytes)
                        .in(Input.BANDWIDTH, memoryBandwidth).in(Input.MEMORY_EFFICIENCY, MEMORY_EFFICIENCY)
                        .from(SourceId.DEQUANTISATION).build()));
            }
        }

        // Optimizer step --------------------------------------------------------------------------------
        Sharding sharding = hw.sharding();
        boolean shardsStates = n > 1 && sharding != Sharding.NONE && sharding != Sharding.DDP;
        double trainableLocal = shardsStates ? (double) p.trainable() / n : p.trainable();
        double paramBytes = t.masterWeights() ? 4 : bytes(precision);
        double gradBytes = bytes(precision);
        double optimizerSeconds;
        if (hw.offload() == Offload.NONE) {
            double perParam = 2 * paramBytes + gradBytes + 2 * stateBytes(t.optimizer(), paramBytes)
                    + (t.masterWeights() ? 2 : 0);
            optimizerSeconds = trainableLocal * perParam / memoryBandwidth;
            if (explain) {
                terms.add(new TimeTerm(TimeTerm.Part.OPTIMIZER, Term.of(TermId.OPTIMIZER_UPDATE, optimizerSeconds)
                        .about(t.optimizer()).in(Input.N_LOCAL, trainableLocal).in(Input.UPDATE_BYTES, perParam)
                        .in(Input.BANDWIDTH, memoryBandwidth).in(Input.MEMORY_EFFICIENCY, MEMORY_EFFICIENCY)
                        .from(SourceId.OPTIMIZER_UPDATE).build()));
            }
        } else {
            // CPU step: fp32 master, moments and gradient read and written in host DRAM, shared by the node.
            double perNode = trainableLocal * Math.min(n, hw.gpusPerNode());
            double cpuStep = perNode * 28 / (HOST_DRAM_GBS * 1e9);
            double hostLink = gpu.interconnect().hostGBsUnidirectional() * 1e9 * HOST_EFFICIENCY;
            double transfer = trainableLocal * (gradBytes + bytes(precision)) / hostLink;
            optimizerSeconds = cpuStep + transfer;
            if (explain) {
                terms.add(new TimeTerm(TimeTerm.Part.OPTIMIZER, Term.of(TermId.CPU_OPTIMIZER_STEP, optimizerSeconds)
                        .in(Input.N_NODE, perNode).in(Input.DRAM, HOST_DRAM_GBS * 1e9)
                        .in(Input.N_LOCAL, trainableLocal).in(Input.COPY_BYTES, gradBytes + bytes(precision))
                        .in(Input.HOST_LINK, hostLink).from(SourceId.ZERO_OFFLOAD_2021).build()));
            }
        }
        parts[TimeTerm.Part.OPTIMIZER.ordinal()] += optimizerSeconds;

        boolean paged = t.optimizer() == Optimizer.PAGED_ADAMW_32BIT || t.optimizer() == Optimizer.PAGED_ADAMW_8BIT;
        if (paged && hw.offload() == Offload.NONE && freeBytes >= 0) {
            double pagedBytes = trainableLocal * (stateBytes(t.optimizer(), paramBytes) + (t.masterWeights() ? 4 : 0));
            double overflow = Math.max(0, pagedBytes - freeBytes);
            if (overflow > 0) {
                double hostLink = gpu.interconnect().hostGBsUnidirectional() * 1e9 * HOST_EFFICIENCY;
                double paging = 2 * overflow / hostLink;
                optimizerSeconds += paging;
                parts[TimeTerm.Part.OFFLOAD.ordinal()] += paging;
                if (explain) {
                    terms.add(new TimeTerm(TimeTerm.Part.OFFLOAD, Term.of(TermId.PAGED_TRAFFIC, paging)
                            .in(Input.PAGED, pagedBytes).in(Input.FREE, freeBytes).in(Input.HOST_LINK, hostLink)
                            .from(SourceId.BNB_PAGED_TRAFFIC).build()));
                }
            }
        }

        // Communication -----------------------------------------------------------------------------------
        double commMicroBytes = 0;
        double commStepBytes = 0;
        double weightBytes = storageBytes(m, precision);
        if (n > 1) {
            double frac = (n - 1.0) / n;
            double trainable = p.trainable();
            switch (sharding) {
                case NONE, DDP, ZERO1 -> commStepBytes = 2 * frac * trainable * gradBytes;
                case ZERO2, FSDP_GRAD_OP -> {
                    commMicroBytes = frac * trainable * gradBytes;
                    commStepBytes = frac * trainable * bytes(precision);
                }
                case ZERO3, FSDP -> commMicroBytes = frac * (2 * p.base() * weightBytes
                        + 2 * p.adapter() * bytes(precision) + trainable * gradBytes);
                default -> throw new IllegalStateException("unknown sharding " + sharding);
            }
        }
        double linkBytesPerSecond = collectiveBandwidth(hw) * 1e9;
        double commMicro = commMicroBytes / linkBytesPerSecond;
        double commStep = commStepBytes / linkBytesPerSecond;
        double hideable = OVERLAP * computeMicro;
        double exposedMicro = Math.max(0, commMicro - hideable);
        // The per-step synchronisation overlaps only the last micro-step's backward (about 2/3 of its compute).
        double exposedStep = Math.max(0, commStep - OVERLAP * computeMicro * 2 / 3);
        double commSeconds = ga * exposedMicro + exposedStep;
        if (n > 1) {
            parts[TimeTerm.Part.COMMUNICATION.ordinal()] += commSeconds;
            if (explain) {
                terms.add(new TimeTerm(TimeTerm.Part.COMMUNICATION, Term.of(TermId.COMMUNICATION, commSeconds)
                        .about(sharding).in(Input.GA, ga).in(Input.OVERLAP, OVERLAP)
                        .in(Input.VOLUME_MICRO, commMicroBytes).in(Input.LINK, linkBytesPerSecond)
                        .in(Input.HIDEABLE, hideable).in(Input.VOLUME_STEP, commStepBytes)
                        .in(Input.HIDEABLE_STEP, OVERLAP * computeMicro * 2 / 3).from(SourceId.ZERO_COMMUNICATION)
                        .build()));
            }
        }

        // Offload traffic per micro-step -------------------------------------------------------------------
        double hostLink = gpu.interconnect().hostGBsUnidirectional() * 1e9 * HOST_EFFICIENCY;
        double offloadMicroBytes = 0;
        if (hw.offload() == Offload.OPTIMIZER_AND_PARAMS) {
            double shards = shardsStates ? n : 1;
            offloadMicroBytes += (recompute ? 3 : 2) * p.base() * weightBytes / shards;
        }
        if (t.checkpointing() == Checkpointing.OFFLOAD) {
            offloadMicroBytes += 2 * microTokens * h * a.numLayers() * bytes(precision);
        }
        double offloadSeconds = 0;
        if (offloadMicroBytes > 0) {
            double exposed = Math.max(0, offloadMicroBytes / hostLink - Math.max(0, hideable - commMicro));
            offloadSeconds = ga * exposed;
            parts[TimeTerm.Part.OFFLOAD.ordinal()] += offloadSeconds;
            if (explain) {
                terms.add(new TimeTerm(TimeTerm.Part.OFFLOAD, Term.of(TermId.OFFLOAD_TRAFFIC, offloadSeconds)
                        .in(Input.GA, ga).in(Input.VOLUME_HOST, offloadMicroBytes).in(Input.HOST_LINK, hostLink)
                        .in(Input.REMAINING, Math.max(0, hideable - commMicro)).from(SourceId.ZERO_OFFLOAD_2021)
                        .build()));
            }
        }

        double step = ga * (computeMicro + dequantMicro) + optimizerSeconds + commSeconds + offloadSeconds;
        double tokensPerSecond = microTokens * ga * n / step;
        Map<TimeTerm.Part, Double> partSeconds = new EnumMap<>(TimeTerm.Part.class);
        for (TimeTerm.Part part : TimeTerm.Part.values()) {
            partSeconds.put(part, parts[part.ordinal()]);
        }
        return new Run(new ThroughputEstimate(flopsPerToken, tokensPerSecond, step, utilisation, peakTflops,
                commSeconds, partSeconds, notes), terms, utilisationTerm);
    }

    /** FLOP-carrying base parameters that receive weight gradients. */
    private static double trainableMatmulParameters(MethodSpec m, double matmul, double lmHead) {
        if (m.type() == FineTuneMethod.FULL) {
            return matmul;
        }
        return m.extraTrainable().contains(ExtraTrainable.LM_HEAD) ? lmHead : 0;
    }

    /**
     * The default utilisation of the dense peak by the matmuls: {@value #GEMM_EFFICIENCY} × T/(T +
     * {@value #HALF_EFFICIENCY_TOKENS}) for T tokens per micro-step, × {@value #AMD_FACTOR} on AMD, and for FP8
     * (measured against the FP8 peak) × {@value #FP8_SPEEDUP}/2.
     */
    static double defaultUtilisation(GpuSpec gpu, Precision precision, double microTokens) {
        double u = GEMM_EFFICIENCY * microTokens / (microTokens + HALF_EFFICIENCY_TOKENS);
        if (isAmd(gpu)) {
            u *= AMD_FACTOR;
        }
        if (precision == Precision.FP8) {
            u *= FP8_SPEEDUP / 2;
        }
        return u;
    }

    /**
     * Bytes the element-wise kernels move per token: per layer and forward pass 100·h (two fp32 RMSNorms and two
     * residual adds, with the attention output) + 20·kv·d (RoPE on keys) + 10·I (SwiGLU; 6·I for a plain MLP);
     * three passes (forward, backward twice the forward) plus one with recompute; a third of it with
     * {@code torch.compile}; plus the loss: 20·V bytes (bf16 logits, fp32 upcast, softmax and its gradient), 8·V
     * chunked.
     */
    static double elementwiseBytesPerToken(Architecture a, TrainingSpec t, boolean recompute) {
        double mlpWidth = a.moe().isMoe()
                ? (double) a.moe().expertsPerToken() * a.moe().expertIntermediate()
                        + (double) a.moe().sharedExperts() * a.moe().sharedIntermediate()
                : a.intermediateSize();
        double perLayer = 100.0 * a.hiddenSize() + 20.0 * a.kvWidth() + (a.gatedMlp() ? 10 : 6) * mlpWidth;
        double passes = recompute ? 4 : 3;
        double blocks = perLayer * a.numLayers() * passes * (t.compile() ? COMPILE_TRAFFIC : 1);
        double loss = (t.loss() == Loss.CHUNKED ? 8.0 : 20.0) * a.vocabSize();
        return blocks + loss;
    }

    /** FP8 where the GPU has it, else BF16 (or FP16 where BF16 is missing), with a warning note. */
    static Precision effectivePrecision(Precision wanted, GpuSpec gpu, List<Note> notes) {
        if (wanted == Precision.FP8 && !(gpu.fp8Supported() && gpu.tflops().fp8() > 0)) {
            Precision fallback = gpu.tflops().bf16() > 0 ? Precision.BF16 : Precision.FP16;
            notes.add(Note.of(NoteId.FP8_UNSUPPORTED, gpu.name(), fallback));
            return fallback;
        }
        if (wanted == Precision.BF16 && !(gpu.tflops().bf16() > 0) && gpu.tflops().fp16() > 0) {
            notes.add(Note.of(NoteId.BF16_UNSUPPORTED, gpu.name()));
            return Precision.FP16;
        }
        return wanted;
    }

    /** Bus bandwidth of one GPU's collectives in GB/s: the slowest link of the ring. */
    static double collectiveBandwidth(HardwareSpec hw) {
        GpuSpec gpu = hw.gpu();
        double peer = gpu.interconnect().peerGBsUnidirectional();
        double host = gpu.interconnect().hostGBsUnidirectional();
        boolean pcieOnly = peer <= host * 1.01;
        double intra;
        if (!pcieOnly) {
            intra = peer * NVLINK_EFFICIENCY;
        } else if (gpu.name().contains("GeForce")) {
            // GeForce drivers disable peer-to-peer: NCCL stages through host memory, crossing PCIe twice.
            intra = host * PCIE_EFFICIENCY / 2;
        } else {
            intra = peer * PCIE_EFFICIENCY;
        }
        if (hw.nodes() <= 1) {
            return intra;
        }
        double inter = pcieOnly ? INTER_NODE_GBS_PER_NODE_PCIE / hw.gpusPerNode()
                : INTER_NODE_GBS_PER_GPU_NVLINK * NVLINK_EFFICIENCY;
        return Math.min(intra, inter);
    }

    /** Extra bytes per base parameter moved to dequantise it for one matmul pass (0 for 16-bit storage). */
    static double dequantBytesPerParameter(WeightStorage storage) {
        return switch (storage) {
            case NF4, INT4 -> 0.5 + 2;
            case INT8 -> 1 + 2;
            case FP8, FP16, BF16, FP32 -> 0;
        };
    }

    private static double storageBytes(MethodSpec m, Precision precision) {
        if (!m.usesAdapters()) {
            return bytes(precision);
        }
        return switch (m.baseWeights()) {
            case NF4, INT4 -> 0.53;
            case INT8, FP8 -> 1;
            case FP16, BF16 -> 2;
            case FP32 -> 4;
        };
    }

    /** Bytes of optimizer state per trainable parameter whose weights are held in {@code paramBytes}. */
    private static double stateBytes(Optimizer optimizer, double paramBytes) {
        return switch (optimizer) {
            case ADAMW, PAGED_ADAMW_32BIT -> 2 * paramBytes;
            case ADAMW_8BIT, PAGED_ADAMW_8BIT -> 2;
            case SGD -> 0;
            case SGD_MOMENTUM, LION -> paramBytes;
            case ADAFACTOR -> 0.1 * paramBytes;
        };
    }

    private static double bytes(Precision precision) {
        return switch (precision) {
            case FP32 -> 4;
            case FP16, BF16 -> 2;
            case FP8 -> 1;
        };
    }

    private static boolean isAmd(GpuSpec gpu) {
        return "AMD".equalsIgnoreCase(gpu.vendor());
    }
}
