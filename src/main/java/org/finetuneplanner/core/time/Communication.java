package org.finetuneplanner.core.time;

import static org.finetuneplanner.core.time.ThroughputEstimator.OVERLAP;

import java.util.List;

import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.SourceId;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;

/**
 * The collectives of one step on one GPU and what the compute hides of them. Volumes per GPU with ring algorithms
 * (a group of k moves (k−1)/k of the buffer per reduce-scatter or all-gather, twice that per all-reduce):
 * <ul>
 *   <li>data parallelism over the DP × CP ranks of a stage: DDP/ZeRO-1 all-reduce the gradients once per step,
 *       ZeRO-2 reduce-scatters them every micro-step, ZeRO-3/FSDP also all-gathers the weights twice (ZeRO §7);</li>
 *   <li>tensor parallelism: per layer two all-reduces (or, with sequence parallelism, the same volume as all-gathers
 *       and reduce-scatters) in forward and two in backward, two more with full recompute (Shoeybi et al. 2019 §3,
 *       Korthikanti et al. 2022 §4.2.2);</li>
 *   <li>context parallelism: ring attention passes every K/V chunk round the ring in forward, K/V and their
 *       gradients in backward (Liu et al. 2023; Transformer Engine {@code AttnFuncWithCPAndKVP2P});</li>
 *   <li>expert parallelism: an all-to-all dispatch and combine per MoE layer and pass (Lepikhin et al. 2020);</li>
 *   <li>pipeline parallelism: each micro-batch's activations forward and gradients back across each stage boundary,
 *       once per model chunk (Narayanan et al. 2021).</li>
 * </ul>
 * Up to {@value ThroughputEstimator#OVERLAP} of a micro-step's compute hides the traffic frameworks overlap (FSDP
 * prefetch, ring attention, pipeline sends, and TP under Transformer Engine on NVLink); TP without that overlap and
 * expert all-to-alls wait on the critical path. The per-step gradient sync hides only behind the last backward.
 */
final class Communication {
    private final StepRun r;
    private final Precision precision;
    private final double computeMicro;
    private double hideLeft;
    private double seconds;

    Communication(StepRun r, Precision precision, double computeMicro) {
        this.r = r;
        this.precision = precision;
        this.computeMicro = computeMicro;
    }

    /** Compute time per micro-step not yet spent hiding communication (what host copies may still use). */
    double hideLeft() {
        return hideLeft;
    }

    /** Exposed communication per optimizer step, every kind together. */
    double seconds() {
        return seconds;
    }

    /**
     * Works out every collective; records their terms.
     *
     * @return exposed communication seconds of one micro-step (the per-step gradient sync not included)
     */
    double micro(Sharding sharding, int dpGroup) {
        ParameterCounts local = r.local;
        double h = r.a.hiddenSize();
        int stageLayers = (r.a.numLayers() + r.pp - 1) / r.pp;
        double tokens = r.microTokens / r.cp;

        // data parallelism ----------------------------------------------------------------------------------
        double gradBytes = r.fw.mainGradsFp32() && r.t.masterWeights() ? 4 : StepRun.bytes(precision);
        double dpMicroBytes = 0;
        double dpStepBytes = 0;
        if (dpGroup > 1) {
            double frac = (dpGroup - 1.0) / dpGroup;
            double trainable = local.trainable();
            switch (sharding) {
                case NONE, DDP, ZERO1 -> dpStepBytes = 2 * frac * trainable * gradBytes;
                case ZERO2, FSDP_GRAD_OP -> {
                    dpMicroBytes = frac * trainable * gradBytes;
                    dpStepBytes = frac * trainable * StepRun.bytes(precision);
                }
                case ZERO3, FSDP -> dpMicroBytes = frac * (2 * local.base() * r.storageBytes(precision)
                        + 2 * local.adapter() * StepRun.bytes(precision) + trainable * gradBytes);
                default -> throw new IllegalStateException("unknown sharding " + sharding);
            }
        }
        // the DP × CP ranks of a stage are every GPU of it
        double dpLink = dpGroup > 1 ? Links.bandwidth(r.hw, r.hw.gpuCount() / r.pp) * 1e9 : 1;
        double dpMicro = dpMicroBytes / dpLink;

        // tensor parallelism --------------------------------------------------------------------------------
        int tpPasses = r.recompute ? 6 : 4;
        double tpBytes = r.tp > 1 ? tpPasses * 2.0 * (r.tp - 1) / r.tp * tokens * h * r.commBytes * stageLayers : 0;
        double tpLink = tpBytes > 0 ? Links.bandwidth(r.hw, r.tp) * 1e9 : 1;
        double tpTime = tpBytes / tpLink;
        boolean tpOverlapped = r.fw.overlapsTensorParallel() && Links.fastPeers(r.gpu);

        // context parallelism -------------------------------------------------------------------------------
        int cpPasses = r.recompute ? 4 : 3;
        double cpBytes = r.cp > 1 ? cpPasses * (r.cp - 1.0) / r.cp * 2 * r.microTokens * r.a.kvWidth() / r.tp
                * r.commBytes * stageLayers : 0;
        double cpLink = cpBytes > 0 ? Links.bandwidth(r.hw, (long) r.tp * r.cp) * 1e9 : 1;
        double cpTime = cpBytes / cpLink;

        // expert parallelism --------------------------------------------------------------------------------
        int epPasses = r.recompute ? 6 : 4;
        double moeLayers = (double) ParameterCounter.moeLayers(r.a) / r.pp;
        double epBytes = r.ep > 1 && r.a.moe().isMoe() ? epPasses * (r.ep - 1.0) / r.ep * tokens / r.tsp
                * r.a.moe().expertsPerToken() * h * r.commBytes * moeLayers : 0;
        double epLink = epBytes > 0 ? Links.bandwidth(r.hw, (long) r.tp * r.cp * r.ep) * 1e9 : 1;
        double epTime = epBytes / epLink;

        // pipeline parallelism: two adjacent stages' GPUs --------------------------------------------------------
        double ppBytes = r.pp > 1 ? 2 * tokens * h / r.tsp * r.commBytes * r.vp : 0;
        double ppLink = ppBytes > 0 ? Links.bandwidth(r.hw, 2L * r.hw.gpuCount() / r.pp) * 1e9 : 1;
        double ppTime = ppBytes / ppLink;

        // overlap: one budget per micro-step, shared by everything that runs beside the compute ------------------
        double budget = OVERLAP * computeMicro;
        double hideable = dpMicro + (tpOverlapped ? tpTime : 0) + cpTime + ppTime;
        double exposedShare = hideable > 0 ? Math.max(0, hideable - budget) / hideable : 0;
        hideLeft = Math.max(0, budget - hideable);
        double tpExposed = tpOverlapped ? tpTime * exposedShare : tpTime;
        double exposedMicro = hideable * exposedShare + (tpOverlapped ? 0 : tpTime) + epTime;

        double dpStep = dpStepBytes / dpLink;
        double stepBudget = OVERLAP * computeMicro * 2 / 3;
        double dpStepExposed = Math.max(0, dpStep - stepBudget);
        int ga = r.ga;
        seconds = ga * exposedMicro + dpStepExposed;
        boolean shared = hideable > dpMicro;
        double dpSeconds = ga * dpMicro * exposedShare + dpStepExposed;
        if (dpGroup > 1) {
            r.addSeconds(TimeTerm.Part.COMMUNICATION, dpSeconds);
            if (r.explaining()) {
                double microBytes = dpMicroBytes;
                double stepBytes = dpStepBytes;
                r.explain(TimeTerm.Part.COMMUNICATION, () -> Term.of(TermId.COMMUNICATION, dpSeconds)
                        .about(sharding).in(Input.GA, ga).in(Input.OVERLAP, OVERLAP)
                        .in(Input.VOLUME_MICRO, microBytes).in(Input.LINK, dpLink).in(Input.HIDEABLE, budget)
                        .in(Input.VOLUME_STEP, stepBytes).in(Input.HIDEABLE_STEP, stepBudget)
                        .in(Input.DP, dpGroup).in(Input.OVERLAPPED, 1, shared).from(SourceId.ZERO_COMMUNICATION));
            }
        }
        if (tpBytes > 0) {
            r.addSeconds(TimeTerm.Part.COMMUNICATION, ga * tpExposed);
            if (r.explaining()) {
                r.explain(TimeTerm.Part.COMMUNICATION, () -> layerTerm(TermId.TENSOR_PARALLEL_COMMUNICATION,
                        ga * tpExposed, tpPasses, tpBytes, tpLink, tpOverlapped).in(Input.TP, r.tp)
                        .in(Input.HIDDEN, h).in(Input.CP, r.cp)
                        .from(List.of(SourceId.TENSOR_PARALLEL, SourceId.SEQUENCE_PARALLEL)));
            }
        }
        if (cpBytes > 0) {
            r.addSeconds(TimeTerm.Part.COMMUNICATION, ga * cpTime * exposedShare);
            if (r.explaining()) {
                r.explain(TimeTerm.Part.COMMUNICATION, () -> layerTerm(TermId.CONTEXT_PARALLEL_COMMUNICATION,
                        ga * cpTime * exposedShare, cpPasses, cpBytes, cpLink, true)
                        .in(Input.CP, r.cp).in(Input.KV_WIDTH, r.a.kvWidth()).in(Input.TP, r.tp)
                        .from(SourceId.RING_ATTENTION));
            }
        }
        if (epBytes > 0) {
            r.addSeconds(TimeTerm.Part.COMMUNICATION, ga * epTime);
            if (r.explaining()) {
                r.explain(TimeTerm.Part.COMMUNICATION, () -> layerTerm(TermId.EXPERT_PARALLEL_COMMUNICATION,
                        ga * epTime, epPasses, epBytes, epLink, false).in(Input.EP, r.ep)
                        .in(Input.TOP_K, r.a.moe().expertsPerToken()).in(Input.HIDDEN, h)
                        .from(SourceId.EXPERT_PARALLEL));
            }
        }
        if (ppBytes > 0) {
            r.addSeconds(TimeTerm.Part.COMMUNICATION, ga * ppTime * exposedShare);
            if (r.explaining()) {
                r.explain(TimeTerm.Part.COMMUNICATION, () -> Term.of(TermId.PIPELINE_TRANSFERS,
                        ga * ppTime * exposedShare).in(Input.GA, ga).in(Input.MICRO_TOKENS, r.microTokens)
                        .in(Input.HIDDEN, h).in(Input.VP, r.vp).in(Input.VOLUME_MICRO, ppBytes).in(Input.LINK, ppLink)
                        .in(Input.HIDEABLE, budget).in(Input.OVERLAP, OVERLAP).from(SourceId.PIPELINE_PARALLEL));
            }
        }
        return exposedMicro;
    }

    /** A per-layer collective's term: passes × volume per layer over the link, hidden or not. */
    private Term.Builder layerTerm(TermId id, double value, int passes, double bytes, double link,
                                   boolean overlapped) {
        return Term.of(id, value).in(Input.GA, r.ga).in(Input.PASSES_COMM, passes).in(Input.OVERLAP, OVERLAP)
                .in(Input.MICRO_TOKENS, r.microTokens).in(Input.STAGE_LAYERS, (r.a.numLayers() + r.pp - 1) / r.pp)
                .in(Input.VOLUME_MICRO, bytes).in(Input.LINK, link)
                .in(Input.HIDEABLE, OVERLAP * computeMicro, overlapped).in(Input.OVERLAPPED, 1, overlapped);
    }
}
