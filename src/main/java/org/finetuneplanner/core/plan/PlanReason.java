package org.finetuneplanner.core.plan;

import java.util.Objects;

import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;

/**
 * Why the planner chose an option, as data; the text layer words each kind ({@code reason.<SimpleName>}). An
 * option carries a list of them, so new kinds (adjustments, caveats) can join without changing the others.
 */
public sealed interface PlanReason permits PlanReason.FitsOnOneGpu, PlanReason.NeedsGpus, PlanReason.DoesNotFit,
        PlanReason.Fp8Fallback {

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
     * Nothing fits within the planner's limit: even the largest, most sharded and offloaded setup needs more.
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
}
