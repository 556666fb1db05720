package org.finetuneplanner.core.cost;

/** Cumulative cost after {@code hours} of training. */
public record CostPoint(double hours, double usd) {
}
