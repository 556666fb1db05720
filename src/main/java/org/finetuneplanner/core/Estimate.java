package org.finetuneplanner.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimate;

/**
 * Everything the core says about one scenario.
 *
 * @param scenario   the input
 * @param parameters parameter counts under the scenario's method
 * @param memory     per-GPU memory
 * @param throughput speed (always computable)
 * @param hours      wall-clock hours for {@code data.tokens × epochs}, empty when tokens are unknown
 * @param cost       cost, empty when tokens or a price are unknown
 * @param notes      every note of the parts, memory first
 */
public record Estimate(Scenario scenario, ParameterCounts parameters, MemoryEstimate memory,
                       ThroughputEstimate throughput, OptionalDouble hours, Optional<CostEstimate> cost,
                       List<Note> notes) {

    public Estimate {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(cost, "cost");
        notes = List.copyOf(notes);
    }

    public boolean fits() {
        return memory.fits();
    }
}
