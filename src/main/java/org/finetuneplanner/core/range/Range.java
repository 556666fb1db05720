package org.finetuneplanner.core.range;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * How far a figure may be from its estimate, by the measured errors of estimates of its kind.
 *
 * @param low  the low end, in the figure's unit
 * @param high the high end, in the figure's unit (≥ low)
 */
public record Range(double low, double high) {

    public Range {
        if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new Violation("range", Constraint.RANGE, low, high, high).exception();
        }
    }

    /** This range times {@code factor} (≥ 0). */
    public Range times(double factor) {
        return new Range(low * factor, high * factor);
    }
}
