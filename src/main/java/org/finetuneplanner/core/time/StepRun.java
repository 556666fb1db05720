package org.finetuneplanner.core.time;

import static org.finetuneplanner.core.time.ThroughputEstimator.HOST_DRAM_GBS;
import static org.finetuneplanner.core.time.ThroughputEstimator.MEMORY_EFFICIENCY;
import static org.finetuneplanner.core.time.ThroughputEstimator.OVERLAP;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.FrameworkProfile;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;

/**
 * One speed estimate: the FLOPs of a micro-step on one GPU at the assumed utilisation, the memory-bound kernels,
 * the optimizer update, the collectives of data, tensor, context, expert and pipeline parallelism with what the
 * compute hides of them, host traffic and the pipeline bubble. Records {@link TimeTerm}s only when explaining. Lives
 * for a single call of {@link ThroughputEstimator}.
 *
 * <p>Layout (Megatron's rank order: TP fastest, then CP, EP and DP, PP outermost): each GPU does 1/(TP·CP) of its
 * stage's FLOPs and a stage 1/PP of the layers (stages balanced); one optimizer step is {@code GA} micro-batches
 * through every pipeline plus the bubble, and the job trains {@code b·s·GA·DP} tokens per step.
 */
final class StepRun {
    private static final TimeTerm.Part[] PARTS = TimeTerm.Part.values();
    private static final Double ZERO = 0.0;

    final Scenario s;
    final Architecture a;
    final MethodSpec m;
    final TrainingSpec t;
    final HardwareSpec hw;
    final GpuSpec gpu;
    final FrameworkProfile fw;
    final ParameterCounts p;
    final ParameterCounts local;
    final boolean explain;
    final List<Note> notes = new ArrayList<>(4);
    final List<TimeTerm> terms;
    final double[] parts = new double[PARTS.length];
    final int tp;
    final int tsp;
    final int pp;
    final int vp;
    final int cp;
    final int ep;
    final int dp;
    final int ga;
    final double microTokens;
    final boolean recompute;
    final boolean selective;
    final double commBytes;
    private Term utilisationTerm;

    StepRun(Scenario s, ParameterCounts p, boolean explain) {
        this.s = s;
        this.a = s.model().architecture();
        this.m = s.method();
        this.t = s.training();
        this.hw = s.hardware();
        this.gpu = hw.gpu();
        this.fw = FrameworkProfile.of(t.framework());
        this.p = p;
        Parallelism par = hw.parallel();
        // the caller's counts are the whole model's, which is one rank's without model parallelism
        this.local = par.isSplit() ? ParameterCounter.perRank(a, m, par) : p;
        this.explain = explain;
        this.terms = explain ? new ArrayList<>(10) : List.of();
        this.tp = par.tensor();
        this.tsp = par.sequenceParallelActive() ? tp : 1;
        this.pp = par.pipeline();
        this.vp = par.virtualStages();
        this.cp = par.context();
        this.ep = par.expert();
        this.dp = hw.dataParallel();
        this.ga = t.gradientAccumulationSteps();
        this.microTokens = (double) t.microBatchSize() * t.sequenceLength();
        this.recompute = t.checkpointing() == Checkpointing.FULL || t.checkpointing() == Checkpointing.OFFLOAD;
        this.selective = t.checkpointing() == Checkpointing.SELECTIVE;
        this.commBytes = t.precision() == Precision.FP32 ? 4 : 2;
    }

    List<TimeTerm> terms() {
        return terms;
    }

    Term utilisation() {
        return utilisationTerm;
    }

    /** Adds {@code seconds} per step to {@code part}. */
    void addSeconds(TimeTerm.Part part, double seconds) {
        parts[part.ordinal()] += seconds;
    }

    /** Whether terms are recorded: build a term's builder only then (the planner's estimates make none). */
    boolean explaining() {
        return explain;
    }

    /**
     * Records a term of {@code part} (call only when {@link #explaining()}). The term is built by a function so that
     * its many inputs stay out of the estimate's hot code, which the planner runs thousands of times per tick.
     */
    void explain(TimeTerm.Part part, Supplier<Term.Builder> term) {
        terms.add(new TimeTerm(part, term.get().build()));
    }

    /** @param freeBytes GPU memory left free by the memory estimate, or -1 when unknown (no paging assumed) */
    ThroughputEstimate run(long freeBytes) {
        // FLOPs per token of the whole model ---------------------------------------------------------------
        double h = a.hiddenSize();
        double lmHead = (double) a.vocabSize() * h;
        double matmul = Math.max(0, p.active() - p.embedding() - p.other()) + lmHead;
        double trainableMatmul = m.type() == FineTuneMethod.FULL ? matmul
                : m.extraTrainable().contains(ExtraTrainable.LM_HEAD) ? lmHead : 0;
        double adapter = p.adapter();
        double causal = t.attention() == Attention.FLASH ? 0.5 : 1.0;
        double attention = 4.0 * a.numLayers() * t.sequenceLength() * a.queryWidth() * causal;
        double forward = 2 * matmul + 2 * adapter + attention;
        double backward = 2 * matmul + 2 * trainableMatmul + 4 * adapter + 2 * attention;
        // Full recompute runs each block's forward again; selective recompute only the attention core's.
        double flopsPerToken = forward + backward + (recompute ? forward : 0) + (selective ? attention : 0);

        // Peak and utilisation ------------------------------------------------------------------------------
        Precision precision = ThroughputEstimator.effectivePrecision(t.precision(), gpu, notes);
        double peakTflops = ThroughputEstimator.peak(gpu, precision, notes);
        double memoryBandwidth = Math.max(gpu.memoryBandwidthTBs(), 0.01) * 1e12 * MEMORY_EFFICIENCY;
        // The rows of a micro-step's GEMMs on one GPU: context parallelism splits the sequence.
        double gemmTokens = over(microTokens, cp);
        boolean userUtilisation = s.cost().mfu().isPresent();
        double utilisation = userUtilisation ? s.cost().mfu().getAsDouble()
                : ThroughputEstimator.defaultUtilisation(gpu, precision, gemmTokens);
        if (explain) {
            utilisationTerm = userUtilisation
                    ? Term.of(TermId.UTILISATION_SCENARIO, utilisation).in(Input.UTILISATION, utilisation).build()
                    : ThroughputEstimator.describeUtilisation(gpu, precision, utilisation).build();
        }

        // Compute of one micro-batch on one GPU of one stage ----------------------------------------------------
        int split = tp * pp * cp;
        double computeMicro = over(microTokens * flopsPerToken, split) / (peakTflops * 1e12 * utilisation);
        addSeconds(TimeTerm.Part.COMPUTE, ga * computeMicro);
        if (explain) {
            double seconds = ga * computeMicro;
            explain(TimeTerm.Part.COMPUTE, () -> Term.of(recompute ? TermId.COMPUTE_FLOPS_RECOMPUTE : selective
                    ? TermId.COMPUTE_FLOPS_SELECTIVE : TermId.COMPUTE_FLOPS, seconds).in(Input.GA, ga)
                    .in(Input.MICRO_TOKENS, microTokens).in(Input.FLOPS_PER_TOKEN, flopsPerToken)
                    .in(Input.PEAK_TFLOPS, peakTflops).in(Input.UTILISATION, utilisation)
                    .in(Input.TP, tp, split > 1).in(Input.PP, pp, split > 1).in(Input.CP, cp, split > 1)
                    .from(selective ? List.of(SourceId.FLOPS, SourceId.SELECTIVE_RECOMPUTE) : List.of(SourceId.FLOPS)));
        }
        if (!userUtilisation && a.moe().isMoe() && a.moe().experts() > 0) {
            computeMicro += moeSmallGemms(gemmTokens, peakTflops, precision, utilisation, split);
        }
        if (!userUtilisation) {
            double perToken = ThroughputEstimator.elementwiseBytesPerToken(a, t, fw, tp, tsp);
            double elementwise = over(microTokens, cp * pp) * perToken / memoryBandwidth;
            computeMicro += elementwise;
            addSeconds(TimeTerm.Part.COMPUTE, ga * elementwise);
            if (explain) {
                explain(TimeTerm.Part.COMPUTE, () -> Term.of(TermId.ELEMENTWISE, ga * elementwise)
                        .in(Input.GA, ga).in(Input.MICRO_TOKENS, microTokens).in(Input.TOKEN_BYTES, perToken)
                        .in(Input.BANDWIDTH, memoryBandwidth).in(Input.MEMORY_EFFICIENCY, MEMORY_EFFICIENCY)
                        .in(Input.FUSED_FACTOR, ThroughputEstimator.COMPILE_TRAFFIC, t.compile() || fw.fusedKernels())
                        .in(Input.SCORE_TRAFFIC, ThroughputEstimator.eagerScoreBytes(a, t, tp),
                                t.attention() == Attention.EAGER)
                        .in(Input.TP, tp, tp > 1).in(Input.PP, pp, pp * cp > 1).in(Input.CP, cp, pp * cp > 1)
                        .from(elementwiseSources()));
            }
        }

        // Dequantisation of quantised base weights ---------------------------------------------------------
        double dequantBytes = ThroughputEstimator.dequantBytesPerParameter(m.baseWeights());
        double dequantMicro = 0;
        if (m.usesAdapters() && dequantBytes > 0) {
            int passes = recompute ? 3 : 2;
            dequantMicro = passes * local.linear() * dequantBytes / memoryBandwidth;
            addSeconds(TimeTerm.Part.DEQUANTIZE, ga * dequantMicro);
            if (explain) {
                double seconds = ga * dequantMicro;
                explain(TimeTerm.Part.DEQUANTIZE, () -> Term.of(TermId.DEQUANTIZATION, seconds)
                        .about(m.baseWeights()).in(Input.GA, ga).in(Input.PASSES, passes)
                        .in(Input.N_LINEAR, local.linear()).in(Input.DEQUANT_BYTES, dequantBytes)
                        .in(Input.BANDWIDTH, memoryBandwidth).in(Input.MEMORY_EFFICIENCY, MEMORY_EFFICIENCY)
                        .from(SourceId.DEQUANTISATION));
            }
        }

        // Optimizer step -------------------------------------------------------------------------------------
        Sharding sharding = hw.sharding();
        int dpGroup = dp * cp;
        boolean shardsStates = dpGroup > 1 && (sharding != Sharding.NONE && sharding != Sharding.DDP
                || fw.distributedOptimizer());
        double trainableLocal = shardsStates ? (double) local.trainable() / dpGroup : local.trainable();
        double optimizerSeconds = optimizer(precision, trainableLocal, memoryBandwidth);
        optimizerSeconds += paging(precision, trainableLocal, freeBytes);

        // Communication: data parallelism per micro-step and per step; TP, CP, EP, PP per micro-step ---------
        // (a single GPU has none: nothing to work out, the whole overlap budget left for host copies)
        double commMicro = 0;
        double commSeconds = 0;
        double hideLeft = ThroughputEstimator.OVERLAP * computeMicro;
        if (hw.gpuCount() > 1) {
            Communication comm = new Communication(this, precision, computeMicro);
            commMicro = comm.micro(sharding, dpGroup);
            commSeconds = comm.seconds();
            hideLeft = comm.hideLeft();
        }

        // Offload traffic per micro-step -----------------------------------------------------------------------
        double offloadMicro = offload(precision, shardsStates ? dpGroup : 1, hideLeft);

        // The pipeline bubble: (PP − 1)/VP stage-times of idle fill and drain (Narayanan et al. 2021 §2.2) -----
        double stageMicro = computeMicro + dequantMicro + commMicro + offloadMicro;
        double bubble = pp > 1 ? (pp - 1.0) / vp * stageMicro : 0;
        if (bubble > 0) {
            addSeconds(TimeTerm.Part.BUBBLE, bubble);
            if (explain) {
                explain(TimeTerm.Part.BUBBLE, () -> Term.of(TermId.PIPELINE_BUBBLE, bubble).in(Input.PP, pp)
                        .in(Input.VP, vp).in(Input.MICRO_BATCHES, ga).in(Input.STAGE_SECONDS, stageMicro)
                        .in(Input.BUBBLE_FRACTION, (pp - 1.0) / (vp * (double) ga)).from(SourceId.PIPELINE_PARALLEL));
            }
        }

        double step = ga * (computeMicro + dequantMicro + offloadMicro) + commSeconds + optimizerSeconds + bubble;
        double tokensPerSecond = microTokens * ga * dp / step;
        Map<TimeTerm.Part, Double> partSeconds = new EnumMap<>(TimeTerm.Part.class);
        for (TimeTerm.Part part : PARTS) {
            double seconds = parts[part.ordinal()];
            // most parts are 0 for most scenarios: one shared box for them
            partSeconds.put(part, seconds == 0 ? ZERO : seconds);
        }
        return new ThroughputEstimate(flopsPerToken, tokensPerSecond, step, utilisation, peakTflops, commSeconds,
                partSeconds, notes);
    }

    private List<SourceId> elementwiseSources() {
        List<SourceId> sources = new ArrayList<>(3);
        sources.add(SourceId.ELEMENTWISE_TRAFFIC);
        if (fw.fusedKernels() && !t.compile()) {
            sources.add(SourceId.FUSED_KERNELS);
        }
        if (t.attention() == Attention.EAGER) {
            sources.add(SourceId.EAGER_ATTENTION_TRAFFIC);
        }
        return sources;
    }

    /** Routed experts see only their share of the tokens: their GEMMs are small and run at a lower utilisation. */
    private double moeSmallGemms(double gemmTokens, double peakTflops, Precision precision, double utilisation,
                                 int split) {
        double expertParams = (double) ParameterCounter.moeLayers(a) * a.moe().expertsPerToken()
                * ParameterCounter.mlpLinear(a, a.moe().expertIntermediate());
        double expertFlops = expertParams * (4 + (m.type() == FineTuneMethod.FULL ? 2 : 0) + (recompute ? 2 : 0));
        // With EP each expert gathers its tokens from the EP group's ranks.
        double rows = gemmTokens * a.moe().expertsPerToken() * ep / a.moe().experts();
        double expertUtilisation = ThroughputEstimator.defaultUtilisation(gpu, precision, rows);
        double extra = over(microTokens * expertFlops, split) / (peakTflops * 1e12)
                * Math.max(0, 1 / expertUtilisation - 1 / utilisation);
        addSeconds(TimeTerm.Part.COMPUTE, ga * extra);
        if (explain) {
            explain(TimeTerm.Part.COMPUTE, () -> Term.of(TermId.MOE_SMALL_GEMMS, ga * extra)
                    .in(Input.GA, ga).in(Input.MICRO_TOKENS, microTokens).in(Input.EXPERT_FLOPS, expertFlops)
                    .in(Input.PEAK_TFLOPS, peakTflops).in(Input.EXPERT_UTILISATION, expertUtilisation)
                    .in(Input.UTILISATION, utilisation).from(SourceId.MOE_ROUTING));
        }
        return extra;
    }

    /** The update on the GPU (memory-bound) or on the CPU with its copies (ZeRO-Offload). */
    private double optimizer(Precision precision, double trainableLocal, double memoryBandwidth) {
        double paramBytes = t.masterWeights() ? 4 : bytes(precision);
        double gradBytes = bytes(precision);
        double seconds;
        if (hw.offload() == Offload.NONE) {
            // torch.optim.AdamW's default (foreach or per-parameter): weight decay mul_, lerp_, mul_, addcmul_,
            // sqrt, div_, add_, addcdiv_ — each a pass: 4·p + 14·m + 3·g bytes (m = one moment's bytes = p); a fused
            // kernel reads and writes each tensor once
            double perParam = t.optimizer() == Optimizer.ADAMW && !fw.fusedOptimizer()
                    ? 4 * paramBytes + 14 * paramBytes + 3 * gradBytes + (t.masterWeights() ? 2 : 0)
                    : 2 * paramBytes + gradBytes + 2 * stateBytes(t.optimizer(), paramBytes)
                            + (t.masterWeights() ? 2 : 0);
            seconds = trainableLocal * perParam / memoryBandwidth;
            addSeconds(TimeTerm.Part.OPTIMIZER, seconds);
            if (explain) {
                double update = seconds;
                explain(TimeTerm.Part.OPTIMIZER, () -> Term.of(TermId.OPTIMIZER_UPDATE, update)
                        .about(t.optimizer()).in(Input.N_LOCAL, trainableLocal).in(Input.UPDATE_BYTES, perParam)
                        .in(Input.BANDWIDTH, memoryBandwidth).in(Input.MEMORY_EFFICIENCY, MEMORY_EFFICIENCY)
                        .from(SourceId.OPTIMIZER_UPDATE));
            }
            return seconds;
        }
        // CPU step: fp32 master, moments and gradient read and written in host DRAM, shared by the node.
        double perNode = trainableLocal * Math.min(hw.gpuCount(), hw.gpusPerNode());
        double cpuStep = perNode * 28 / (HOST_DRAM_GBS * 1e9);
        double hostLink = Links.hostLink(gpu);
        double transfer = trainableLocal * (gradBytes + bytes(precision)) / hostLink;
        seconds = cpuStep + transfer;
        addSeconds(TimeTerm.Part.OPTIMIZER, seconds);
        if (explain) {
            explain(TimeTerm.Part.OPTIMIZER, () -> Term.of(TermId.CPU_OPTIMIZER_STEP, seconds)
                    .in(Input.N_NODE, perNode).in(Input.DRAM, HOST_DRAM_GBS * 1e9)
                    .in(Input.N_LOCAL, trainableLocal).in(Input.COPY_BYTES, gradBytes + bytes(precision))
                    .in(Input.HOST_LINK, hostLink).from(SourceId.ZERO_OFFLOAD_2021));
        }
        return seconds;
    }

    /** Paged optimizer states beyond the memory free at the update cross PCIe twice per step. */
    private double paging(Precision precision, double trainableLocal, long freeBytes) {
        Optimizer o = t.optimizer();
        boolean paged = o == Optimizer.PAGED_ADAMW_32BIT || o == Optimizer.PAGED_ADAMW_8BIT;
        if (!paged || hw.offload() != Offload.NONE || freeBytes < 0) {
            return 0;
        }
        double paramBytes = t.masterWeights() ? 4 : bytes(precision);
        double pagedBytes = trainableLocal * (stateBytes(o, paramBytes) + (t.masterWeights() ? 4 : 0));
        double overflow = Math.max(0, pagedBytes - freeBytes);
        if (overflow <= 0) {
            return 0;
        }
        double hostLink = Links.hostLink(gpu);
        double seconds = 2 * overflow / hostLink;
        addSeconds(TimeTerm.Part.OFFLOAD, seconds);
        if (explain) {
            explain(TimeTerm.Part.OFFLOAD, () -> Term.of(TermId.PAGED_TRAFFIC, seconds)
                    .in(Input.PAGED, pagedBytes).in(Input.FREE, freeBytes).in(Input.HOST_LINK, hostLink)
                    .from(SourceId.BNB_PAGED_TRAFFIC));
        }
        return seconds;
    }

    /** Parameters streamed from the host and offloaded checkpoints, per micro-step, after what compute hides. */
    private double offload(Precision precision, int stateShards, double hideLeft) {
        double bytesMicro = 0;
        if (hw.offload() == Offload.OPTIMIZER_AND_PARAMS) {
            bytesMicro += (recompute ? 3 : 2) * local.base() * storageBytes(precision) / stateShards;
        }
        if (t.checkpointing() == Checkpointing.OFFLOAD) {
            // the block inputs of the stage go to the host and come back (÷ TP with sequence parallelism)
            bytesMicro += 2 * microTokens / ((double) cp * tsp) * a.hiddenSize() * ((a.numLayers() + pp - 1) / pp)
                    * bytes(precision);
        }
        if (bytesMicro <= 0) {
            return 0;
        }
        double hostLink = Links.hostLink(gpu);
        double exposed = Math.max(0, bytesMicro / hostLink - hideLeft);
        addSeconds(TimeTerm.Part.OFFLOAD, ga * exposed);
        if (explain) {
            double copies = bytesMicro;
            explain(TimeTerm.Part.OFFLOAD, () -> Term.of(TermId.OFFLOAD_TRAFFIC, ga * exposed)
                    .in(Input.GA, ga).in(Input.VOLUME_HOST, copies).in(Input.HOST_LINK, hostLink)
                    .in(Input.REMAINING, hideLeft).from(SourceId.ZERO_OFFLOAD_2021));
        }
        return exposed;
    }

    /** Bytes of a stored base weight as the collectives and host copies move it. */
    double storageBytes(Precision precision) {
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
            case ADAMW -> 2 * paramBytes;
            // bitsandbytes' 32-bit optimizers keep both moments in fp32 (Optimizer2State.init_state)
            case PAGED_ADAMW_32BIT -> 2 * 4;
            case ADAMW_8BIT, PAGED_ADAMW_8BIT -> 2;
            case SGD -> 0;
            case SGD_MOMENTUM, LION -> paramBytes;
            case ADAFACTOR -> 0.1 * paramBytes;
        };
    }

    /**
     * {@code x / k} for a parallel degree {@code k}: no division when the degree is 1, as it is for nearly every
     * scenario (a division is the slowest arithmetic of the estimate, which the planner runs thousands of times per
     * tick).
     */
    static double over(double x, int k) {
        return k == 1 ? x : x / k;
    }

    static double bytes(Precision precision) {
        return switch (precision) {
            case FP32 -> 4;
            case FP16, BF16 -> 2;
            case FP8 -> 1;
        };
    }
}
