package org.finetuneplanner.core.memory;

import java.util.List;
import java.util.Set;

import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.TrainingSpec;

/**
 * The bytes one transformer block saves for its backward, per token: the tensors each op keeps (Korthikanti et al.
 * 2022, Table 2, generalised to grouped-query attention, gated MLPs, mixtures of experts and adapters), as the
 * framework's code keeps them. Computed once per estimate; its parts (in multiples of the hidden size h) stay
 * available for the explanation.
 *
 * <p>Under tensor parallelism every tensor with a head or MLP-width dimension is split over TP; the hidden-size-wide
 * ones (norm inputs, residual dropout masks, the inputs of q, k, v, gate and up) are split too only with sequence
 * parallelism (Korthikanti et al. 2022, Table 2: {@code 10·sbh + 24·sbh/t + 5·as²b/t} without, all ÷ t with).
 */
final class ActivationModel {
    private final Architecture a;
    private final MethodSpec m;
    private final TrainingSpec t;
    private final FrameworkProfile fw;
    private final boolean adapters;
    private final boolean quantized;
    private final boolean amp;
    private final double actBytes;
    private final int tp;
    private final int tsp;
    private final boolean fused;

    /** The parts of {@link #perTokenLayer()}, in bytes per token. */
    private double norms;
    private double attention;
    private double mlp;
    private double lora;
    private double dropout;
    private double cross;
    private double scores;
    private double scoreBytes;
    private boolean allInputs;
    /** The attention core's own saved tensors per token (its output, log-sum-exp, eager scores), after TP. */
    private double core;
    private final double perTokenLayer;

    ActivationModel(Architecture a, MethodSpec m, TrainingSpec t, FrameworkProfile fw, boolean quantized,
                    boolean amp, double actBytes, int tp, int tsp) {
        this.a = a;
        this.m = m;
        this.t = t;
        this.fw = fw;
        this.adapters = m.usesAdapters();
        this.quantized = quantized;
        this.amp = amp;
        this.actBytes = actBytes;
        this.tp = tp;
        this.tsp = tsp;
        this.fused = t.compile() || fw.fusedKernels();
        this.perTokenLayer = compute();
    }

    /** Bytes one block saves for backward per token on one GPU, eager attention's s² scores included. */
    double perTokenLayer() {
        return perTokenLayer;
    }

    /**
     * The same under selective recompute (Korthikanti et al. 2022 §5; Megatron-core {@code
     * recompute_granularity: selective}, {@code core_attn}): the attention core keeps nothing of its own (its
     * output, log-sum-exp and any materialised scores are made again in backward); q, k and v stay as its inputs.
     */
    double perTokenLayerSelective() {
        return perTokenLayer - core;
    }

    /** The attention core's own saved bytes per token on one GPU (what selective recompute drops). */
    double coreBytes() {
        return core;
    }

    /**
     * The byte width of a norm's saved input: fp32 where the norm upcasts (an eager RMSNorm of a profile with
     * {@code normUpcast}, or any norm under autocast, whose fp32 list holds {@code layer_norm}), else the
     * activations'. {@code nn.LayerNorm} outside autocast keeps its input as given: ATen's {@code native_layer_norm}
     * computes in fp32 inside the kernel but saves the 16-bit input with fp32 mean and rstd per row.
     */
    double normInputBytes() {
        boolean upcast = amp || fw.normUpcast() && !a.layerNorm();
        return upcast && !fused ? 4 : actBytes;
    }

    /** MLP width a token passes through: dense I, or top-k routed plus shared experts. */
    double effectiveIntermediate() {
        Architecture.Moe moe = a.moe();
        if (!moe.isMoe()) {
            return a.intermediateSize();
        }
        double moeWidth = (double) moe.expertsPerToken() * moe.expertIntermediate()
                + (double) moe.sharedExperts() * moe.sharedIntermediate();
        int moeLayers = ParameterCounter.moeLayers(a);
        return (moeWidth * moeLayers + (double) a.intermediateSize() * (a.numLayers() - moeLayers))
                / a.numLayers();
    }

    /** Encoders fine-tuned with dropout after attention and MLP (BERT, RoBERTa, GPT-2, T5, DistilBERT). */
    boolean hasHiddenDropout() {
        String type = a.modelType();
        return type.equals("bert") || type.endsWith("roberta") || type.equals("gpt2") || type.equals("t5")
                || type.equals("distilbert");
    }

    /** Puts the parts of a block's bytes per token into a term, in multiples of h. */
    Term.Builder describe(Term.Builder term) {
        double h = a.hiddenSize();
        return term.in(Input.PER_TOKEN, perTokenLayer).in(Input.NORMS_H, norms / h)
                .in(Input.ATTENTION_H, attention / h).in(Input.MLP_H, mlp / h)
                .in(Input.LORA_H, lora / h, lora > 0).in(Input.DROPOUT, 1, dropout > 0)
                .in(Input.CROSS_H, cross / h, cross > 0).in(Input.FROZEN_NO_INPUT, 1, !allInputs)
                .in(Input.SCORES_H, scores / h, scores > 0).in(Input.SCORE_BYTES, scoreBytes, scores > 0)
                .in(Input.TP, tp, tp > 1).in(Input.SEQUENCE_PARALLEL, 1, tsp > 1);
    }

    private double compute() {
        double p = actBytes;
        double h = a.hiddenSize();
        double qW = a.queryWidth();
        double kvW = a.kvWidth();
        if (a.mla().isMla()) {
            qW = (double) a.numHeads() * (a.mla().qkNopeHeadDim() + a.mla().qkRopeHeadDim());
            kvW = qW;
        } else if (fw.expandsKvHeads() && !fused) {
            kvW = qW;
        }
        double iEff = effectiveIntermediate();
        boolean compiled = fused;
        boolean normTrainable = !adapters || m.extraTrainable().contains(ExtraTrainable.NORM);

        // A linear keeps its input only for its weight gradient (PyTorch saves mm's input only when the weight
        // requires grad): always in full fine-tuning; never for a frozen nn.Linear; for a LoRA-adapted one its
        // lora_A keeps the input itself unless dropout or an fp32 cast makes a new tensor (counted under
        // LoRA); bitsandbytes' quantised matmuls keep it regardless (MatMul4Bit ctx.tensors = (A, B)).
        allInputs = !adapters || (quantized && fw.quantizedKeepsInputs());
        boolean plainAdapterInput = adapters && !fw.loraDropout()
                && !(fw.adapterFp32() && p < 4 && !t.masterWeights());
        Set<LoraTarget> targets = adapters ? m.targets() : Set.of();
        boolean keepAttnIn = allInputs || plainAdapterInput && (targets.contains(LoraTarget.Q)
                || targets.contains(LoraTarget.K) || targets.contains(LoraTarget.V));
        boolean keepMlpIn = allInputs || plainAdapterInput && (targets.contains(LoraTarget.UP)
                || a.gatedMlp() && targets.contains(LoraTarget.GATE));
        boolean keepOIn = allInputs || plainAdapterInput && targets.contains(LoraTarget.O);
        boolean keepDownIn = allInputs || plainAdapterInput && targets.contains(LoraTarget.DOWN);
        // Under autocast a norm's output is fp32 and every linear reading it casts it to 16 bit itself: the
        // autocast cache holds casts of leaf tensors only (weights; ATen autocast_mode.cpp cached_cast requires
        // arg.is_leaf()), so q, k and v (gate and up) each save their own copy. Without autocast (or compiled,
        // where inductor merges the casts) the linears share the one 16-bit tensor.
        boolean ownCasts = amp && !compiled;
        double attnCopies = ownCasts ? attentionInputReaders(targets) : 1;
        double mlpCopies = ownCasts ? mlpInputReaders(targets) : 1;
        if (a.parallelBlock()) {
            double shared = (keepAttnIn ? attnCopies : 0) + (keepMlpIn ? mlpCopies : 0);
            keepAttnIn = keepAttnIn || keepMlpIn;
            keepMlpIn = false;
            attnCopies = ownCasts ? shared : 1;
        }

        double normInternal = compiled ? p * h : normInputBytes() * h + (normTrainable ? p * h : 0);
        // In a parallel block every norm reads the block input, so without autocast (which casts it once per
        // norm) the norms keep one tensor between them: StableLM/GPT-NeoX's two LayerNorms, 2h not 4h per token.
        double sharedInputs = a.parallelBlock() && a.normsPerLayer() > 1 && !amp && !compiled
                ? (a.normsPerLayer() - 1) * normInputBytes() * h : 0;
        norms = a.normsPerLayer() * normInternal - sharedInputs
                + p * h * ((keepAttnIn ? attnCopies : 0) + (keepMlpIn ? mlpCopies : 0));
        // q, k, v after RoPE and the attention output (kept by the kernel), the o-projection's input copy
        attention = p * (qW + 2 * kvW + qW) + 4.0 * a.numHeads() + (keepOIn ? p * qW : 0);
        if (fw.fusedQkv() && !a.mla().isMla()) {
            // v is a view of the fused qkv output, so the whole buffer stays beside the roped q and k
            attention += p * (qW + a.kvWidth());
        }
        if (a.qkNorm()) {
            attention += p * (qW + kvW);
        }
        if (a.gatedMlp()) {
            // gate and up outputs, the activation (eager only: compile recomputes it), and the product that
            // feeds the down projection
            mlp = (compiled ? 2 : 3) * iEff * p + (keepDownIn ? iEff * p : 0);
        } else {
            // fc1 output (kept by GELU) and GELU output (the fc2 input)
            mlp = iEff * p + (keepDownIn ? iEff * p : 0);
        }
        // Router logits and the dispatched copies of each token are as wide as the model, not split by TP.
        double moeOutside = a.moe().isMoe() ? 4.0 * a.moe().experts() + p * h * a.moe().expertsPerToken() : 0;
        mlp += moeOutside;
        dropout = hasHiddenDropout() ? 2 * h : 0;
        lora = loraActivations(p, h, qW, iEff, compiled);
        cross = a.crossAttentionLayers() > 0
                ? (double) a.crossAttentionLayers() / a.numLayers() * (p * (4 * qW + 2 * kvW) + normInternal
                + p * h) : 0;
        if (t.attention() == Attention.EAGER) {
            double softmax = (fw.normUpcast() || amp) && !hasHiddenDropout() ? 4 : p;
            if (amp) {
                softmax = 4;
            }
            scoreBytes = softmax + (hasHiddenDropout() ? 1 + p : (softmax != p ? p : 0));
            scores = (double) a.numHeads() * t.sequenceLength() * scoreBytes;
        }
        // The attention core's output (kept by the kernel for its backward), its log-sum-exp and any scores.
        core = MemoryContext.over(p * qW + 4.0 * a.numHeads() + scores, tp);
        double outside = norms + dropout + loraOutside + moeOutside;
        double inside = attention + (mlp - moeOutside) + (lora - loraOutside) + cross + scores;
        return MemoryContext.over(outside, tsp) + MemoryContext.over(inside, tp);
    }

    /** Separate linears that read the attention input and keep it (each its own autocast cast). */
    private int attentionInputReaders(Set<LoraTarget> targets) {
        if (fw.fusedQkv()) {
            return 1;
        }
        if (a.mla().isMla()) {
            return 2; // q (or q_a) and kv_a projections
        }
        if (!adapters || quantized && fw.quantizedKeepsInputs()) {
            return 3;
        }
        int n = 0;
        for (LoraTarget q : List.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V)) {
            n += targets.contains(q) ? 1 : 0;
        }
        return Math.max(1, n);
    }

    /** Separate linears that read the MLP input and keep it: gate and up, or fc1. */
    private int mlpInputReaders(Set<LoraTarget> targets) {
        if (!a.gatedMlp()) {
            return 1;
        }
        if (!adapters || quantized && fw.quantizedKeepsInputs()) {
            return 2;
        }
        return targets.contains(LoraTarget.UP) && targets.contains(LoraTarget.GATE) ? 2 : 1;
    }

    /** The part of {@link #lora} on adapter inputs of width h (q, k, v, gate, up) and the adapters' outputs. */
    private double loraOutside;

    private double loraActivations(double p, double h, double qW, double iEff, boolean compiled) {
        loraOutside = 0;
        if (!adapters) {
            return 0;
        }
        Set<LoraTarget> targets = m.targets();
        double castBytes = fw.adapterFp32() && p < 4 && !t.masterWeights() ? 4 : 0;
        double dropBytes = fw.loraDropout() ? (compiled ? 1 : 1 + p) : 0;
        double perInput = castBytes + dropBytes;
        double sum = 0;
        double outside = 0;
        int modules = 0;
        boolean qkvCounted = false;
        for (LoraTarget target : targets) {
            boolean qkv = target == LoraTarget.Q || target == LoraTarget.K || target == LoraTarget.V;
            if (qkv && fw.fusedQkv()) {
                // one fused projection: its input passes through the adapter dropout once
                if (qkvCounted) {
                    modules++;
                    continue;
                }
                qkvCounted = true;
            }
            double dIn = switch (target) {
                case Q, K, V, GATE, UP -> h;
                case O -> qW;
                case DOWN -> iEff;
                case LM_HEAD -> 0;
            };
            if (target == LoraTarget.GATE && !a.gatedMlp()) {
                continue;
            }
            sum += perInput * dIn;
            // q, k, v, gate and up read the h-wide block input; o and down read the TP-split attention/MLP output
            if (target != LoraTarget.O && target != LoraTarget.DOWN) {
                outside += perInput * dIn;
            }
            modules++;
        }
        double adapterOut = (castBytes > 0 ? 4 : p) * 2.0 * m.rank() * modules;
        loraOutside = outside + adapterOut;
        return sum + adapterOut + zeroPadSource(p);
    }

    /**
     * LitGPT's {@code LoRAQKVLinear.zero_pad}: with adapters on some but not all of q, k and v, the adapted outputs
     * are scattered into a zero q, k, v-wide tensor by {@code index_copy}, and its backward keeps the source
     * ({@code source: grad.index_select(dim, index).expand_as(source)} in PyTorch's {@code derivatives.yaml}): one
     * copy of the adapted outputs, {@code p·(q width + k, v widths adapted)} bytes per token. Llama-2-7B with q and
     * v: 2·(4096 + 4096) = 16,384 B, 4·h.
     */
    private double zeroPadSource(double p) {
        if (!fw.loraZeroPad()) {
            return 0;
        }
        Set<LoraTarget> targets = m.targets();
        boolean q = targets.contains(LoraTarget.Q);
        boolean k = targets.contains(LoraTarget.K);
        boolean v = targets.contains(LoraTarget.V);
        if (q && k && v || !(q || k || v)) {
            return 0;
        }
        return p * ((q ? a.queryWidth() : 0) + (k ? a.kvWidth() : 0) + (v ? a.kvWidth() : 0));
    }
}
