package org.finetuneplanner.core.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.Violation;

/**
 * What the hardware costs and how well it is used.
 *
 * @param usdPerGpuHour a price that overrides the catalog, or empty
 * @param provider      a provider in the GPU catalog to take the price from, or empty for the cheapest
 * @param mfu           model-FLOPs utilisation from {@link Limits#MIN_MFU} to 1, or empty for the method/GPU default
 */
public record CostSpec(OptionalDouble usdPerGpuHour, Optional<String> provider, OptionalDouble mfu) {

    public CostSpec {
        Objects.requireNonNull(usdPerGpuHour, "usdPerGpuHour");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(mfu, "mfu");
        if (usdPerGpuHour.isPresent() && !(usdPerGpuHour.getAsDouble() >= 0
                && usdPerGpuHour.getAsDouble() <= Limits.MAX_USD_PER_GPU_HOUR)) {
            throw Violation.range("cost.usd_per_gpu_hour", 0, Limits.MAX_USD_PER_GPU_HOUR,
                    usdPerGpuHour.getAsDouble()).exception();
        }
        if (mfu.isPresent() && !(mfu.getAsDouble() >= Limits.MIN_MFU && mfu.getAsDouble() <= 1)) {
            throw Violation.range("cost.mfu", Limits.MIN_MFU, 1, mfu.getAsDouble()).exception();
        }
    }

    public static CostSpec defaults() {
        return new CostSpec(OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty());
    }
}
