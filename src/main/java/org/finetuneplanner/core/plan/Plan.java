package org.finetuneplanner.core.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.core.range.FitStatus;

/**
 * Every GPU option for a scenario, with the cheapest and the fastest: among the ranked options whose status is
 * {@code fits}, or — only when none fits with margin — among the {@code tight} ones ({@link #onlyTight()}).
 *
 * @param name     the scenario's name
 * @param options  one option per GPU, in the order asked (the scenario's own GPU first when it was not asked)
 * @param cheapest GPU id of the cheapest option (see above), if any has a price
 * @param fastest  GPU id of the fastest option (see above)
 */
public record Plan(String name, List<PlanOption> options, Optional<String> cheapest, Optional<String> fastest) {

    public Plan {
        options = List.copyOf(options);
    }

    public Optional<PlanOption> option(String gpuId) {
        return options.stream().filter(o -> o.gpu().id().equals(gpuId)).findFirst();
    }

    /**
     * The option to recommend, one rule for the app, the report, the comparison and the command line: the cheapest
     * (a {@code fits} option, or a {@code tight} one only when nothing fits with margin), else the fastest, else the
     * option that fits on the fewest GPUs — {@code fits} before {@code tight}, a ranked option before one whose
     * figures assume another precision, then the smaller card. Empty when nothing fits.
     */
    public Optional<PlanOption> recommended() {
        return cheapest.flatMap(this::option).filter(PlanOption::fits)
                .or(() -> fastest.flatMap(this::option).filter(PlanOption::fits))
                .or(() -> options.stream().filter(PlanOption::fits)
                        .min(Comparator.comparing(PlanOption::status).thenComparing(o -> !o.ranked())
                                .thenComparingInt(PlanOption::gpuCount)
                                .thenComparingDouble(o -> o.gpu().usableMemoryGib())));
    }

    /** Whether the recommendation is {@code tight}: nothing fits with margin, so a tight option was named. */
    public boolean onlyTight() {
        return cheapest.or(() -> fastest).flatMap(this::option).map(o -> o.status() == FitStatus.TIGHT)
                .orElse(false);
    }
}
