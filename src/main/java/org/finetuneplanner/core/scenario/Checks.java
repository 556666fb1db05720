package org.finetuneplanner.core.scenario;

import org.finetuneplanner.core.Violation;

/** The range checks the scenario records share: each failure is a typed {@link Violation}. */
final class Checks {
    private Checks() {
    }

    /** {@code value} of {@code key} must be from {@code min} to {@code max}. */
    static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw Violation.range(key, min, max, value).exception();
        }
    }
}
