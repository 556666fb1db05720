package org.finetuneplanner.ui.planner;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.scenario.Scenario;

/**
 * What the screen shows: the last valid scenario with its estimate and plan, and the errors of the current inputs.
 * When {@code errors} is not empty the numbers are those of the last valid inputs (stale).
 */
public record Results(Optional<Scenario> scenario, Optional<Estimate> estimate, Optional<Plan> plan,
                      Map<Field, String> errors) {

    public Results {
        errors = errors.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(errors));
    }

    static Results none(Map<Field, String> errors) {
        return new Results(Optional.empty(), Optional.empty(), Optional.empty(), errors);
    }

    public boolean stale() {
        return !errors.isEmpty();
    }

    public String error(Field field) {
        return errors.getOrDefault(field, "");
    }
}
