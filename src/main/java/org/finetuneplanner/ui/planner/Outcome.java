package org.finetuneplanner.ui.planner;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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

    /**
     * One valid scenario with its estimate, the facts about it, and the plan over every GPU. The plan is made when it
     * is first asked for: the form follows the estimate and the problems only, so the window's first frame, which
     * shows the form, does not wait for a plan over every GPU (tens of milliseconds of a cold start) that the
     * results, built a frame later, are the first to read. Equal when the scenario, estimate, plan and facts are.
     */
    public static final class Computed {
        private final Scenario scenario;
        private final Estimate estimate;
        private final SetupFacts facts;
        private Supplier<Plan> planner;
        private Plan plan;

        /** Results whose plan is made by {@code planner} when first asked for (on whichever thread asks). */
        public Computed(Scenario scenario, Estimate estimate, Supplier<Plan> planner, SetupFacts facts) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
            this.estimate = Objects.requireNonNull(estimate, "estimate");
            this.planner = Objects.requireNonNull(planner, "planner");
            this.facts = Objects.requireNonNull(facts, "facts");
        }

        public Scenario scenario() {
            return scenario;
        }

        public Estimate estimate() {
            return estimate;
        }

        /** The plan over every GPU, made at the first call. */
        public synchronized Plan plan() {
            if (plan == null) {
                plan = planner.get();
                planner = null;
            }
            return plan;
        }

        public SetupFacts facts() {
            return facts;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Computed c && scenario.equals(c.scenario) && estimate.equals(c.estimate)
                    && facts.equals(c.facts) && plan().equals(c.plan());
        }

        @Override
        public int hashCode() {
            return Objects.hash(scenario, estimate, facts);
        }

        @Override
        public String toString() {
            return "Computed[scenario=" + scenario.name() + ", estimate=" + estimate + "]";
        }
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
