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
    /** Largest LoRA rank accepted (a rank above the hidden size is pointless but not wrong). */
    public static final int MAX_RANK = 1 << 16;
    /** Largest LoRA alpha accepted. */
    public static final int MAX_ALPHA = 1 << 24;
    /** Largest data set accepted: 10^15 tokens, 50× the largest published pre-training corpora. */
    public static final long MAX_TOKENS = 1_000_000_000_000_000L;
    /** Most epochs accepted (epochs must be above 0 and at most this). */
    public static final double MAX_EPOCHS = 1e6;
    /** Fewest parameters of a model given by its count alone. */
    public static final long MIN_PARAMETERS = 1_000_000L;
    /** Most parameters of a model given by its count alone: 100 trillion. */
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

    /** The largest job the planner considers: 64 GPUs, eight nodes of eight. */
    public static final int PLANNER_MAX_GPUS = 64;
    /** Upper end of the planner's search for the largest micro-batch that fits. */
    public static final int PLANNER_MAX_MICRO_BATCH = 1 << 16;
    /** Upper end of the planner's search for the longest sequence when the model's context length is unknown. */
    public static final int PLANNER_MAX_SEQUENCE = 1 << 21;

    private Limits() {
    }
}
