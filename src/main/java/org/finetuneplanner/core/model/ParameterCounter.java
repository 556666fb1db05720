package org.finetuneplanner.core.model;

import java.util.Set;

import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Parallelism;

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

    /**
     * The parameters one GPU holds under a model-parallel layout, for the most loaded pipeline stage: its
     * ⌈L/PP⌉ blocks with every linear split over TP (column-parallel q, k, v, gate, up; row-parallel o, down:
     * Shoeybi et al. 2019 §3) and the routed experts also over EP, norms replicated, and the vocabulary-parallel
     * embedding or LM head ÷ TP (the first stage holds the embedding and the last the head, so a stage holds one
     * V·h; Megatron {@code theoretical_memory_usage.py}, "most loaded shard"). Adapters split like their base
     * matrix: the split side of a LoRA pair is divided, the other replicated (NeMo {@code ParallelLinearAdapter}).
     * Without model parallelism this is {@link #count}. Context parallelism divides no parameters.
     */
    public static ParameterCounts perRank(Architecture a, MethodSpec m, Parallelism parallel) {
        ParameterCounts all = count(a, m);
        int t = parallel.tensor();
        int pp = parallel.pipeline();
        int e = parallel.expert();
        if (t == 1 && pp == 1 && e == 1) {
            return all;
        }
        double stage = (double) ((a.numLayers() + pp - 1) / pp) / a.numLayers();
        long expertLinear = (long) moeLayers(a) * a.moe().experts()
                * (a.moe().isMoe() ? mlpLinear(a, a.moe().expertIntermediate()) : 0);
        long linear = Math.round(stage * ((all.linear() - expertLinear) / (double) t
                + expertLinear / ((double) t * e)));
        long vh = (long) a.vocabSize() * a.hiddenSize();
        long embedding = pp == 1 ? all.embedding() / t : vh / t;
        long other = Math.round(stage * all.other());
        long base = linear + embedding + other;
        long active = Math.round(base * ((double) all.active() / Math.max(1, all.base())));
        if (!m.usesAdapters()) {
            return new ParameterCounts(base, base, active, linear, embedding, other, 0);
        }
        long adapter = Math.round(stage * adapterParameters(a, m.rank(), m.targets(), t, e));
        Set<ExtraTrainable> extras = m.extraTrainable();
        long embeddingRows = (extras.contains(ExtraTrainable.EMBED) ? 1 : 0)
                + (extras.contains(ExtraTrainable.LM_HEAD) && !(a.tiedEmbeddings()
                && extras.contains(ExtraTrainable.EMBED)) ? 1 : 0);
        long extra = (pp == 1 ? embeddingRows : Math.min(1, embeddingRows)) * (vh / t)
                + (extras.contains(ExtraTrainable.NORM) ? Math.round(stage * normParameters(a)) : 0);
        return new ParameterCounts(base + adapter, adapter + extra, active, linear, embedding, other, adapter);
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
        return adapterParameters(a, rank, targets, 1, 1);
    }

    /**
     * LoRA parameters on one GPU of a TP group of {@code t} with the experts over {@code e}: the output side of a
     * column-parallel pair (q, k, v, gate, up, LM head) and the input side of a row-parallel pair (o, down) ÷ t.
     */
    private static long adapterParameters(Architecture a, int rank, Set<LoraTarget> targets, int t, int e) {
        long h = a.hiddenSize();
        long r = rank;
        long perLayerAttn = 0;
        Architecture.Mla mla = a.mla();
        if (mla.isMla()) {
            long heads = a.numHeads();
            long qk = mla.qkNopeHeadDim() + mla.qkRopeHeadDim();
            if (targets.contains(LoraTarget.Q)) {
                perLayerAttn += mla.qLoraRank() > 0
                        ? r * (h + mla.qLoraRank()) + r * (mla.qLoraRank() + heads * qk / t) : r * (h + heads * qk / t);
            }
            if (targets.contains(LoraTarget.K) || targets.contains(LoraTarget.V)) {
                perLayerAttn += r * (h + mla.kvLoraRank() + mla.qkRopeHeadDim())
                        + r * (mla.kvLoraRank() + heads * (mla.qkNopeHeadDim() + mla.vHeadDim()) / t);
            }
            if (targets.contains(LoraTarget.O)) {
                perLayerAttn += r * (heads * mla.vHeadDim() / t + h);
            }
        } else {
            long q = r * (h + shard(a.queryWidth(), t));
            long kv = r * (h + shard(a.kvWidth(), t));
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
        total += denseLayers * mlpAdapter(a, r, shard(a.intermediateSize(), t), targets);
        if (moeLayers > 0) {
            long perMoe = (long) a.moe().experts() / e * mlpAdapter(a, r, a.moe().expertIntermediate() / t, targets)
                    + a.moe().sharedExperts() * mlpAdapter(a, r, a.moe().sharedIntermediate() / t, targets);
            total += moeLayers * perMoe;
        }
        if (targets.contains(LoraTarget.LM_HEAD)) {
            total += r * (h + shard(a.vocabSize(), t));
        }
        return total;
    }

    /**
     * One rank's share {@code x / k} of a width split over {@code k} GPUs, without an integer division when
     * {@code k} is 1 (the counts run on every estimate, thousands of times per planner tick).
     */
    private static long shard(long x, int k) {
        return k == 1 ? x : x / k;
    }

    /** Adapters of one MLP whose split width (I, or I/TP) is {@code width}. */
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
