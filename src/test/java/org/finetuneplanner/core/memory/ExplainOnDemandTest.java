package org.finetuneplanner.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.TimeTerm;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.junit.jupiter.api.Test;

/**
 * Explanations are made only when asked for: an estimate (what the planner's search and a slider tick compute)
 * records no term; {@code explain} gives terms that add up to the estimate's parts and step time.
 */
class ExplainOnDemandTest {
    private static final ScenarioJson READER = ScenarioJson.standard();
    private static final Scenario QLORA = READER.read("""
            {"model": {"preset": "llama-3.1-8b"}, "method": {"type": "qlora", "rank": 16},
             "training": {"micro_batch_size": 4, "activation_checkpointing": "full", "framework": "hf"},
             "hardware": {"gpu": "l40s-48gb"}, "data": {"tokens": 50000000, "epochs": 3}}""");

    @Test
    void anEstimateRecordsNoTermsAndAnExplanationRecordsThemAll() {
        MemoryRun totals = new MemoryRun(QLORA, false);
        MemoryEstimate estimate = totals.estimate();
        assertEquals(List.of(), totals.terms(), "the fast path builds no term");
        MemoryRun explained = new MemoryRun(QLORA, true);
        assertEquals(estimate, explained.estimate(), "explaining changes no number");
        assertFalse(explained.terms().isEmpty());
    }

    @Test
    void thePlannersOptionsAreTotalsAndExplainingOneAddsUpToItsParts() {
        Estimator estimator = Estimator.standard();
        Plan plan = Planner.standard().plan(QLORA, READER.catalogs().gpus());
        for (PlanOption option : plan.options()) {
            Scenario chosen = option.estimate().scenario();
            Estimate again = estimator.estimate(chosen);
            assertEquals(again.memory(), option.estimate().memory(), option.gpu().id());
            Explanation why = estimator.explain(chosen);
            for (MemoryComponent c : MemoryComponent.values()) {
                long sum = why.memory(c).stream().mapToLong(MemoryTerm::bytes).sum();
                // Each term and each part is rounded to whole bytes on its own: at most a byte per term apart.
                assertEquals(again.memory().perGpu().bytes(c), sum, why.memory(c).size(), option.gpu().id() + " " + c);
            }
            double seconds = why.time().stream().mapToDouble(TimeTerm::secondsPerStep).sum();
            assertEquals(again.throughput().stepSeconds(), seconds, 1e-9 * seconds, option.gpu().id());
            assertEquals(again.throughput().mfu(), why.utilisation().value(), 1e-12);
        }
    }

    @Test
    void termsAreGroupedByPartInTheOrderThePartsAreDrawn() {
        List<MemoryTerm> terms = new MemoryEstimator().explain(QLORA);
        for (int i = 1; i < terms.size(); i++) {
            assertTrue(terms.get(i - 1).component().compareTo(terms.get(i).component()) <= 0, terms.toString());
        }
    }
}
