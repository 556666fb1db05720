package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.core.plan.PlanSpec;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.plan.Setting;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.validation.ErrorBandsFile;

/**
 * Invariants of the planner's advice over random valid scenarios ({@link Scenarios}), with the bundled error bands:
 * adjustments keep the sequences per step, {@code fits} means the range's high end fits, the cheapest is the
 * minimum over the fitting options, an option that does not fit carries no time or cost, kept settings never
 * change.
 */
class AdviceInvariantsTest {

    private static final Estimator ESTIMATOR = Estimator.standard();
    private static final MemoryEstimator MEMORY = new MemoryEstimator();
    private static final Confidence CONFIDENCE = new Confidence(ErrorBandsFile.bundled());
    private static final Planner PLANNER = new Planner(MEMORY::estimate, ESTIMATOR::estimate, new CostProjector(),
            CONFIDENCE);
    private static final List<GpuSpec> GPUS = ScenarioJson.standard().catalogs().gpus();

    @Provide
    Arbitrary<Scenarios.Case> scenarios() {
        return Scenarios.any().map(Scenarios.Case::new);
    }

    @Provide
    Arbitrary<Set<Setting>> kept() {
        return Arbitraries.of(Setting.MICRO_BATCH_SIZE, Setting.ACTIVATION_CHECKPOINTING, Setting.LOSS).set()
                .map(s -> s.isEmpty() ? Set.<Setting>of() : EnumSet.copyOf(s));
    }

    /**
     * Every option keeps the scenario's sequences per optimizer step (micro-batch × accumulation × GPUs) when its
     * GPU count divides them and the accumulation limit allows; otherwise it says how many it uses instead.
     */
    @Property(tries = 60, seed = "20261204")
    void adjustmentsKeepTheSequencesPerStep(@ForAll("scenarios") Scenarios.Case sample) {
        Scenario s = sample.scenario();
        long wanted = (long) s.training().microBatchSize() * s.training().gradientAccumulationSteps()
                * s.hardware().gpuCount();
        Plan plan = PLANNER.plan(s, GPUS);
        for (PlanOption o : plan.options()) {
            if (!o.fits()) {
                continue;
            }
            TrainingSpec t = o.estimate().scenario().training();
            long got = (long) t.microBatchSize() * t.gradientAccumulationSteps() * o.gpuCount();
            assertEquals(got, o.sequencesPerStep(), o.gpu().id());
            List<PlanReason.InexactSplit> inexact = o.reasons(PlanReason.InexactSplit.class);
            boolean exactPossible = wanted % o.gpuCount() == 0 && wanted / o.gpuCount() <= Limits.MAX_ACCUMULATION;
            if (exactPossible) {
                assertEquals(wanted, got, o.gpu().id() + " on " + o.gpuCount() + " GPUs");
                assertTrue(inexact.isEmpty(), o.gpu().id());
            } else if (got != wanted) {
                assertEquals(List.of(new PlanReason.InexactSplit((int) Math.min(wanted, Integer.MAX_VALUE),
                        (int) got)), inexact, o.gpu().id());
            }
        }
    }

    /**
     * {@code fits} means the high end of the memory range is within the usable memory (and the estimate, made again
     * from scratch, agrees); {@code tight} that only the estimate is; an option that does not fit carries no speed,
     * time or cost and is never ranked.
     */
    @Property(tries = 60, seed = "20261204")
    void statusMatchesTheRangeAndANoOptionIsNeverPriced(@ForAll("scenarios") Scenarios.Case sample) {
        Plan plan = PLANNER.plan(sample.scenario(), GPUS);
        for (PlanOption o : plan.options()) {
            long capacity = o.estimate().memory().capacityBytes();
            var again = ESTIMATOR.estimate(o.estimate().scenario());
            switch (o.status()) {
                case FITS -> {
                    assertTrue(o.ranges().memoryBytes().high() <= capacity, o.gpu().id());
                    assertEquals(FitStatus.FITS, CONFIDENCE.of(again).status(), o.gpu().id());
                }
                case TIGHT -> {
                    assertTrue(again.fits(), o.gpu().id());
                    assertTrue(o.ranges().memoryBytes().high() > capacity, o.gpu().id());
                }
                case NO -> {
                    assertTrue(o.tokensPerSecond().isEmpty() && o.hours().isEmpty() && o.cost().isEmpty(),
                            o.gpu().id() + " is priced");
                    assertTrue(o.ranges().hours().isEmpty() && o.ranges().usd().isEmpty(), o.gpu().id());
                    assertFalse(o.ranked(), o.gpu().id());
                    assertFalse(plan.cheapest().equals(java.util.Optional.of(o.gpu().id())), o.gpu().id());
                    assertFalse(plan.fastest().equals(java.util.Optional.of(o.gpu().id())), o.gpu().id());
                }
                default -> throw new AssertionError(o.status());
            }
            assertTrue(o.gpuCount() <= Limits.PLANNER_MAX_GPUS, o.gpu().id());
        }
    }

    /**
     * The cheapest is the minimum over the ranked options of the best status present ({@code fits}, else
     * {@code tight}), and the fastest the maximum; neither is ever an option of a worse status.
     */
    @Property(tries = 60, seed = "20261204")
    void theCheapestIsTheMinimumOverTheFittingOptions(@ForAll("scenarios") Scenarios.Case sample) {
        Plan plan = PLANNER.plan(sample.scenario(), GPUS);
        FitStatus level = plan.options().stream().anyMatch(o -> o.ranked() && o.status() == FitStatus.FITS)
                ? FitStatus.FITS : FitStatus.TIGHT;
        plan.cheapest().ifPresent(id -> {
            PlanOption cheapest = plan.option(id).orElseThrow();
            assertEquals(level, cheapest.status());
            assertTrue(cheapest.ranked());
            cheapest.cost().ifPresent(c -> {
                for (PlanOption o : plan.options()) {
                    if (o.ranked() && o.status() == level && o.cost().isPresent()) {
                        assertTrue(c.usd() <= o.cost().get().usd() * (1 + 1e-9), o.gpu().id() + " is cheaper");
                    }
                }
            });
        });
        plan.fastest().ifPresent(id -> {
            PlanOption fastest = plan.option(id).orElseThrow();
            assertEquals(level, fastest.status());
            for (PlanOption o : plan.options()) {
                if (o.ranked() && o.status() == level && priced(o)) {
                    assertTrue(o.tokensPerSecond().getAsDouble() <= fastest.tokensPerSecond().getAsDouble(),
                            o.gpu().id() + " is faster");
                }
            }
        });
        assertEquals(plan.cheapest().isPresent() && level == FitStatus.TIGHT, plan.onlyTight());
    }

    /** Nothing {@code plan.keep} names ever changes, on any GPU, fitting or not. */
    @Property(tries = 40, seed = "20261204")
    void nothingKeptChanges(@ForAll("scenarios") Scenarios.Case sample, @ForAll("kept") Set<Setting> keep) {
        Scenario s = sample.scenario();
        Plan plan = PLANNER.plan(s, GPUS, new PlanSpec(keep, Limits.PLANNER_MAX_GPUS, List.of()));
        for (PlanOption o : plan.options()) {
            TrainingSpec t = o.estimate().scenario().training();
            assertTrue(o.adjustments().stream().noneMatch(a -> keep.contains(a.setting())), o.gpu().id());
            if (keep.contains(Setting.MICRO_BATCH_SIZE)) {
                assertEquals(s.training().microBatchSize(), t.microBatchSize(), o.gpu().id());
            }
            if (keep.contains(Setting.ACTIVATION_CHECKPOINTING)) {
                assertEquals(s.training().checkpointing(), t.checkpointing(), o.gpu().id());
            }
            if (keep.contains(Setting.LOSS)) {
                assertEquals(s.training().loss(), t.loss(), o.gpu().id());
            }
            // What the planner may never change, kept or not.
            assertEquals(s.model(), o.estimate().scenario().model());
            assertEquals(s.method(), o.estimate().scenario().method());
            // (a BF16 job on a GPU without BF16 tensor cores is figured in FP16, said and not ranked)
            boolean emulated = !o.reasons(PlanReason.PrecisionEmulated.class).isEmpty();
            assertEquals(emulated ? Precision.FP16 : s.training().precision(), t.precision());
            assertTrue(!emulated || !o.ranked());
            assertEquals(s.training().sequenceLength(), t.sequenceLength());
            assertEquals(s.data(), o.estimate().scenario().data());
        }
    }

    private static boolean priced(PlanOption o) {
        return o.tokensPerSecond().isPresent()
                && (o.cost().isPresent() || !o.gpu().prices().isEmpty()
                || o.estimate().scenario().cost().usdPerGpuHour().isPresent());
    }
}
