package org.finetuneplanner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.junit.jupiter.api.Test;

class EstimatorTest {

    private final Estimator estimator = Estimator.standard();

    @Test
    void composesMemorySpeedHoursAndCost() {
        Scenario s = PlanFixtures.fullOn(PlanFixtures.roundGpu(List.of()));
        Estimate e = estimator.estimate(s);
        // Llama-2-7B full fine-tuning: every parameter trainable (6,738,415,616, the published count)
        assertEquals(PlanFixtures.TOTAL, e.parameters().total());
        assertEquals(PlanFixtures.TOTAL, e.parameters().trainable());
        assertEquals(new MemoryEstimator().estimate(s).perGpu(), e.memory().perGpu());
        // hours = tokens / (tokens per second) / 3600 for the 100M tokens of the fixture
        assertEquals(100_000_000 / e.throughput().tokensPerSecond() / 3600, e.hours().getAsDouble(), 1e-9);
        // the fixture GPU has no price: no cost, and the notes come memory first
        assertTrue(e.cost().isEmpty());
        assertEquals("memory.peak_phase", e.notes().get(0).code());
    }

    @Test
    void withoutTokensThereAreNoHoursAndNoCost() {
        Scenario s = PlanFixtures.fullOn(PlanFixtures.roundGpu(List.of())).withData(DataSpec.unknown());
        Estimate e = estimator.estimate(s);
        assertTrue(e.hours().isEmpty());
        assertTrue(e.cost().isEmpty());
        assertTrue(e.throughput().tokensPerSecond() > 0);
    }
}
