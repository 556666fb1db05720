package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Invariants of the planner and of scenario files over random valid scenarios ({@link Scenarios}).
 */
class PlanAndFileInvariantsTest {

    private static final Estimator ESTIMATOR = Estimator.standard();
    private static final MemoryEstimator MEMORY = new MemoryEstimator();
    private static final Planner PLANNER = new Planner(MEMORY::estimate, ESTIMATOR::estimate, new CostProjector());
    private static final List<GpuSpec> GPUS = ScenarioJson.standard().catalogs().gpus();
    private static final ScenarioJson JSON = ScenarioJson.standard();

    @Provide
    Arbitrary<Scenarios.Case> scenarios() {
        return Scenarios.any().map(Scenarios.Case::new);
    }

    /** A scenario written to a file and read back is the same scenario, whatever its values. */
    @Property(tries = 1000, seed = "20261129")
    void aScenarioWrittenAndReadBackIsEqual(@ForAll("scenarios") Scenarios.Case sample) {
        Scenario s = sample.scenario();
        String text = JSON.write(s);
        assertEquals(s, JSON.read(text), text);
        assertEquals(text, JSON.write(JSON.read(text)), "writing is stable");
    }

    /**
     * {@code plan} never recommends an option that does not fit: the cheapest and the fastest fit (also when
     * estimated again from scratch), have a price, and no other fitting priced option is cheaper or faster; every
     * option said to fit fits within 64 GPUs.
     */
    @Property(tries = 150, seed = "20261129")
    void planNeverRecommendsAnOptionThatDoesNotFit(@ForAll("scenarios") Scenarios.Case sample) {
        Plan plan = PLANNER.plan(sample.scenario(), GPUS);
        assertEquals(GPUS.size(), plan.options().size());
        for (PlanOption o : plan.options()) {
            if (o.fits()) {
                assertTrue(o.gpuCount() <= Limits.PLANNER_MAX_GPUS, o.gpu().id() + ": " + o.gpuCount() + " GPUs");
                assertTrue(ESTIMATOR.estimate(o.estimate().scenario()).fits(), o.gpu().id() + " fits only in the plan");
            }
        }
        check(plan, plan.cheapest(), "cheapest");
        check(plan, plan.fastest(), "fastest");
        plan.fastest().ifPresent(id -> {
            double best = plan.option(id).orElseThrow().estimate().throughput().tokensPerSecond();
            for (PlanOption o : plan.options()) {
                if (o.fits() && priced(o)) {
                    assertTrue(o.estimate().throughput().tokensPerSecond() <= best,
                            o.gpu().id() + " is faster than the fastest " + id);
                }
            }
        });
        plan.cheapest().ifPresent(id -> plan.option(id).orElseThrow().estimate().cost().ifPresent(c -> {
            for (PlanOption o : plan.options()) {
                if (o.fits() && o.estimate().cost().isPresent()) {
                    assertTrue(c.usd() <= o.estimate().cost().get().usd() * (1 + 1e-9),
                            o.gpu().id() + " costs less than the cheapest " + id);
                }
            }
        }));
        if (plan.options().stream().noneMatch(o -> o.fits() && priced(o))) {
            assertTrue(plan.cheapest().isEmpty() && plan.fastest().isEmpty(), "a recommendation without a fit");
        }
    }

    /** The largest micro-batch the planner reports fits, and one more does not (the bisection is exact). */
    @Property(tries = 300, seed = "20261129")
    void theLargestMicroBatchFitsAndOneMoreDoesNot(@ForAll("scenarios") Scenarios.Case sample) {
        Scenario s = sample.scenario();
        int b = PLANNER.largestMicroBatch(s);
        if (b == 0) {
            assertTrue(!MEMORY.estimate(s.withTraining(s.training().withMicroBatchSize(1))).fits());
            return;
        }
        assertTrue(MEMORY.estimate(s.withTraining(s.training().withMicroBatchSize(b))).fits(), "largest " + b);
        if (b < Limits.PLANNER_MAX_MICRO_BATCH) {
            // One more is beyond a product limit (no scenario at all) or does not fit.
            TrainingSpec more = s.training().withMicroBatchSize(b + 1);
            assertTrue(!Scenarios.admitted(s, more) || !MEMORY.estimate(s.withTraining(more)).fits(),
                    (b + 1) + " fits too");
        }
    }

    private static void check(Plan plan, Optional<String> id, String what) {
        if (id.isEmpty()) {
            return;
        }
        PlanOption o = plan.option(id.get()).orElseThrow(() -> new AssertionError(what + " names no option"));
        assertTrue(o.fits(), what + " " + id.get() + " does not fit");
        Estimate again = ESTIMATOR.estimate(o.estimate().scenario());
        assertTrue(again.fits(), what + " " + id.get() + " does not fit when estimated again");
        assertTrue(priced(o), what + " " + id.get() + " has no price");
    }

    private static boolean priced(PlanOption o) {
        return o.estimate().cost().isPresent() || !o.gpu().prices().isEmpty()
                || o.estimate().scenario().cost().usdPerGpuHour().isPresent();
    }
}
