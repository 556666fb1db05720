package org.finetuneplanner.core.scenario;

/**
 * Every documented limit on a scenario's inputs, defined once: the scenario reader, the core records, the planner
 * and the app all use these. Two kinds are kept apart by their names: what a scenario may hold ({@code MAX_…},
 * checked by the records, so a file and the app accept the same values) and how far the planner searches
 * ({@code PLANNER_…}). The app's slider ranges are a third kind and live with the app.
 */
public final class Limits {

    /** Largest micro-batch accepted (a budget guard; real runs use at most a few hundred). */
    public static final int MAX_MICRO_BATCH = 1 << 20;
    /** Longest sequence accepted: 16M tokens, beyond any published context window. */
    public static final int MAX_SEQUENCE_LENGTH = 1 << 24;
    /** Largest gradient accumulation accepted. */
    public static final int MAX_ACCUMULATION = 1 << 20;
    /**
     * Largest LoRA rank accepted; a scenario also holds the rank to the smallest dimension of the layers it adapts
     * (a rank above it adds more parameters than the layer has and cannot raise the update's rank).
     */
    public static final int MAX_RANK = 1 << 16;
    /** Largest LoRA alpha accepted. */
    public static final int MAX_ALPHA = 1 << 24;
    /** Largest data set accepted: 10^15 tokens, 50× the largest published pre-training corpora. */
    public static final long MAX_TOKENS = 1_000_000_000_000_000L;
    /** Most epochs accepted (epochs must be above 0 and at most this). */
    public static final double MAX_EPOCHS = 1e6;
    /** Fewest parameters of a model given by its count alone. */
    public static final long MIN_PARAMETERS = 1_000_000L;
    /**
     * Most parameters of a model: 100 trillion, 50 times the largest published models. It holds for a count given
     * alone, for the count of a {@code config.json} (it bounds {@code num_hidden_layers × hidden_size²},
     * {@code num_hidden_layers × hidden_size × intermediate_size}, {@code vocab_size × hidden_size} and the
     * experts), and for the parameters a job trains (LoRA's adapters and extra modules, which a rank up to the
     * adapted layers' size keeps below twice the model's). At most 24 bytes per trained parameter, the model states
     * of one GPU stay below 3e15 bytes.
     */
    public static final long MAX_PARAMETERS = 100_000_000_000_000L;
    /** Most GPUs in one job accepted (a budget guard; the planner stops at {@link #PLANNER_MAX_GPUS}). */
    public static final int MAX_GPUS = 65_536;
    /** Most GPUs per node accepted. */
    public static final int MAX_GPUS_PER_NODE = 1024;
    /** Largest degree of one kind of model parallelism (tensor, pipeline, virtual stages, context, expert). */
    public static final int MAX_PARALLEL = MAX_GPUS;
    /** Highest price per GPU-hour accepted, USD (from 0). */
    public static final double MAX_USD_PER_GPU_HOUR = 99_999;
    /** Largest memory budget per GPU accepted, GiB (a budget must be above 0). */
    public static final double MAX_GPU_MEMORY_GIB = 1e6;

    /** Largest host memory per node accepted, GiB (host memory must be above 0): 1 PiB. */
    public static final double MAX_HOST_MEMORY_GIB = 1 << 20;

    /**
     * Lowest model-FLOPs utilisation accepted ({@code cost.mfu}, up to 1): 1 %. Fine-tuning runs reach 20–60 % of
     * the dense peak; at 1 % the compute takes a hundred times its time at full use, and below it a figure such as
     * 10^-300 only made the hours overflow.
     */
    public static final double MIN_MFU = 0.01;

    /** Largest hidden size of a {@code config.json} (the largest published models use 16–30k). */
    public static final long MAX_HIDDEN_SIZE = 1L << 20;
    /** Most layers of a {@code config.json}. */
    public static final long MAX_LAYERS = 10_000;
    /** Most attention heads of a {@code config.json}. */
    public static final long MAX_HEADS = 1L << 16;
    /** Widest MLP of a {@code config.json} ({@code intermediate_size} and its spellings). */
    public static final long MAX_INTERMEDIATE_SIZE = 1L << 24;
    /** Largest vocabulary of a {@code config.json}. */
    public static final long MAX_VOCAB = 50_000_000;
    /** Most experts of a {@code config.json}. */
    public static final long MAX_EXPERTS = 1L << 16;
    /** Longest context window of a {@code config.json}. */
    public static final long MAX_POSITIONS = 1L << 30;

    // ---- products --------------------------------------------------------------------------------------
    // The limits above hold for each value alone; the estimators multiply them (a 65,536-sequence micro-batch of
    // 16M tokens against a 128k vocabulary is 1.4e17 logits). The limits below hold for the products, so that for
    // every scenario the records accept each memory figure is a whole number of bytes well inside a long and each
    // time and cost a finite double. ProductLimits checks them where scenarios and architectures are built.

    /**
     * Widest attention projection: {@code num_attention_heads × head_dim}, and for multi-head latent attention
     * {@code num_attention_heads × (qk_nope_head_dim + qk_rope_head_dim)} and {@code num_attention_heads ×
     * v_head_dim}, at most 2^20, the largest hidden size (published models use one to two times h). With it every
     * matrix of a block holds at most 2^44 weights, so the parameter count of a model within the single limits
     * stays below 2^60 and is counted exactly in a long.
     */
    public static final long MAX_ATTENTION_WIDTH = MAX_HIDDEN_SIZE;
    /**
     * Widest mixture-of-experts layer: {@code num_local_experts × moe_intermediate_size} plus the shared experts'
     * widths, at most 2^24, the widest MLP (DeepSeek-V3 has 256 × 2,048 = 2^19). Like the attention width, it keeps
     * the parameter count exact in a long.
     */
    public static final long MAX_MOE_WIDTH = MAX_INTERMEDIATE_SIZE;
    /**
     * Most elements one micro-batch may put in one family of tensors, 2^48 ≈ 2.8e14: the logits
     * ({@code micro_batch_size × sequence_length × vocab_size}), the activations a block keeps
     * ({@code micro_batch_size × sequence_length × num_hidden_layers × w}, w the widest tensor per token of a
     * block: {@code hidden_size} for a plain decoder, else the MLP, the attention or the experts' width), and
     * eager attention's scores ({@code micro_batch_size × num_attention_heads × sequence_length² ×
     * num_hidden_layers}). At two bytes each that is 512 TiB, some 2,000 times the largest GPU of the
     * catalog (MI325X, 256 GB), so no job near it fits anywhere; at the few hundred bytes per element of the
     * widest tensor the activation model keeps at most, the activations of one GPU stay below 2^57 bytes, and
     * their offloaded copies on a full node below 2^60.
     */
    public static final long MAX_MICRO_BATCH_ELEMENTS = 1L << 48;
    /**
     * Largest memory figure in bytes: a part or the total of one GPU, or the host memory of one node. 2^62 (4 EiB)
     * is half a long, so a sum of two figures or a capacity minus a total cannot overflow. The limits above keep an
     * accepted scenario below it: a GPU holds at most 4 bytes per frozen parameter and 24 per trained one (fp32
     * weights, fp32 and compute-precision gradients, master copy, two AdamW moments), 2.8e15 for 10^14 of each;
     * a node of {@link #MAX_GPUS_PER_NODE} GPUs that offloads all of it and its checkpointed activations (≤ 4 × 2^48
     * bytes per GPU) holds at most 1,024 × 2.8e15 + 2^60 ≈ 4.0e18 of host memory. The estimator refuses a figure
     * above it rather than report a saturated or wrapped number.
     */
    public static final long MAX_MEMORY_BYTES = 1L << 62;
    /**
     * Longest training time reported: 10^9 hours (114,000 years, twenty times recorded history). Beyond it the
     * estimate gives no hours and no cost, with a note: the number would mean nothing, and the largest jobs the
     * limits allow (10^21 tokens at a few tokens per second) would reach 10^20 hours, where the result's three
     * decimals no longer fit a long.
     */
    public static final double MAX_HOURS = 1e9;
    /**
     * Highest cost reported: 10^15 USD, ten times the world's yearly output. Beyond it the estimate gives no cost,
     * with a note; 65,536 GPUs at 99,999 USD an hour for {@link #MAX_HOURS} would be 6.6e18 USD, where cents no
     * longer fit a long.
     */
    public static final double MAX_USD = 1e15;

    /** The largest job the planner considers by default ({@code plan.max_gpus}): 64 GPUs, eight nodes of eight. */
    public static final int PLANNER_MAX_GPUS = 64;
    /**
     * The largest {@code plan.max_gpus} accepted: 1,024 GPUs, 128 nodes of eight (the largest public fine-tuning
     * runs, MLPerf's Llama-2-70B LoRA at 1,024 H100s).
     */
    public static final int MAX_PLAN_GPUS = 1024;
    /** The planner's search for the count a setup would need beyond {@code plan.max_gpus} stops here. */
    public static final int PLANNER_BEYOND_GPUS = 1 << 16;
    /** Upper end of the planner's search for the largest micro-batch that fits. */
    public static final int PLANNER_MAX_MICRO_BATCH = 1 << 16;
    /** Upper end of the planner's search for the longest sequence when the model's context length is unknown. */
    public static final int PLANNER_MAX_SEQUENCE = 1 << 21;

    private Limits() {
    }
}
