package org.finetuneplanner.core.cost;

import java.util.List;

/**
 * What a job costs.
 *
 * @param usdPerGpuHour  price used, after any spot/off-peak discount
 * @param provider       provider of that price ("" for a user override)
 * @param priceSeen      date the price was observed ("" for a user override)
 * @param priceSource    where the price comes from ("" for the scenario's own price)
 * @param gpuUsd         GPUs × price × hours
 * @param storageUsd     checkpoint storage over the job
 * @param usd            total: GPU rental plus storage
 * @param series         cumulative cost over time, from 0 to the end of training
 * @param discount       discount applied to the listed price (0 = on-demand)
 * @param checkpointGb   size of one resumable checkpoint, GB (10^9 bytes)
 * @param energyKwh      energy the GPUs draw over the job at board power, times PUE (owned hardware)
 * @param energyUsd      that energy at the assumed electricity price: the running cost of owning the GPUs
 */
public record CostEstimate(double usdPerGpuHour, String provider, String priceSeen, String priceSource,
                           double gpuUsd, double storageUsd, double usd, List<CostPoint> series,
                           double discount, double checkpointGb, double energyKwh, double energyUsd) {

    public CostEstimate {
        series = List.copyOf(series);
        provider = provider == null ? "" : provider;
        priceSeen = priceSeen == null ? "" : priceSeen;
        priceSource = priceSource == null ? "" : priceSource;
    }
}
