package org.finetuneplanner.core.plan;

import java.util.List;
import java.util.Objects;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.gpu.GpuSpec;

/**
 * One GPU option of a plan: the fewest GPUs of that model and the sharding that fit, or the smallest estimate
 * found when nothing fits.
 *
 * @param gpu      the card
 * @param estimate the scenario on that card, with count, sharding and offload chosen (totals: no explanation)
 * @param reasons  why it does not fit, or why this count and sharding, as data (never empty)
 */
public record PlanOption(GpuSpec gpu, Estimate estimate, List<PlanReason> reasons) {

    public PlanOption {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(estimate, "estimate");
        reasons = List.copyOf(reasons);
    }

    public boolean fits() {
        return estimate.fits();
    }

    public int gpuCount() {
        return estimate.scenario().hardware().gpuCount();
    }

    /** Whether the planner assumed another precision's speed because the GPU has no FP8. */
    public boolean fp8Fallback() {
        return reasons.stream().anyMatch(PlanReason.Fp8Fallback.class::isInstance);
    }
}
