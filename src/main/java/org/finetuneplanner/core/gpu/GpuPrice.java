package org.finetuneplanner.core.gpu;

import org.finetuneplanner.core.Violation;

/**
 * One dated price observation of renting a GPU.
 *
 * @param provider        provider name as in the catalog
 * @param instance        instance or offer name
 * @param gpusPerInstance GPUs in that instance
 * @param usdPerGpuHour   on-demand price per GPU-hour, USD
 * @param tier            "on-demand", "spot", "marketplace", …
 * @param seen            ISO date the price was observed
 * @param source          where it was read
 */
public record GpuPrice(String provider, String instance, int gpusPerInstance, double usdPerGpuHour, String tier,
                       String seen, String source) {

    public GpuPrice {
        if (!(usdPerGpuHour >= 0) || Double.isInfinite(usdPerGpuHour)) {
            throw Violation.atLeast("usd_per_gpu_hour", 0, usdPerGpuHour).exception();
        }
        provider = provider == null ? "" : provider;
        instance = instance == null ? "" : instance;
        tier = tier == null ? "" : tier;
        seen = seen == null ? "" : seen;
        source = source == null ? "" : source;
    }
}
