package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.ProductLimits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioException;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Scenario files at the edges of every documented limit and of their products ({@link NearLimits}): each is
 * accepted, and then every number of its estimate and of its plan is finite, non-negative and within its limit;
 * or it is refused in one line that names its keys. Nothing in between: no negative, saturated or wrapped number,
 * no exception from the estimators.
 */
class LimitsFuzzTest {

    private static final ScenarioJson JSON = ScenarioJson.standard();
    private static final Estimator ESTIMATOR = Estimator.standard();
    private static final MemoryEstimator MEMORY = new MemoryEstimator();
    private static final Planner PLANNER = new Planner(MEMORY::estimate, ESTIMATOR::estimate, new CostProjector());
    private static final List<GpuSpec> GPUS = JSON.catalogs().gpus();

    /** Accepted ⇒ every memory part, total, host bytes, tokens/s, hours and cost finite and ≥ 0; else one line. */
    @Property(tries = 3000, seed = "20261129")
    void acceptedNearTheLimitsMeansEveryNumberIsFinite(@ForAll Random random) {
        String text = NearLimits.scenario(random);
        readOrRefused(text).ifPresent(s -> Answers.assertFiniteAndNonNegative(ESTIMATOR.estimate(s), text));
    }

    /** The explained terms of an accepted scenario are finite too (what the app and the report show). */
    @Property(tries = 500, seed = "20261129")
    void theExplanationNearTheLimitsIsFinite(@ForAll Random random) {
        String text = NearLimits.scenario(random);
        readOrRefused(text).ifPresent(s -> {
            for (MemoryTerm t : MEMORY.explain(s)) {
                assertTrue(Double.isFinite(t.term().value()) && t.bytes() >= 0, () -> t + ": " + text);
            }
            ESTIMATOR.explain(s).time().forEach(t -> assertTrue(Double.isFinite(t.term().value())
                    && t.term().value() >= 0, () -> t + ": " + text));
        });
    }

    /** Every option of a plan, and the planner's searches, stay finite on accepted scenarios near the limits. */
    @Property(tries = 150, seed = "20261129")
    void plansNearTheLimitsAreFinite(@ForAll Random random) {
        String text = NearLimits.scenario(random);
        Optional<Scenario> read = readOrRefused(text);
        if (read.isEmpty()) {
            return;
        }
        Scenario s = read.get();
        Plan plan = PLANNER.plan(s, GPUS);
        assertEquals(GPUS.size(), plan.options().size());
        for (PlanOption o : plan.options()) {
            Answers.assertFiniteAndNonNegative(o.estimate(), o.gpu().id() + " in " + text);
        }
        int b = PLANNER.largestMicroBatch(s);
        assertTrue(b == 0 || ProductLimits.check(s.model(), s.method(),
                s.training().withMicroBatchSize(b)).isEmpty(), "the search left the limits: " + b);
    }

    /**
     * The generator reaches both sides of the limits: of 1,000 files (fixed seed), many are accepted and many are
     * refused for a product of keys, a parameter count or the rank.
     */
    @Example
    void theGeneratorReachesBothSidesOfTheLimits() {
        Random random = new Random(20261129);
        int accepted = 0;
        int products = 0;
        for (int i = 0; i < 1000; i++) {
            try {
                JSON.read(NearLimits.scenario(random));
                accepted++;
            } catch (ScenarioException e) {
                products += e.violations().stream().anyMatch(v -> v.constraint() == Constraint.PRODUCT_AT_MOST
                        || v.constraint() == Constraint.PARAMETERS_AT_MOST || v.key().equals("method.rank")) ? 1 : 0;
            }
        }
        assertTrue(accepted >= 100, "accepted " + accepted);
        assertTrue(products >= 100, "refused for a product " + products);
    }

    /** The scenario, or empty after checking that its refusal is one clear line naming the keys at fault. */
    private static Optional<Scenario> readOrRefused(String text) {
        try {
            return Optional.of(JSON.read(text));
        } catch (ScenarioException e) {
            Messages.assertClear(e.getMessage(), text);
            assertTrue(!e.key().isEmpty(), () -> "no key: " + e.getMessage());
            for (Violation v : e.violations()) {
                if (v.constraint() == Constraint.PRODUCT_AT_MOST) {
                    for (String factor : v.related().split(" × ")) {
                        assertTrue(e.getMessage().contains(factor), () -> factor + " unnamed: " + e.getMessage());
                    }
                    assertTrue(e.getMessage().contains(String.valueOf(v.max())), e.getMessage());
                }
            }
            return Optional.empty();
        }
    }
}
