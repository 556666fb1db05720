package org.finetuneplanner.core.plan;

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

    /** Whether the recommendation is {@code tight}: nothing fits with margin, so a tight option was named. */
    public boolean onlyTight() {
        return cheapest.or(() -> fastest).flatMap(this::option).map(o -> o.status() == FitStatus.TIGHT)
                .orElse(false);
    }
}
