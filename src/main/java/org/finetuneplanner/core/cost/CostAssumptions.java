package org.finetuneplanner.core.cost;

/**
 * Inputs of the cost projection beyond the GPU price, with documented defaults ({@link #defaults()}).
 *
 * @param storageUsdPerGbMonth checkpoint storage price, USD per GB-month (10^9 bytes)
 * @param checkpointsKept      resumable checkpoints kept at once (≥ 0)
 * @param usdPerKwh            electricity price for owned hardware, USD per kWh
 * @param pue                  data-centre power usage effectiveness (≥ 1): facility power / IT power
 * @param discount             spot or off-peak discount on the GPU price, 0 ≤ x &lt; 1 (0 = on-demand)
 */
public record CostAssumptions(double storageUsdPerGbMonth, int checkpointsKept, double usdPerKwh, double pue,
                              double discount) {

    /** AWS S3 Standard, us-east-1, first 50 TB/month list price (unchanged since Dec 2016). */
    public static final double S3_STANDARD_USD_PER_GB_MONTH = 0.023;
    /** US average commercial electricity price 2024–25 ≈ $0.13/kWh (EIA Electric Power Monthly); rounded up. */
    public static final double DEFAULT_USD_PER_KWH = 0.15;
    /** Uptime Institute Global Data Center Survey 2024: average PUE 1.56; modern GPU halls ~1.2–1.4. */
    public static final double DEFAULT_PUE = 1.4;
    /** Hours in an average month (8,760 / 12). */
    public static final double HOURS_PER_MONTH = 730;

    public CostAssumptions {
        if (!(storageUsdPerGbMonth >= 0 && storageUsdPerGbMonth < 1e3)) {
            throw new IllegalArgumentException("storage price must be 0 to 1000 USD/GB-month, was "
                    + storageUsdPerGbMonth);
        }
        if (checkpointsKept < 0 || checkpointsKept > 1000) {
            throw new IllegalArgumentException("checkpoints kept must be 0 to 1000, was " + checkpointsKept);
        }
        if (!(usdPerKwh >= 0 && usdPerKwh < 100)) {
            throw new IllegalArgumentException("electricity price must be 0 to 100 USD/kWh, was " + usdPerKwh);
        }
        if (!(pue >= 1 && pue < 5)) {
            throw new IllegalArgumentException("PUE must be 1 to 5, was " + pue);
        }
        if (!(discount >= 0 && discount < 1)) {
            throw new IllegalArgumentException("discount must be ≥ 0 and < 1, was " + discount);
        }
    }

    /** S3 storage, two checkpoints kept, $0.15/kWh, PUE 1.4, no discount. */
    public static CostAssumptions defaults() {
        return new CostAssumptions(S3_STANDARD_USD_PER_GB_MONTH, 2, DEFAULT_USD_PER_KWH, DEFAULT_PUE, 0);
    }

    public CostAssumptions withDiscount(double value) {
        return new CostAssumptions(storageUsdPerGbMonth, checkpointsKept, usdPerKwh, pue, value);
    }

    public CostAssumptions withUsdPerKwh(double value) {
        return new CostAssumptions(storageUsdPerGbMonth, checkpointsKept, value, pue, discount);
    }
}
