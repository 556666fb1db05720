package org.finetuneplanner.core.range;

import java.util.Objects;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * The measured errors of one group of validation cases: {@code e = (estimated − measured) / measured}, its 10th
 * percentile, median and 90th percentile (linear interpolation, as {@code validate} scores).
 *
 * @param group  the cases' group
 * @param cases  how many cases
 * @param e10    10th percentile of e (0 when there are no cases)
 * @param median median of e
 * @param e90    90th percentile of e (≥ e10)
 */
public record ErrorBand(BandGroup group, int cases, double e10, double median, double e90) {

    public ErrorBand {
        Objects.requireNonNull(group, "group");
        if (cases < 0 || !(e10 > -1) || !(e90 >= e10) || !Double.isFinite(e90) || !Double.isFinite(median)) {
            throw new Violation("error_band." + group.key(), Constraint.RANGE, -1, e90, e10).exception();
        }
    }

    /**
     * The range of a figure estimated as {@code estimate}, where e is the error of that very figure:
     * {@code [estimate / (1 + e90), estimate / (1 + e10)]} (the measured value lies there for 80 % of the cases).
     */
    public Range around(double estimate) {
        return new Range(estimate / (1 + e90), estimate / (1 + e10));
    }

    /**
     * The range of a figure inversely proportional to the one whose error e is (hours from tokens per second):
     * {@code [figure × (1 + e10), figure × (1 + e90)]}.
     */
    public Range aroundInverse(double figure) {
        return new Range(figure * (1 + e10), figure * (1 + e90));
    }
}
