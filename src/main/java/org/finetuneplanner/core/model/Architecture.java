package org.finetuneplanner.core.model;

import java.util.Objects;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.Limits;

/**
 * The shape of a decoder (or encoder) transformer, as read from a Hugging Face {@code config.json}
 * by {@link ArchitectureFactory}. Sizes are element counts.
 *
 * @param modelType             Hugging Face {@code model_type} (lower case), "" when unknown
 * @param hiddenSize            h
 * @param numLayers             L
 * @param numHeads              a (query heads)
 * @param numKvHeads            kv (key/value heads; = a without grouped-query attention)
 * @param headDim               d (= h / a unless the config says {@code head_dim})
 * @param intermediateSize      I, the MLP width of a dense layer
 * @param vocabSize             V
 * @param tiedEmbeddings        LM head shares the input embedding
 * @param gatedMlp              SwiGLU/GeGLU (three matrices) rather than a plain two-matrix MLP
 * @param layerNorm             LayerNorm with bias (else RMSNorm, weight only)
 * @param normsPerLayer         norm modules per block (2 for Llama, 4 for Gemma 2/3, 1 for Falcon-7B)
 * @param qkNorm                per-head q/k norms (Qwen3, Gemma 3)
 * @param qkvBias               biases on q, k, v projections (Qwen2, GPT-2, BERT …)
 * @param outBias               bias on the attention output projection
 * @param mlpBias               biases in the MLP
 * @param positionEmbeddings    rows of a learned position embedding (GPT-2, BERT), 0 with rotary
 * @param moe                   mixture-of-experts layout, {@link Moe#NONE} for dense models
 * @param maxPositionEmbeddings longest context the model was trained for (0 if unknown)
 * @param guessed               the shape was guessed from a bare parameter count
 * @param qkNormFullWidth       the q/k norms span the whole projection (OLMo 2: a·d and kv·d) rather than one
 *                              head (d)
 * @param lmHeadBias            the LM head has a bias of V (Phi-1.5/Phi-2)
 * @param parallelBlock         attention and MLP read the same normalised input (GPT-J/NeoX, Falcon, Phi)
 * @param crossAttentionLayers  blocks with an extra cross-attention (T5 decoder), counted inside {@code numLayers}
 * @param mla                   multi-head latent attention (DeepSeek-V2/V3), {@link Mla#NONE} otherwise
 */
public record Architecture(String modelType, int hiddenSize, int numLayers, int numHeads, int numKvHeads,
                           int headDim, int intermediateSize, int vocabSize, boolean tiedEmbeddings,
                           boolean gatedMlp, boolean layerNorm, int normsPerLayer, boolean qkNorm,
                           boolean qkvBias, boolean outBias, boolean mlpBias, int positionEmbeddings,
                           Moe moe, int maxPositionEmbeddings, boolean guessed, boolean qkNormFullWidth,
                           boolean lmHeadBias, boolean parallelBlock, int crossAttentionLayers, Mla mla) {

    public Architecture {
        modelType = modelType == null ? "" : modelType;
        Objects.requireNonNull(moe, "moe");
        mla = mla == null ? Mla.NONE : mla;
        if (crossAttentionLayers < 0 || crossAttentionLayers > numLayers) {
            throw new Violation("num_decoder_layers", Constraint.UP_TO_KEY, 0, numLayers, crossAttentionLayers,
                    "num_hidden_layers").exception();
        }
        requirePositive("hidden_size", hiddenSize);
        requirePositive("num_hidden_layers", numLayers);
        requirePositive("num_attention_heads", numHeads);
        requirePositive("num_key_value_heads", numKvHeads);
        requirePositive("head_dim", headDim);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("vocab_size", vocabSize);
        if (numKvHeads > numHeads) {
            throw new Violation("num_key_value_heads", Constraint.UP_TO_KEY, 1, numHeads, numKvHeads,
                    "num_attention_heads").exception();
        }
        // Widths within their limits keep every matrix, and so the parameter count, exact in a long.
        String heads = "num_attention_heads";
        atMost(heads, Violation.times(heads, "head_dim"), (long) numHeads * headDim, Limits.MAX_ATTENTION_WIDTH);
        if (mla.isMla()) {
            atMost(heads, Violation.times(heads, "(qk_nope_head_dim + qk_rope_head_dim)"),
                    (long) numHeads * ((long) mla.qkNopeHeadDim() + mla.qkRopeHeadDim()), Limits.MAX_ATTENTION_WIDTH);
            atMost(heads, Violation.times(heads, "v_head_dim"), (long) numHeads * mla.vHeadDim(),
                    Limits.MAX_ATTENTION_WIDTH);
        }
        if (moe.isMoe()) {
            atMost("num_local_experts", Violation.times("num_local_experts", "moe_intermediate_size") + " + "
                    + Violation.times("n_shared_experts", "shared_expert_intermediate_size"),
                    (long) moe.experts() * moe.expertIntermediate() + (long) moe.sharedExperts()
                            * moe.sharedIntermediate(), Limits.MAX_MOE_WIDTH);
        }
    }

    /** The product of config keys {@code product} must be at most {@code max}; the violation is marked at key. */
    private static void atMost(String key, String product, long value, long max) {
        if (value > max) {
            throw Violation.productAtMost(key, product, max, value).exception();
        }
    }

    /** The original twenty-field shape (no MLA, no cross-attention, no LM-head bias, sequential block). */
    public Architecture(String modelType, int hiddenSize, int numLayers, int numHeads, int numKvHeads,
                        int headDim, int intermediateSize, int vocabSize, boolean tiedEmbeddings,
                        boolean gatedMlp, boolean layerNorm, int normsPerLayer, boolean qkNorm,
                        boolean qkvBias, boolean outBias, boolean mlpBias, int positionEmbeddings,
                        Moe moe, int maxPositionEmbeddings, boolean guessed) {
        this(modelType, hiddenSize, numLayers, numHeads, numKvHeads, headDim, intermediateSize, vocabSize,
                tiedEmbeddings, gatedMlp, layerNorm, normsPerLayer, qkNorm, qkvBias, outBias, mlpBias,
                positionEmbeddings, moe, maxPositionEmbeddings, guessed, false, false, false, 0, Mla.NONE);
    }

    /** The same shape marked as guessed (or not). */
    public Architecture withGuessed(boolean value) {
        return new Architecture(modelType, hiddenSize, numLayers, numHeads, numKvHeads, headDim, intermediateSize,
                vocabSize, tiedEmbeddings, gatedMlp, layerNorm, normsPerLayer, qkNorm, qkvBias, outBias, mlpBias,
                positionEmbeddings, moe, maxPositionEmbeddings, value, qkNormFullWidth, lmHeadBias, parallelBlock,
                crossAttentionLayers, mla);
    }

    private static void requirePositive(String key, int value) {
        if (value < 1) {
            throw Violation.atLeast(key, 1, value).exception();
        }
    }

    /** Width of the query projection output: a·d. */
    public long queryWidth() {
        return (long) numHeads * headDim;
    }

    /** Width of one of the key or value projection outputs: kv·d. */
    public long kvWidth() {
        return (long) numKvHeads * headDim;
    }

    /**
     * Mixture-of-experts layout.
     *
     * @param experts              routed experts per MoE layer (0 for a dense model)
     * @param expertsPerToken      experts each token is routed to (top-k)
     * @param expertIntermediate   MLP width of one routed expert
     * @param sharedExperts        always-active shared experts (DeepSeek, Qwen2-MoE)
     * @param sharedIntermediate   MLP width of one shared expert
     * @param denseLayers          leading layers that keep a dense MLP (DeepSeek {@code first_k_dense_replace})
     */
    public record Moe(int experts, int expertsPerToken, int expertIntermediate, int sharedExperts,
                      int sharedIntermediate, int denseLayers) {
        public static final Moe NONE = new Moe(0, 0, 0, 0, 0, 0);

        public boolean isMoe() {
            return experts > 0;
        }
    }

    /**
     * Multi-head latent attention (DeepSeek-V2, arXiv 2405.04434): K and V come from a compressed latent.
     *
     * @param qLoraRank      rank of the query compression, 0 when queries are projected directly
     * @param kvLoraRank     width of the compressed KV latent
     * @param qkNopeHeadDim  per-head query/key width without rotary part
     * @param qkRopeHeadDim  per-head rotary width (shared key part)
     * @param vHeadDim       per-head value width
     */
    public record Mla(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {
        public static final Mla NONE = new Mla(0, 0, 0, 0, 0);

        public boolean isMla() {
            return kvLoraRank > 0;
        }
    }
}
