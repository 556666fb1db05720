package org.finetuneplanner.core.model;

import java.util.Set;

import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;

/**
 * Counts parameters of an {@link Architecture} under a fine-tuning method. Pure; thread-safe; arithmetic only.
 *
 * <p>Per block (llm-analysis {@code get_num_params_per_layer_*}, Megatron {@code theoretical_memory_usage.py}):
 * attention {@code h·(a·d) + 2·h·(kv·d) + (a·d)·h}, gated MLP {@code 3·h·I} (plain {@code 2·h·I}), norms
 * {@code h} each (RMSNorm) or {@code 2h} (LayerNorm with bias); embeddings {@code V·h} plus {@code V·h} for an
 * untied LM head. MoE layers hold {@code E·3·h·I_e} routed experts, shared experts and a router {@code h·E}.
 * LoRA adds {@code r·(d_in + d_out)} per targeted matrix (PEFT {@code lora/layer.py}: {@code lora_A = Linear(in, r)},
 * {@code lora_B = Linear(r, out)}); MoE experts carry one adapter each.
 */
public final class ParameterCounter {

    private ParameterCounter() {
    }

    /**
     * Counts parameters of {@code a} trained with {@code m}.
     *
     * @return total (base + adapters, tied weights once), trainable, active, and the base split into linear,
     *         embedding and other parameters
     */
    public static ParameterCounts count(Architecture a, MethodSpec m) {
        long h = a.hiddenSize();
        int layers = a.numLayers();
        int moeLayers = moeLayers(a);
        int denseLayers = layers - moeLayers;

        long attnLinear = attentionLinear(a);
        long crossLinear = (long) a.crossAttentionLayers() * (2 * h * a.queryWidth() + 2 * h * a.kvWidth());
        long denseMlp = mlpLinear(a, a.intermediateSize());
        long expertMlp = a.moe().isMoe() ? mlpLinear(a, a.moe().expertIntermediate()) : 0;
        long sharedMlp = a.moe().isMoe() ? (long) a.moe().sharedExperts() * mlpLinear(a,
                a.moe().sharedIntermediate()) : 0;
        long router = a.moe().isMoe() ? h * a.moe().experts() : 0;
        long moeLayerLinear = (long) a.moe().experts() * expertMlp + sharedMlp + router;

        long linear = layers * attnLinear + crossLinear + denseLayers * denseMlp + moeLayers * moeLayerLinear;

        long embedding = (long) a.vocabSize() * h * (a.tiedEmbeddings() ? 1 : 2);
        long other = otherParameters(a, denseLayers, moeLayers);
        long base = linear + embedding + other;

        long inactiveExperts = a.moe().isMoe()
                ? (long) moeLayers * (a.moe().experts() - a.moe().expertsPerToken()) * (expertMlp
                + (a.mlpBias() ? biasOfMlp(a, a.moe().expertIntermediate()) : 0))
                : 0;
        long active = base - inactiveExperts;

        if (!m.usesAdapters()) {
            return new ParameterCounts(base, base, active, linear, embedding, other, 0);
        }
        long adapter = adapterParameters(a, m.rank(), m.targets());
        return new ParameterCounts(base + adapter, adapter + extraTrainable(a, m.extraTrainable()), active, linear,
                embedding, other, adapter);
    }

    /** Parameters of the modules trained in full beside the adapters (embeddings, LM head, norms). */
    public static long extraTrainable(Architecture a, Set<ExtraTrainable> extras) {
        long extra = 0;
        long vh = (long) a.vocabSize() * a.hiddenSize();
        if (extras.contains(ExtraTrainable.EMBED)) {
            extra += vh;
        }
        if (extras.contains(ExtraTrainable.LM_HEAD) && !(a.tiedEmbeddings() && extras.contains(ExtraTrainable.EMBED))) {
            extra += vh;
        }
        if (extras.contains(ExtraTrainable.NORM)) {
            extra += normParameters(a);
        }
        return extra;
    }

    /** Blocks whose MLP is a mixture of experts. */
    public static int moeLayers(Architecture a) {
        return a.moe().isMoe() ? a.numLayers() - a.moe().denseLayers() : 0;
    }

    /** Weights of the attention projections of one block (no biases). */
    public static long attentionLinear(Architecture a) {
        long h = a.hiddenSize();
        Architecture.Mla mla = a.mla();
        if (mla.isMla()) {
            long heads = a.numHeads();
            long qk = mla.qkNopeHeadDim() + mla.qkRopeHeadDim();
            long q = mla.qLoraRank() > 0 ? h * mla.qLoraRank() + (long) mla.qLoraRank() * heads * qk : h * heads * qk;
            long kvA = h * (mla.kvLoraRank() + mla.qkRopeHeadDim());
            long kvB = (long) mla.kvLoraRank() * heads * (mla.qkNopeHeadDim() + mla.vHeadDim());
            long o = heads * mla.vHeadDim() * h;
            return q + kvA + kvB + o;
        }
        return 2 * h * a.queryWidth() + 2 * h * a.kvWidth();
    }

    /** Weights of one MLP of width {@code width} (no biases). */
    public static long mlpLinear(Architecture a, long width) {
        return (a.gatedMlp() ? 3 : 2) * a.hiddenSize() * width;
    }

    /** Parameters of one decoder block, averaged over dense and MoE blocks (weights, biases and norms). */
    public static long blockParameters(Architecture a) {
        ParameterCounts c = count(a, MethodSpec.full(org.finetuneplanner.core.scenario.WeightStorage.BF16));
        long outside = c.embedding() + (long) a.positionEmbeddings() * a.hiddenSize()
                + finalNorm(a) + (a.lmHeadBias() ? a.vocabSize() : 0);
        return (c.total() - outside) / a.numLayers();
    }

    /** Every norm weight (and bias) in the model. */
    public static long normParameters(Architecture a) {
        long h = a.hiddenSize();
        long perNorm = a.layerNorm() ? 2 * h : h;
        long qk = 0;
        if (a.qkNorm()) {
            qk = a.qkNormFullWidth() ? a.queryWidth() + a.kvWidth() : 2L * a.headDim();
        }
        long mlaNorm = a.mla().isMla() ? a.mla().kvLoraRank() + a.mla().qLoraRank() : 0;
        long cross = (long) a.crossAttentionLayers() * perNorm;
        return a.numLayers() * (a.normsPerLayer() * perNorm + qk + mlaNorm) + cross + finalNorm(a);
    }

    private static long finalNorm(Architecture a) {
        long perNorm = a.layerNorm() ? 2L * a.hiddenSize() : a.hiddenSize();
        // T5 has a final norm on each of the encoder and decoder stacks; BERT's one norm outside the blocks is
        // the embedding LayerNorm.
        return a.crossAttentionLayers() > 0 ? 2 * perNorm : perNorm;
    }

    private static long biasOfMlp(Architecture a, long width) {
        return (a.gatedMlp() ? 2 * width : width) + a.hiddenSize();
    }

    private static long otherParameters(Architecture a, int denseLayers, int moeLayers) {
        long h = a.hiddenSize();
        long other = normParameters(a);
        long qkvBias = a.qkvBias() ? a.queryWidth() + 2 * a.kvWidth() : 0;
        long outBias = a.outBias() ? h : 0;
        other += (long) a.numLayers() * (qkvBias + outBias);
        if (a.mlpBias()) {
            other += denseLayers * biasOfMlp(a, a.intermediateSize());
            if (a.moe().isMoe()) {
                other += (long) moeLayers * a.moe().experts() * biasOfMlp(a, a.moe().expertIntermediate());
            }
        }
        other += (long) a.positionEmbeddings() * h;
        if (a.lmHeadBias()) {
            other += a.vocabSize();
        }
        if ("bert".equals(a.modelType()) || a.modelType().endsWith("roberta")) {
            // BertModel: pooler dense h×h + h; the final norm counted above is the embedding LayerNorm.
            other += h * h + h;
        }
        if (a.crossAttentionLayers() > 0) {
            // T5 relative attention bias: 32 buckets × heads, in the first block of each stack.
            other += 2L * 32 * a.numHeads();
        }
        return other;
    }

    /** LoRA parameters {@code r·(d_in + d_out)} summed over every targeted matrix. */
    public static long adapterParameters(Architecture a, int rank, Set<LoraTarget> targets) {
        long h = a.hiddenSize();
        long r = rank;
        long perLayerAttn = 0;
        Architecture.Mla mla = a.mla();
        if (mla.isMla()) {
            long heads = a.numHeads();
            long qk = mla.qkNopeHeadDim() + mla.qkRopeHeadDim();
            if (targets.contains(LoraTarget.Q)) {
                perLayerAttn += mla.qLoraRank() > 0
                        ? r * (h + mla.qLoraRank()) + r * (mla.qLoraRank() + heads * qk) : r * (h + heads * qk);
            }
            if (targets.contains(LoraTarget.K) || targets.contains(LoraTarget.V)) {
                perLayerAttn += r * (h + mla.kvLoraRank() + mla.qkRopeHeadDim())
                        + r * (mla.kvLoraRank() + heads * (mla.qkNopeHeadDim() + mla.vHeadDim()));
            }
            if (targets.contains(LoraTarget.O)) {
                perLayerAttn += r * (heads * mla.vHeadDim() + h);
            }
        } else {
            long q = r * (h + a.queryWidth());
            long kv = r * (h + a.kvWidth());
            if (targets.contains(LoraTarget.Q)) {
                perLayerAttn += q;
            }
            if (targets.contains(LoraTarget.K)) {
                perLayerAttn += kv;
            }
            if (targets.contains(LoraTarget.V)) {
                perLayerAttn += kv;
            }
            if (targets.contains(LoraTarget.O)) {
                perLayerAttn += q;
            }
        }
        long total = a.numLayers() * perLayerAttn;
        if (a.crossAttentionLayers() > 0 && !mla.isMla()) {
            total += a.crossAttentionLayers() * perLayerAttn;
        }
        int moeLayers = moeLayers(a);
        int denseLayers = a.numLayers() - moeLayers;
        total += denseLayers * mlpAdapter(a, r, a.intermediateSize(), targets);
        if (moeLayers > 0) {
            long perMoe = (long) a.moe().experts() * mlpAdapter(a, r, a.moe().expertIntermediate(), targets)
                    + a.moe().sharedExperts() * mlpAdapter(a, r, a.moe().sharedIntermediate(), targets);
            total += moeLayers * perMoe;
        }
        if (targets.contains(LoraTarget.LM_HEAD)) {
            total += r * (h + a.vocabSize());
        }
        return total;
    }

    private static long mlpAdapter(Architecture a, long r, long width, Set<LoraTarget> targets) {
        long h = a.hiddenSize();
        long one = r * (h + width);
        long sum = 0;
        if (a.gatedMlp() && targets.contains(LoraTarget.GATE)) {
            sum += one;
        }
        if (targets.contains(LoraTarget.UP)) {
            sum += one;
        }
        if (targets.contains(LoraTarget.DOWN)) {
            sum += one;
        }
        return sum;
    }
}
