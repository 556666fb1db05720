package org.finetuneplanner.core.plan;

import java.util.Objects;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.gpu.GpuSpec;

/**
 * One GPU option of a plan: the fewest GPUs of that model and the sharding that fit, or the smallest estimate
 * found when nothing fits.
 *
 * @param gpu      the card
 * @param estimate the scenario on that card, with count, sharding and offload chosen
 * @param reason   why it does not fit, or why this count and sharding ("" when obvious)
 */
public record PlanOption(GpuSpec gpu, Estimate estimate, String reason) {

    public PlanOption {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(estimate, "estimate");
        reason = reason == null ? "" : reason;
    }

    public boolean fits() {
        return estimate.fits();
    }

    public int gpuCount() {
        return estimate.scenario().hardware().gpuCount();
    }
}
