package org.finetuneplanner.ui.planner;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.finetuneplanner.core.scenario.Scenario;

/**
 * The inputs read as a scenario: either a valid scenario or the problems of the fields that keep it from being one.
 *
 * @param scenario the scenario the inputs describe; empty when {@code problems} is not
 * @param problems what is wrong, by field
 */
public record Draft(Optional<Scenario> scenario, Map<Field, Problem> problems) {

    public Draft {
        problems = problems.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(problems));
        if (scenario.isPresent() && !problems.isEmpty()) {
            throw new IllegalArgumentException("a draft with problems has no scenario");
        }
    }

    static Draft of(Scenario scenario) {
        return new Draft(Optional.of(scenario), Map.of());
    }

    static Draft invalid(Map<Field, Problem> problems) {
        return new Draft(Optional.empty(), problems);
    }
}
