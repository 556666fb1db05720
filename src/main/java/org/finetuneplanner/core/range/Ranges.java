package org.finetuneplanner.core.range;

import java.util.Objects;
import java.util.Optional;

/**
 * How sure an estimate is: its fit status and the ranges of its memory, hours and cost.
 *
 * @param status      {@code fits}, {@code tight} or {@code no}
 * @param memoryBytes range of the per-GPU total (what is compared to the usable memory), bytes
 * @param hours       range of the training hours, empty when the hours are
 * @param usd         range of the cost, empty when the cost is (it follows the hours: the cost is proportional to
 *                    them)
 */
public record Ranges(FitStatus status, Range memoryBytes, Optional<Range> hours, Optional<Range> usd) {

    public Ranges {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(usd, "usd");
    }
}
