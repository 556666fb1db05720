package org.finetuneplanner.service.report;

import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.Scenario;

/**
 * One "what if" of the report: the recommended configuration with one thing changed.
 *
 * @param kind         what was changed
 * @param scenario     the changed scenario (on the recommended hardware)
 * @param sameHardware the changed scenario estimated on the recommended GPUs, count and sharding
 * @param planned      the planner's answer for the changed scenario on the same GPU model (it may pick another
 *                     count or sharding), empty for the GPU-count cases where the count is the change
 */
public record SensitivityCase(Kind kind, Scenario scenario, Estimate sameHardware, Optional<PlanOption> planned) {

    public SensitivityCase {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(sameHardware, "sameHardware");
        Objects.requireNonNull(planned, "planned");
    }

    /** The changes the report tries. */
    public enum Kind {
        SEQUENCE_DOUBLED, METHOD_FULL, METHOD_LORA, METHOD_QLORA, ONE_MORE_GPU, ONE_FEWER_GPU
    }
}
