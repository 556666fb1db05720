package org.finetuneplanner.core.explain;

/**
 * The symbols a formula puts numbers in for. Each has a {@link Kind} that tells the text layer how to write the
 * number; the formulas themselves are in the text layer ({@code {NAME}} placeholders).
 */
public enum Input {
    // ---- parameter counts and shapes
    N(Kind.COUNT), N_LINEAR(Kind.COUNT), N_EMBED(Kind.COUNT), N_OTHER(Kind.COUNT), N_TRAINABLE(Kind.COUNT),
    N_MATMUL(Kind.NUMBER), LARGEST_LINEAR(Kind.NUMBER), LARGEST_PARAMETER(Kind.NUMBER), LARGEST_TENSOR(Kind.NUMBER),
    BLOCK(Kind.COUNT), BLOCK_TRAINABLE(Kind.NUMBER), ELEMENTS(Kind.NUMBER),
    LAYERS(Kind.COUNT), TOKENS(Kind.COUNT), HIDDEN(Kind.COUNT), VOCAB(Kind.COUNT),
    // ---- bytes and factors
    BYTES(Kind.NUMBER), BITS(Kind.NUMBER), SHARDS(Kind.COUNT), PER_PARAMETER(Kind.NUMBER), STATE_BYTES(Kind.NUMBER),
    FACTOR(Kind.NUMBER), WEIGHT_BYTES(Kind.NUMBER), GRAD_BYTES(Kind.NUMBER), ACT_BYTES(Kind.NUMBER),
    KEPT_BYTES(Kind.NUMBER), PER_TOKEN(Kind.NUMBER),
    // ---- one block's saved bytes per token, in multiples of h
    NORMS_H(Kind.NUMBER), ATTENTION_H(Kind.NUMBER), MLP_H(Kind.NUMBER), LORA_H(Kind.NUMBER), CROSS_H(Kind.NUMBER),
    SCORES_H(Kind.NUMBER), SCORE_BYTES(Kind.NUMBER),
    // ---- amounts of memory, written in GiB
    OFFLOADED(Kind.MEMORY), STATES(Kind.MEMORY), ROOT(Kind.MEMORY), INPUTS_TOTAL(Kind.MEMORY), CHURN(Kind.MEMORY),
    STATIC(Kind.MEMORY), OTHER_PHASE(Kind.MEMORY),
    // ---- the allocator's and the context's constants
    FRAGMENTATION_TRANSIENT(Kind.NUMBER), FRAGMENTATION_STATIC(Kind.NUMBER), FLOOR_GIB(Kind.NUMBER),
    CONTEXT_GIB(Kind.NUMBER),
    // ---- markers: an optional part of a formula that holds when present (the value is 1)
    DROPOUT(Kind.FLAG), FROZEN_NO_INPUT(Kind.FLAG), LOGITS_DROPPED(Kind.FLAG),
    // ---- time: written to three significant digits
    GA(Kind.COUNT), MICRO_TOKENS(Kind.SIGNIFICANT), FLOPS_PER_TOKEN(Kind.SIGNIFICANT),
    PEAK_TFLOPS(Kind.SIGNIFICANT), UTILISATION(Kind.SIGNIFICANT), EXPERT_FLOPS(Kind.SIGNIFICANT),
    EXPERT_UTILISATION(Kind.SIGNIFICANT), TOKEN_BYTES(Kind.SIGNIFICANT), BANDWIDTH(Kind.SIGNIFICANT),
    MEMORY_EFFICIENCY(Kind.NUMBER), PASSES(Kind.COUNT), DEQUANT_BYTES(Kind.NUMBER), N_LOCAL(Kind.SIGNIFICANT),
    UPDATE_BYTES(Kind.SIGNIFICANT), N_NODE(Kind.SIGNIFICANT), DRAM(Kind.SIGNIFICANT), COPY_BYTES(Kind.SIGNIFICANT),
    HOST_LINK(Kind.SIGNIFICANT), PAGED(Kind.SIGNIFICANT), FREE(Kind.SIGNIFICANT), OVERLAP(Kind.NUMBER),
    VOLUME_MICRO(Kind.SIGNIFICANT), VOLUME_STEP(Kind.SIGNIFICANT), LINK(Kind.SIGNIFICANT),
    HIDEABLE(Kind.SIGNIFICANT), HIDEABLE_STEP(Kind.SIGNIFICANT), VOLUME_HOST(Kind.SIGNIFICANT),
    REMAINING(Kind.SIGNIFICANT),
    // ---- the default utilisation
    GEMM_EFFICIENCY(Kind.SIGNIFICANT), HALF_TOKENS(Kind.COUNT), AMD_FACTOR(Kind.NUMBER),
    FP8_FACTOR(Kind.SIGNIFICANT), MAMF_SHARE(Kind.SIGNIFICANT),
    // ---- model parallelism
    TP(Kind.COUNT), PP(Kind.COUNT), VP(Kind.COUNT), CP(Kind.COUNT), EP(Kind.COUNT), DP(Kind.COUNT),
    STAGE_LAYERS(Kind.COUNT), IN_FLIGHT(Kind.NUMBER), SEQUENCE_PARALLEL(Kind.FLAG), MICRO_BATCHES(Kind.COUNT),
    STAGE_SECONDS(Kind.SIGNIFICANT), BUBBLE_FRACTION(Kind.SIGNIFICANT), VOLUME_LAYER(Kind.SIGNIFICANT),
    PASSES_COMM(Kind.COUNT), EXPOSED(Kind.SIGNIFICANT), OVERLAPPED(Kind.FLAG),
    // ---- losses, kernels, recompute
    CHUNK_ROWS(Kind.COUNT), HEAD_TRAINED(Kind.FLAG), CORE_BYTES(Kind.NUMBER), SCORE_TRAFFIC(Kind.SIGNIFICANT),
    FUSED_FACTOR(Kind.NUMBER), KV_WIDTH(Kind.COUNT), TOP_K(Kind.COUNT);

    /** How a number of this symbol is written. */
    public enum Kind {
        /** A whole count, grouped. */
        COUNT,
        /** A number to three decimals. */
        NUMBER,
        /** Three significant digits (time formulas). */
        SIGNIFICANT,
        /** Bytes, written in GiB. */
        MEMORY,
        /** No number: the presence of an optional part. */
        FLAG
    }

    private final Kind kind;

    Input(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
