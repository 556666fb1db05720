package org.finetuneplanner.ui.planner;

import java.util.Map;
import java.util.Optional;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.scenario.Scenario;

/**
 * What the core made of a draft: the estimate of the selected option and the plan over every GPU, or the problems
 * that kept it from estimating (the draft's own, or a violation the core found).
 *
 * @param computed the results, empty when {@code problems} is not
 * @param problems what is wrong, by field
 */
public record Outcome(Optional<Computed> computed, Map<Field, Problem> problems) {

    public Outcome {
        problems = Map.copyOf(problems);
    }

    /** One valid scenario with its estimate, the facts about it, and the plan over every GPU. */
    public record Computed(Scenario scenario, Estimate estimate, Plan plan, SetupFacts facts) {
    }

    static Outcome of(Computed computed) {
        return new Outcome(Optional.of(computed), Map.of());
    }

    static Outcome failed(Map<Field, Problem> problems) {
        return new Outcome(Optional.empty(), problems);
    }

    public boolean valid() {
        return computed.isPresent();
    }
}
