package org.finetuneplanner.core.plan;

import java.util.List;
import java.util.Optional;

/**
 * Every GPU option for a scenario, with the cheapest and the fastest among those that fit and have a price.
 *
 * @param name     the scenario's name
 * @param options  one option per GPU, in catalog order
 * @param cheapest GPU id of the cheapest option that fits, if any has a price
 * @param fastest  GPU id of the fastest option that fits and has a price
 */
public record Plan(String name, List<PlanOption> options, Optional<String> cheapest, Optional<String> fastest) {

    public Plan {
        options = List.copyOf(options);
    }

    public Optional<PlanOption> option(String gpuId) {
        return options.stream().filter(o -> o.gpu().id().equals(gpuId)).findFirst();
    }
}
