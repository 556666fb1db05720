package org.finetuneplanner.core.time;

import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.HardwareSpec;
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
 * part is a {@link TimeTerm} with its formula and source; {@code docs/methodology.md} ("Time") explains each.
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

    private static final String SRC_FLOPS = "Kaplan et al. 2020 (6N); PaLM, Chowdhery et al. 2022, App. B "
            + "(attention 12·L·h·s per token); LoRA: no weight-gradient GEMMs for frozen weights "
            + "(NeMo Automodel PR #786)";
    private static final String SRC_UTIL = "Bekman, ML Engineering, MAMF table: best-shape bf16 matmul 73–87 % "
            + "of the dense peak on NVIDIA, 51–60 % on AMD; end-to-end MFU 35–64 % (llm-foundry, Llama 3)";
    private static final String SRC_ELEMENTWISE = "eager PyTorch Llama block: RMSNorm in fp32 (~34h B each), RoPE "
            + "(~20 B per q/k element), SwiGLU (~10 B per MLP element), residual adds (~6h B each); backward twice "
            + "the forward; torch.compile fuses the chains (Ansel et al. 2024, PyTorch 2)";
    private static final String SRC_DEQUANT = "bitsandbytes NF4: each matmul pass dequantises the weight to bf16 "
            + "(read 0.5 B, write 2 B per parameter); LitGPT resource tables: QLoRA 1.5–2× slower at batch 1";
    private static final String SRC_OPT = "AdamW reads parameter, gradient and both moments and writes parameter "
            + "and moments once per step: memory-bound (PyTorch fused/foreach AdamW)";
    private static final String SRC_COMM = "ZeRO (Rajbhandari et al. 2020) §7: DP all-reduce 2Ψ, ZeRO-3 3Ψ per "
            + "step; ring collectives move (n−1)/n of the buffer per GPU; Bekman network chapter (busbw ≈ 85 %)";
    private static final String SRC_PAGED = "bitsandbytes paged optimizers: states in CUDA unified memory, evicted "
            + "to host under pressure and faulted back for each update (bitsandbytes docs, 'Paged optimizers')";
    private static final String SRC_OFFLOAD = "ZeRO-Offload (Ren et al. 2021): fp16 gradients to host, CPU Adam, "
            + "fp16 parameters back over PCIe; FSDP CPUOffload moves the parameter shard in each pass";

    /**
     * Estimates the speed of {@code s}.
     *
     * @param s the scenario
     * @param p its parameter counts (from {@code ParameterCounter.count})
     * @return tokens per second of the whole job, the step time and its parts
     */
    public ThroughputEstimate estimate(Scenario s, ParameterCounts p) {
        return estimate(s, p, -1);
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
        // The update runs after the backward: activations and logits are freed by then, so their memory is free.
        long freeAtStep = memory.headroomBytes() + memory.perGpu().activationsBytes() + memory.perGpu().logitsBytes();
        return estimate(s, p, Math.max(0, freeAtStep));
    }

    /** @param freeBytes GPU memory left free by the memory estimate, or -1 when unknown (no paging assumed) */
    private ThroughputEstimate estimate(Scenario s, ParameterCounts p, long freeBytes) {
        Architecture a = s.model().architecture();
        MethodSpec m = s.method();
        TrainingSpec t = s.training();
        HardwareSpec hw = s.hardware();
        GpuSpec gpu = hw.gpu();
        List<Note> notes = new ArrayList<>(4);
        List<TimeTerm> terms = new ArrayList<>(6);

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
        String utilisationSource;
        boolean userUtilisation = s.cost().mfu().isPresent();
        if (userUtilisation) {
            utilisation = s.cost().mfu().getAsDouble();
            utilisationSource = "set in the scenario (cost.mfu); covers element-wise kernels too";
        } else {
            utilisation = defaultUtilisation(gpu, precision, microTokens);
            utilisationSource = "matmuls at " + fmt(GEMM_EFFICIENCY) + " × tokens/(tokens + "
                    + (int) HALF_EFFICIENCY_TOKENS + ")" + (isAmd(gpu) ? " × AMD " + AMD_FACTOR : "")
                    + (precision == Precision.FP8 ? " × FP8 " + fmt(FP8_SPEEDUP / 2) : "")
                    + " of the dense peak — " + SRC_UTIL;
        }
        double computeMicro = microTokens * flopsPerToken / (peakTflops * 1e12 * utilisation);
        terms.add(new TimeTerm(TimeTerm.Part.COMPUTE, "forward, backward"
                + (recompute ? " and recompute" : "") + " FLOPs", ga * computeMicro,
                "GA · b·s · F_token / (peak · u)",
                ga + " · " + fmt(microTokens) + " · " + fmt(flopsPerToken) + " / (" + fmt(peakTflops) + "e12 · "
                        + fmt(utilisation) + ")", SRC_FLOPS));
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
            terms.add(new TimeTerm(TimeTerm.Part.COMPUTE, "small expert GEMMs (mixture of experts)", ga * extra,
                    "GA · b·s · F_experts / peak · (1/u(b·s·k/E) − 1/u(b·s))",
                    ga + " · " + fmt(microTokens) + " · " + fmt(expertFlops) + " / " + fmt(peakTflops) + "e12 · (1/"
                            + fmt(expertUtilisation) + " − 1/" + fmt(utilisation) + ")",
                    "each routed expert multiplies only the tokens sent to it: b·s·k/E rows"));
        }
        if (!userUtilisation) {
            double perToken = elementwiseBytesPerToken(a, t, recompute);
            double elementwise = microTokens * perToken / memoryBandwidth;
            computeMicro += elementwise;
            terms.add(new TimeTerm(TimeTerm.Part.COMPUTE, "element-wise kernels (memory-bound)", ga * elementwise,
                    "GA · b·s · bytes_token / (BW · " + MEMORY_EFFICIENCY + ")",
                    ga + " · " + fmt(microTokens) + " · " + fmt(perToken) + " / " + fmt(memoryBandwidth),
                    SRC_ELEMENTWISE));
        }

        // Dequantisation of quantised base weights --------------------------------------------------------
        double dequantBytes = dequantBytesPerParameter(m.baseWeights());
        double dequantMicro = 0;
        if (m.usesAdapters() && dequantBytes > 0) {
            int passes = recompute ? 3 : 2;
            dequantMicro = passes * p.linear() * dequantBytes / memoryBandwidth;
            terms.add(new TimeTerm(TimeTerm.Part.DEQUANTIZE, m.baseWeights().label() + " dequantisation",
                    ga * dequantMicro, "GA · passes · N_linear · bytes / (BW · " + MEMORY_EFFICIENCY + ")",
                    ga + " · " + passes + " · " + fmt(p.linear()) + " · " + dequantBytes + " / "
                            + fmt(memoryBandwidth), SRC_DEQUANT));
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
            terms.add(new TimeTerm(TimeTerm.Part.OPTIMIZER, t.optimizer().label() + " update on the GPU",
                    optimizerSeconds, "N_trainable,local · bytes / (BW · " + MEMORY_EFFICIENCY + ")",
                    fmt(trainableLocal) + " · " + fmt(perParam) + " / " + fmt(memoryBandwidth), SRC_OPT));
        } else {
            // CPU step: fp32 master, moments and gradient read and written in host DRAM, shared by the node.
            double perNode = trainableLocal * Math.min(n, hw.gpusPerNode());
            double cpuStep = perNode * 28 / (HOST_DRAM_GBS * 1e9);
            double hostLink = gpu.interconnect().hostGBsUnidirectional() * 1e9 * HOST_EFFICIENCY;
            double transfer = trainableLocal * (gradBytes + bytes(precision)) / hostLink;
            optimizerSeconds = cpuStep + transfer;
            terms.add(new TimeTerm(TimeTerm.Part.OPTIMIZER, "CPU optimizer step and gradient/parameter copies",
                    optimizerSeconds, "N_node · 28 B / DRAM + N_local · (g + p bytes) / PCIe",
                    fmt(perNode) + " · 28 / " + fmt(HOST_DRAM_GBS * 1e9) + " + " + fmt(trainableLocal) + " · "
                            + fmt(gradBytes + bytes(precision)) + " / " + fmt(hostLink), SRC_OFFLOAD));
        }

        boolean paged = t.optimizer() == Optimizer.PAGED_ADAMW_32BIT || t.optimizer() == Optimizer.PAGED_ADAMW_8BIT;
        if (paged && hw.offload() == Offload.NONE && freeBytes >= 0) {
            double pagedBytes = trainableLocal * (stateBytes(t.optimizer(), paramBytes) + (t.masterWeights() ? 4 : 0));
            double overflow = Math.max(0, pagedBytes - freeBytes);
            if (overflow > 0) {
                double hostLink = gpu.interconnect().hostGBsUnidirectional() * 1e9 * HOST_EFFICIENCY;
                double paging = 2 * overflow / hostLink;
                optimizerSeconds += paging;
                terms.add(new TimeTerm(TimeTerm.Part.OFFLOAD, "paged optimizer states in and out", paging,
                        "2 · max(0, paged states − free GPU memory) / PCIe",
                        "2 · max(0, " + fmt(pagedBytes) + " − " + fmt(freeBytes) + ") / " + fmt(hostLink),
                        SRC_PAGED));
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
            terms.add(new TimeTerm(TimeTerm.Part.COMMUNICATION, sharding.label() + " collectives (exposed)",
                    commSeconds, "GA · max(0, V_micro/B − " + OVERLAP + "·t_compute) + max(0, V_step/B − "
                            + OVERLAP + "·⅔·t_compute)",
                    ga + " · max(0, " + fmt(commMicroBytes) + "/" + fmt(linkBytesPerSecond) + " − "
                            + fmt(hideable) + ") + max(0, " + fmt(commStepBytes) + "/" + fmt(linkBytesPerSecond)
                            + " − " + fmt(OVERLAP * computeMicro * 2 / 3) + ")", SRC_COMM));
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
            terms.add(new TimeTerm(TimeTerm.Part.OFFLOAD, "host ↔ GPU copies (exposed)", offloadSeconds,
                    "GA · max(0, V_host / PCIe − remaining overlap)",
                    ga + " · max(0, " + fmt(offloadMicroBytes) + " / " + fmt(hostLink) + " − "
                            + fmt(Math.max(0, hideable - commMicro)) + ")", SRC_OFFLOAD));
        }

        double step = ga * (computeMicro + dequantMicro) + optimizerSeconds + commSeconds + offloadSeconds;
        double tokensPerSecond = microTokens * ga * n / step;
        return new ThroughputEstimate(flopsPerToken, tokensPerSecond, step, utilisation, utilisationSource,
                peakTflops, commSeconds, terms, notes);
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

    /**
     * Three significant digits, in plain or scientific notation ("0.622", "1.69", "4.13e10"; whole numbers below
     * 10^5 exactly: "2048"), with integer
     * arithmetic only: this runs a few dozen times per estimate, on every slider tick.
     */
    static String fmt(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e5) {
            return Long.toString((long) v);  // counts (tokens, GPUs, steps) stay exact
        }
        StringBuilder b = new StringBuilder(12);
        if (v < 0) {
            b.append('-');
            v = -v;
        }
        int exp = 0;
        double m = v;
        while (m >= 10) {
            m /= 10;
            exp++;
        }
        while (m < 1) {
            m *= 10;
            exp--;
        }
        long digits = Math.round(m * 100);  // 100 … 1000
        if (digits >= 1000) {
            digits /= 10;
            exp++;
        }
        if (exp >= -2 && exp < 5) {
            if (exp >= 2) {
                long whole = digits;
                for (int i = 2; i < exp; i++) {
                    whole *= 10;
                }
                return b.append(whole).toString();
            }
            // 1 or 2 integer digits, or a leading "0.": place the point among the three digits, drop trailing 0s
            String d = Long.toString(digits);
            if (exp >= 0) {
                b.append(d, 0, exp + 1).append('.').append(d, exp + 1, 3);
            } else {
                b.append("0.");
                for (int i = -1; i > exp; i--) {
                    b.append('0');
                }
                b.append(d);
            }
            trimFraction(b);
            return b.toString();
        }
        String d = Long.toString(digits);
        b.append(d.charAt(0)).append('.').append(d, 1, 3);
        trimFraction(b);
        return b.append('e').append(exp).toString();
    }

    /** Drops trailing zeros of a decimal fraction, and the point when nothing is left after it ("1.50" → "1.5"). */
    private static void trimFraction(StringBuilder b) {
        int end = b.length();
        while (b.charAt(end - 1) == '0') {
            end--;
        }
        if (b.charAt(end - 1) == '.') {
            end--;
        }
        b.setLength(end);
    }
}
