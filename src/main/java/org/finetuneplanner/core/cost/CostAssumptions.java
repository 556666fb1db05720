package org.finetuneplanner.core.cost;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

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
        below("storage_usd_per_gb_month", storageUsdPerGbMonth, 0, 1e3);
        if (checkpointsKept < 0 || checkpointsKept > 1000) {
            throw Violation.range("checkpoints_kept", 0, 1000, checkpointsKept).exception();
        }
        below("usd_per_kwh", usdPerKwh, 0, 100);
        below("pue", pue, 1, 5);
        below("discount", discount, 0, 1);
    }

    /** {@code value} of {@code key} must be at least {@code min} and below {@code max}. */
    private static void below(String key, double value, double min, double max) {
        if (!(value >= min && value < max)) {
            throw new Violation(key, Constraint.AT_LEAST_AND_BELOW, min, max, value).exception();
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
