package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.Objects;

import org.finetuneplanner.core.plan.Caveat;
import org.finetuneplanner.core.range.Ranges;

/**
 * What the results say about the user's own setup beside its estimate: how sure its figures are, what a buyer must
 * know about it, and how far it stretches on its hardware.
 *
 * @param ranges                fit status and the ranges of memory, hours and cost ({@code Confidence.of})
 * @param caveats               the setup's caveats on its GPU ({@code Caveats.of}, with its rental)
 * @param largestMicroBatch     the largest micro-batch whose estimate fits (0 when none does)
 * @param largestSequenceLength the longest sequence whose estimate fits (0 when none does)
 */
public record SetupFacts(Ranges ranges, List<Caveat> caveats, int largestMicroBatch, int largestSequenceLength) {

    public SetupFacts {
        Objects.requireNonNull(ranges, "ranges");
        caveats = List.copyOf(caveats);
    }
}
