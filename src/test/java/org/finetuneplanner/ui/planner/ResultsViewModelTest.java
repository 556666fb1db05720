package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.UiExecutors;
import org.junit.jupiter.api.Test;

/** The results: rows, bars, curves and sentences of the shown option, recomputed only for a new draft. */
class ResultsViewModelTest {
    private final AtomicInteger plans = new AtomicInteger();
    private final AtomicInteger explanations = new AtomicInteger();
    private final PlannerViewModel planner = new PlannerViewModel(counting(), UiExecutors.direct(),
            Messages.forLocale(Locale.ENGLISH));
    private final InputsViewModel in = planner.inputs();
    private final ResultsViewModel vm = planner.results();

    /** The real services, counting the plans and explanations they make. */
    private PlannerServices counting() {
        PlannerServices s = Fixtures.SERVICES;
        return new PlannerServices(s.presets(), s.gpus(), s.estimator(), scenario -> {
            explanations.incrementAndGet();
            return s.explainer().apply(scenario);
        }, (scenario, gpus) -> {
            plans.incrementAndGet();
            return s.planner().apply(scenario, gpus);
        }, s.facts(), s.models());
    }

    private Estimate estimate() {
        return vm.estimateProperty().getValue();
    }

    private long part(MemoryComponent c) {
        return estimate().memory().perGpu().bytes(c);
    }

    @Test
    void startsWithTheSpecExampleAndEveryGpuOption() {
        Scenario s = planner.currentScenario().orElseThrow();
        assertEquals("llama-3.1-8b", s.model().id());
        assertEquals(FineTuneMethod.QLORA, s.method().type());
        assertEquals("l40s-48gb", s.hardware().gpu().id());
        assertEquals(OptionalLong.of(50_000_000L), s.data().tokens());
        assertFalse(vm.staleProperty().getValue());
        assertEquals(Fixtures.CATALOGS.gpus().size(), vm.optionRowsProperty().getValue().size());
    }

    @Test
    void largerMicroBatchRaisesActivationsAndLogits() {
        long activations = part(MemoryComponent.ACTIVATIONS);
        long logits = part(MemoryComponent.LOGITS);
        in.microBatchProperty().set(8);
        assertTrue(part(MemoryComponent.ACTIVATIONS) > activations);
        assertTrue(part(MemoryComponent.LOGITS) > logits);
        assertEquals(8, planner.currentScenario().orElseThrow().training().microBatchSize());
    }

    @Test
    void onlyAnInputOfTheNumbersReplans() {
        vm.recommendationProperty().getValue();
        int before = plans.get();
        in.scenarioNameProperty().set("A name typed letter by letter");
        vm.selectedComponentProperty().set(MemoryComponent.ACTIVATIONS);
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        vm.optionRowsProperty().getValue();
        assertEquals(before, plans.get());
        in.sequenceLengthProperty().set(4096);
        vm.optionRowsProperty().getValue();
        assertEquals(before + 1, plans.get());
        // A whole scenario put in is one batch: one plan, not one per input.
        in.applyScenario(in.defaultScenario());
        vm.optionRowsProperty().getValue();
        assertEquals(before + 2, plans.get());
    }

    @Test
    void thePlanIsMadeWhenTheResultsFirstReadIt() {
        // The form follows the estimate and the problems only: a new draft makes no plan until the results (built a
        // frame after the window's first at start) read one, and then exactly one.
        int before = plans.get();
        in.microBatchProperty().set(8);
        assertTrue(vm.estimateProperty().getValue() != null);
        assertEquals(before, plans.get());
        vm.optionRowsProperty().getValue();
        vm.recommendationProperty().getValue();
        assertEquals(before + 1, plans.get());
    }

    @Test
    void theExplanationIsMadeOnlyWhileSomeoneLooksAndOncePerResults() {
        int before = explanations.get();
        in.microBatchProperty().set(8);
        in.microBatchProperty().set(2);
        assertEquals(before, explanations.get());
        var looking = vm.explanationProperty().subscribe(terms -> { });
        assertEquals(before + 1, explanations.get());
        vm.selectedComponentProperty().set(MemoryComponent.LOGITS);
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertEquals(before + 1, explanations.get());
        in.microBatchProperty().set(16);
        assertEquals(before + 2, explanations.get());
        looking.unsubscribe();
        in.microBatchProperty().set(4);
        assertEquals(before + 2, explanations.get());
    }

    /**
     * Single-GPU QLoRA (the default: Llama 3.1 8B on one L40S): its error band in validation/error-bands.json is
     * e10 = −0.3622, e90 = −0.0091, so the range runs from estimate / (1 − 0.0091) = 1.009 × estimate to
     * estimate / (1 − 0.3622) = 1.568 × estimate, wholly above the estimate. The report says so in words; the memory
     * card and the recommendation say it in the same words, in each language, and a range around its estimate
     * (LoRA r16 on one card: e10 = −0.066, e90 = +0.0247) says nothing of the kind.
     */
    @Test
    void aMemoryRangeWhollyAboveTheEstimateSaysSoInTheReportsWords() {
        Estimate e = estimate();
        assertTrue(vm.shown().orElseThrow().facts().ranges().memoryBytes().low() > e.memory().perGpu().totalBytes());
        for (Locale l : List.of(Locale.ENGLISH, Locale.forLanguageTag("vi"))) {
            planner.messagesProperty().set(Messages.forLocale(l));
            String above = Messages.forLocale(l).words().text("memory.aboveEstimate");
            assertTrue(vm.captionProperty().getValue().contains("; " + above + ")"), vm.captionProperty().getValue());
            assertTrue(vm.recommendationProperty().getValue().contains("(" + above + ")"),
                    vm.recommendationProperty().getValue());
        }
        assertEquals("above the estimate: published runs of this kind used more",
                Messages.forLocale(Locale.ENGLISH).words().text("memory.aboveEstimate"));
        in.methodProperty().set(FineTuneMethod.LORA);
        assertFalse(vm.captionProperty().getValue().contains("published runs"), vm.captionProperty().getValue());
    }

    @Test
    void withoutTokensThereIsNoTimeNoCostCurveAndTheRecommendationSaysWhy() {
        in.tokensTextProperty().set("");
        assertTrue(estimate().hours().isEmpty());
        assertEquals(List.of(), vm.costCurvesProperty().getValue());
        assertEquals(List.of(), vm.curveIdsProperty().getValue());
        assertTrue(vm.recommendationProperty().getValue().contains("enter dataset tokens"),
                vm.recommendationProperty().getValue());
    }

    @Test
    void selectingAnOptionMakesItsHardwareTheInputs() {
        PlanOption other = vm.shown().orElseThrow().plan().options().stream()
                .filter(o -> !o.gpu().id().equals("l40s-48gb") && o.fits()).findFirst().orElseThrow();
        vm.selectOption(other.gpu().id());
        assertEquals(other.gpu(), in.gpuProperty().get());
        assertEquals(other.gpuCount(), in.gpuCountProperty().get());
        assertEquals(other.estimate().scenario().hardware().sharding(), in.shardingProperty().get());
        assertEquals(other.gpu().id(), vm.selectedGpuIdProperty().getValue());
        assertEquals(other.estimate().memory().perGpu(), estimate().memory().perGpu());
        assertEquals(other.gpu().id(), vm.selectedBarProperty().getValue().gpuId());
    }

    @Test
    void explanationListsTheTermsOfTheSelectedPartAndTheyAddUp() {
        for (MemoryComponent c : List.of(MemoryComponent.WEIGHTS, MemoryComponent.ACTIVATIONS)) {
            vm.selectedComponentProperty().set(c);
            List<MemoryTerm> terms = vm.terms();
            assertFalse(terms.isEmpty());
            assertTrue(terms.stream().allMatch(t -> t.component() == c));
            assertEquals(part(c), terms.stream().mapToLong(MemoryTerm::bytes).sum());
            List<ExplainedTerm> worded = vm.explanationProperty().getValue();
            assertEquals(terms.size(), worded.size());
            assertTrue(worded.stream().allMatch(t -> t.formula().startsWith("Formula: ")), worded.toString());
        }
        assertEquals("How Activations is computed", vm.explanationTitleProperty().getValue());
    }

    @Test
    void languageSwitchTranslatesEverythingAndSwitchingBackLeavesNothingBehind() {
        String recommendation = vm.recommendationProperty().getValue();
        List<OptionRow> rows = vm.optionRowsProperty().getValue();
        List<MemoryBarData> bars = vm.optionBarsProperty().getValue();
        String legend = vm.legendProperty(MemoryComponent.LOGITS).getValue();
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertNotEquals(recommendation, vm.recommendationProperty().getValue());
        assertTrue(vm.legendProperty(MemoryComponent.LOGITS).getValue().startsWith("Logit"));
        // Vietnamese writes decimals with a comma: "17,1 / 79,6".
        assertTrue(vm.optionBarsProperty().getValue().get(0).value().contains(","),
                vm.optionBarsProperty().getValue().get(0).value());
        planner.messagesProperty().set(Messages.forLocale(Locale.ENGLISH));
        assertEquals(recommendation, vm.recommendationProperty().getValue());
        assertEquals(rows, vm.optionRowsProperty().getValue());
        assertEquals(bars, vm.optionBarsProperty().getValue());
        assertEquals(legend, vm.legendProperty(MemoryComponent.LOGITS).getValue());
    }

    @Test
    void costCurvesCoverOptionsThatFitAndEndWhenTrainingEnds() {
        List<CostCurve> curves = vm.costCurvesProperty().getValue();
        assertFalse(curves.isEmpty());
        for (CostCurve c : curves) {
            PlanOption o = vm.shown().orElseThrow().plan().option(c.gpuId()).orElseThrow();
            assertTrue(o.fits());
            double last = c.points().get(c.points().size() - 1).hours();
            assertEquals(o.estimate().hours().getAsDouble(), last, 1e-9);
        }
    }

    @Test
    void cheapestAndFastestAreMarkedOnceAndEachCellIsWorded() {
        List<OptionRow> rows = vm.optionRowsProperty().getValue();
        assertEquals(1, rows.stream().filter(OptionRow::cheapest).count());
        assertEquals(1, rows.stream().filter(OptionRow::fastest).count());
        OptionRow cheapest = rows.stream().filter(OptionRow::cheapest).findFirst().orElseThrow();
        double min = rows.stream().filter(OptionRow::fits).mapToDouble(OptionRow::usdOrMax).min().orElseThrow();
        assertEquals(min, cheapest.usd().getAsDouble(), 1e-9);
        assertTrue(cheapest.cell(OptionColumn.MARK).contains("\u2605"), cheapest.cell(OptionColumn.MARK));
        assertEquals("\u2713 fits", cheapest.cell(OptionColumn.STATUS));
        assertEquals(cheapest.gpuName(), cheapest.cell(OptionColumn.GPU));
    }
}
