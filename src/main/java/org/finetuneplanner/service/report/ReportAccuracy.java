package org.finetuneplanner.service.report;

import java.util.List;

/**
 * The estimator's measured accuracy against published runs, as the report states it.
 *
 * @param rows   one row per measured quantity (peak memory, tokens per second …)
 * @param source where the figures come from (the validation suite run at report time, or a stated table)
 */
public record ReportAccuracy(List<Row> rows, String source) {

    public ReportAccuracy {
        rows = List.copyOf(rows);
        source = source == null ? "" : source;
    }

    /** No accuracy figures are available; the report says so instead of printing a table. */
    public static ReportAccuracy none() {
        return new ReportAccuracy(List.of(), "");
    }

    /**
     * One measured quantity.
     *
     * @param quantity              what was compared ("peak memory", "tokens per second")
     * @param cases                 published runs compared
     * @param medianAbsPercentError median of |estimate − measured| / measured × 100
     * @param maxAbsPercentError    the worst case, same unit
     * @param targetPercent         the project's target for the median, same unit
     */
    public record Row(String quantity, int cases, double medianAbsPercentError, double maxAbsPercentError,
                      double targetPercent) {
    }
}
