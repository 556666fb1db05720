package org.finetuneplanner.core.plan;

import java.util.Objects;

import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;

/**
 * Why the planner chose an option, as data; the text layer words each kind ({@code reason.<SimpleName>}). An
 * option carries a list of them: first why this count (or why nothing fits), then what the reader must know about
 * the figures (a nearest split, a tight fit, an emulated precision), and for an option that does not fit the
 * smallest changes that would make it fit — only changes the search did not already try.
 */
public sealed interface PlanReason permits PlanReason.FitsOnOneGpu, PlanReason.NeedsGpus, PlanReason.DoesNotFit,
        PlanReason.Fp8Fallback, PlanReason.InexactSplit, PlanReason.Tight, PlanReason.PrecisionEmulated,
        PlanReason.HostMemoryShort, PlanReason.FitsWithMoreGpus, PlanReason.FitsWithMethod,
        PlanReason.FitsWithShorterSequence, PlanReason.FitsIfNotKept, PlanReason.NotOffered {

    /** One GPU is enough. */
    record FitsOnOneGpu() implements PlanReason {
    }

    /**
     * One GPU is not enough; {@code gpus} GPUs with {@code sharding} (and {@code offload}) are.
     *
     * @param gpus          GPUs chosen
     * @param sharding      sharding chosen
     * @param offload       CPU offload chosen ({@link Offload#NONE} when none)
     * @param oneGpuBytes   what one GPU alone would need
     * @param capacityBytes one GPU's usable memory
     */
    record NeedsGpus(int gpus, Sharding sharding, Offload offload, long oneGpuBytes, long capacityBytes)
            implements PlanReason {
        public NeedsGpus {
            Objects.requireNonNull(sharding, "sharding");
            Objects.requireNonNull(offload, "offload");
        }
    }

    /**
     * Nothing fits within the planner's limit: even the largest, most sharded and offloaded setup, with every setting
     * the planner may change at its leanest (micro-batch 1, checkpointing, chunked loss), needs more.
     *
     * @param maxGpus       the planner's limit
     * @param sharding      the most sharded setup tried
     * @param perGpuBytes   what each GPU needs even so
     * @param capacityBytes one GPU's usable memory
     */
    record DoesNotFit(int maxGpus, Sharding sharding, long perGpuBytes, long capacityBytes) implements PlanReason {
        public DoesNotFit {
            Objects.requireNonNull(sharding, "sharding");
        }
    }

    /**
     * The scenario asks for FP8 and the GPU has none: the speed of another precision is assumed.
     *
     * @param gpuName the GPU's name
     * @param assumed the precision whose speed is assumed
     */
    record Fp8Fallback(String gpuName, Precision assumed) implements PlanReason {
        public Fp8Fallback {
            Objects.requireNonNull(gpuName, "gpuName");
            Objects.requireNonNull(assumed, "assumed");
        }
    }

    /**
     * The sequences per optimizer step could not stay exactly as the scenario's on this GPU count: the nearest
     * whole split of micro-batch and accumulation is used.
     *
     * @param wanted the scenario's sequences per step (micro-batch × accumulation × data-parallel GPUs)
     * @param got    the option's
     */
    record InexactSplit(int wanted, int got) implements PlanReason {
    }

    /**
     * The estimate fits but the high end of its range does not: the job may run out of memory.
     *
     * @param highBytes     the range's high end of the per-GPU total
     * @param capacityBytes one GPU's usable memory
     */
    record Tight(long highBytes, long capacityBytes) implements PlanReason {
    }

    /**
     * The job asks a precision the GPU has no tensor cores for; the figures assume the precision that would really
     * run, and the option is not ranked cheapest or fastest (that would change the job's precision).
     *
     * @param gpuName the GPU's name
     * @param wanted  the scenario's precision
     * @param assumed the precision the figures assume
     */
    record PrecisionEmulated(String gpuName, Precision wanted, Precision assumed) implements PlanReason {
        public PrecisionEmulated {
            Objects.requireNonNull(gpuName, "gpuName");
            Objects.requireNonNull(wanted, "wanted");
            Objects.requireNonNull(assumed, "assumed");
        }
    }

    /**
     * The GPUs would hold the job only with CPU offload, and the offload needs more host memory than the scenario's
     * {@code hardware.host_memory_gib}.
     *
     * @param neededBytes host memory per node the offload needs
     * @param hostBytes   host memory per node the scenario gives
     */
    record HostMemoryShort(long neededBytes, long hostBytes) implements PlanReason {
    }

    /**
     * A suggestion for an option that does not fit: it would fit on more GPUs than the planner's limit.
     *
     * @param gpus    GPUs it would need
     * @param maxGpus the planner's limit ({@code plan.max_gpus})
     */
    record FitsWithMoreGpus(int gpus, int maxGpus) implements PlanReason {
    }

    /**
     * A suggestion for an option that does not fit: with a lighter method it would fit within the limit.
     *
     * @param method the method (LoRA, QLoRA)
     * @param gpus   GPUs it would need then
     */
    record FitsWithMethod(FineTuneMethod method, int gpus) implements PlanReason {
        public FitsWithMethod {
            Objects.requireNonNull(method, "method");
        }
    }

    /**
     * A suggestion for an option that does not fit: with sequences of at most this length it would fit.
     *
     * @param sequenceLength the longest sequence that fits
     * @param gpus           on this many GPUs (the limit, with every setting the planner may change at its leanest)
     */
    record FitsWithShorterSequence(int sequenceLength, int gpus) implements PlanReason {
    }

    /**
     * A suggestion for an option that does not fit: it would fit if the planner could change a setting the scenario
     * keeps ({@code plan.keep}).
     *
     * @param setting the kept setting
     * @param gpus    GPUs it would need then
     */
    record FitsIfNotKept(Setting setting, int gpus) implements PlanReason {
        public FitsIfNotKept {
            Objects.requireNonNull(setting, "setting");
        }
    }

    /**
     * The scenario's own GPU, which the seller's price list in force does not offer: shown for what it would need,
     * without a price, and never ranked.
     *
     * @param seller  the seller of the price list
     * @param gpuName the GPU's name
     */
    record NotOffered(String seller, String gpuName) implements PlanReason {
        public NotOffered {
            Objects.requireNonNull(seller, "seller");
            Objects.requireNonNull(gpuName, "gpuName");
        }
    }
}
