package org.finetuneplanner.core.cost;

/**
 * Cumulative cost after {@code hours} of training, in US dollars ({@link CostEstimate#series()}), or in the currency
 * of the quote ({@link CostEstimate#seriesInCurrency()}).
 */
public record CostPoint(double hours, double usd) {
}
