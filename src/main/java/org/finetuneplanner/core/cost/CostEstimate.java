package org.finetuneplanner.core.cost;

import java.util.List;

/**
 * What a job costs.
 *
 * @param usdPerGpuHour  price used
 * @param provider       provider of that price ("" for a user override)
 * @param priceSeen      date the price was observed ("" for a user override)
 * @param priceSource    where the price comes from
 * @param gpuUsd         GPUs × price × hours
 * @param storageUsd     checkpoint storage over the job
 * @param usd            total: GPU rental plus storage
 * @param series         cumulative cost over time, from 0 to the end of training
 */
public record CostEstimate(double usdPerGpuHour, String provider, String priceSeen, String priceSource,
                           double gpuUsd, double storageUsd, double usd, List<CostPoint> series) {

    public CostEstimate {
        series = List.copyOf(series);
    }
}
