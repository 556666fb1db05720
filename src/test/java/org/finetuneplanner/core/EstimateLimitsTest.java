package org.finetuneplanner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * Time and cost are finite and meaningful or not given: beyond {@link Limits#MAX_HOURS} hours or
 * {@link Limits#MAX_USD} dollars the estimate leaves them out with a note (the 9,223,372,036,854,776
 * hours were a saturated rounding of a time near 10^290).
 */
class EstimateLimitsTest {

    private static final ScenarioJson READER = ScenarioJson.standard();
    private final Estimator estimator = Estimator.standard();

    private static Scenario scenario(String hardware, String data, String cost) {
        return READER.read("{\"model\": {\"preset\": \"llama-3.1-8b\"}, \"method\": {\"type\": \"qlora\"}, "
                + "\"hardware\": " + hardware + ", \"data\": " + data + ", \"cost\": " + cost + "}");
    }

    /**
     * 10^15 tokens × 10^6 epochs at the few thousand tokens per second of one L40S is about 10^14 hours, beyond
     * 10^9: no hours, no cost, a note naming the limit. The same job with one epoch takes hours that are given.
     */
    @Test
    void aTimeBeyondTheLimitIsLeftOutWithANote() {
        Estimate e = estimator.estimate(scenario("{\"gpu\": \"l40s-48gb\"}",
                "{\"tokens\": 1000000000000000, \"epochs\": 1000000}", "{}"));
        double hours = 1e21 / e.throughput().tokensPerSecond() / 3600;
        assertTrue(hours > Limits.MAX_HOURS, "the premise: " + hours + " hours");
        assertTrue(e.hours().isEmpty());
        assertTrue(e.cost().isEmpty());
        assertTrue(e.notes().contains(Note.of(NoteId.TIME_BEYOND_LIMIT, Limits.MAX_HOURS)), e.notes().toString());
        assertFalse(e.notes().stream().anyMatch(n -> n.id() == NoteId.COST_NO_PRICE), "no cost note besides");

        Estimate one = estimator.estimate(scenario("{\"gpu\": \"l40s-48gb\"}",
                "{\"tokens\": 1000000000000000, \"epochs\": 1}", "{}"));
        assertEquals(1e15 / one.throughput().tokensPerSecond() / 3600, one.hours().getAsDouble(), 1e-6);
        assertTrue(one.cost().isPresent());
    }

    /**
     * 65,536 GPUs at 99,999 USD an hour cost 6.55e9 USD an hour: above 152,590 hours the bill passes 10^15 USD.
     * 10^15 tokens × 10^4 epochs take longer than that (but less than 10^9 hours): the hours are given, the cost
     * is left out with a note.
     */
    @Test
    void aCostBeyondTheLimitIsLeftOutWithANote() {
        Estimate e = estimator.estimate(scenario("{\"gpu\": \"l40s-48gb\", \"gpu_count\": 65536, \"sharding\": "
                + "\"ddp\"}", "{\"tokens\": 1000000000000000, \"epochs\": 10000}", "{\"usd_per_gpu_hour\": 99999}"));
        double hours = e.hours().orElseThrow();
        assertTrue(65_536 * 99_999.0 * hours > Limits.MAX_USD, "the premise: " + hours + " hours");
        assertTrue(e.cost().isEmpty());
        assertTrue(e.notes().contains(Note.of(NoteId.COST_BEYOND_LIMIT, Limits.MAX_USD)), e.notes().toString());
    }

    /** At the lowest utilisation accepted the time of the job is finite and given. */
    @Test
    void theLowestUtilisationGivesAFiniteTime() {
        Estimate e = estimator.estimate(scenario("{\"gpu\": \"l40s-48gb\"}", "{\"tokens\": 1000000}",
                "{\"mfu\": 0.01}"));
        assertTrue(e.hours().isPresent() && Double.isFinite(e.hours().getAsDouble()));
        assertTrue(e.hours().getAsDouble() < Limits.MAX_HOURS);
        assertTrue(e.cost().orElseThrow().usd() < Limits.MAX_USD);
    }
}
