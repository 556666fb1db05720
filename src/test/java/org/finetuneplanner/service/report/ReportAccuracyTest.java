package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.validation.ValidationRunner;
import org.junit.jupiter.api.Test;

/** The accuracy the report states is measured once per process, through the caller's catalog and estimator. */
class ReportAccuracyTest {

    @Test
    void theSharedFiguresAreComputedOnceForEveryCaller() {
        ScenarioJson reader = ScenarioJson.standard();
        AtomicInteger runnersMade = new AtomicInteger();
        Supplier<ValidationRunner> runner = () -> {
            runnersMade.incrementAndGet();
            return new ValidationRunner(reader, Estimator.standard()::estimate);
        };
        Supplier<ReportAccuracy> app = ReportAccuracy.shared(runner);
        Supplier<ReportAccuracy> cli = ReportAccuracy.shared(runner);
        ReportAccuracy first = app.get();
        assertSame(first, app.get(), "the second report asks again and gets the same figures");
        assertSame(first, cli.get(), "another caller in the process too");
        assertEquals(1, ReportAccuracy.sharedComputations());
        assertTrue(runnersMade.get() <= 1, "at most one runner made here (another test may have come first)");
        assertFalse(first.rows().isEmpty(), "the bundled cases were run");
    }
}
