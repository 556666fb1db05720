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
 * @param rentedGpus     GPUs paid for: the job's GPUs rounded up to whole instances of the offer
 *                       ({@link PriceRule}); {@code gpuUsd} counts these
 * @param rentalUnit     GPUs per rented instance (1 when any count can be rented)
 * @param origin         where the price comes from (the scenario, a provider's list, a marketplace)
 * @param instance       the offer's instance or offer name ("" for a scenario price)
 * @param exchange       the currency the price was quoted in and its rate: every amount here is in US dollars, and
 *                       is shown as {@code exchange.fromUsd(amount)} in {@code exchange.currency()} ({@link
 *                       Exchange#USD} for the catalog's and the scenario's prices; a seller's list's own)
 */
public record CostEstimate(double usdPerGpuHour, String provider, String priceSeen, String priceSource,
                           double gpuUsd, double storageUsd, double usd, List<CostPoint> series,
                           double discount, double checkpointGb, double energyKwh, double energyUsd,
                           int rentedGpus, int rentalUnit, PriceOrigin origin, String instance, Exchange exchange) {

    public CostEstimate {
        series = List.copyOf(series);
        provider = provider == null ? "" : provider;
        priceSeen = priceSeen == null ? "" : priceSeen;
        priceSource = priceSource == null ? "" : priceSource;
        instance = instance == null ? "" : instance;
        origin = origin == null ? PriceOrigin.LISTED : origin;
        rentedGpus = Math.max(rentedGpus, 1);
        rentalUnit = Math.max(rentalUnit, 1);
        exchange = exchange == null ? Exchange.USD : exchange;
    }

    /**
     * The cost over time in the currency the price was quoted in: each point's amount is
     * {@code exchange.fromUsd(usd)} (the series itself for US dollars).
     */
    public List<CostPoint> seriesInCurrency() {
        if (exchange.isUsd()) {
            return series;
        }
        return series.stream().map(p -> new CostPoint(p.hours(), exchange.fromUsd(p.usd()))).toList();
    }

    /** A cost in US dollars (the catalog's or the scenario's price). */
    public CostEstimate(double usdPerGpuHour, String provider, String priceSeen, String priceSource,
                        double gpuUsd, double storageUsd, double usd, List<CostPoint> series,
                        double discount, double checkpointGb, double energyKwh, double energyUsd,
                        int rentedGpus, int rentalUnit, PriceOrigin origin, String instance) {
        this(usdPerGpuHour, provider, priceSeen, priceSource, gpuUsd, storageUsd, usd, series, discount, checkpointGb,
                energyKwh, energyUsd, rentedGpus, rentalUnit, origin, instance, Exchange.USD);
    }

    /**
     * A cost at a listed price with nothing rounded: one instance size of one GPU (for callers that build a cost
     * by hand, such as fixtures).
     */
    public CostEstimate(double usdPerGpuHour, String provider, String priceSeen, String priceSource, double gpuUsd,
                        double storageUsd, double usd, List<CostPoint> series, double discount, double checkpointGb,
                        double energyKwh, double energyUsd) {
        this(usdPerGpuHour, provider, priceSeen, priceSource, gpuUsd, storageUsd, usd, series, discount,
                checkpointGb, energyKwh, energyUsd, 1, 1, provider == null || provider.isEmpty()
                        ? PriceOrigin.SCENARIO : PriceOrigin.LISTED, "");
    }
}
