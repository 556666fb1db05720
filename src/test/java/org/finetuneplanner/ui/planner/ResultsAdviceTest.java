package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.Setting;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;
import org.junit.jupiter.api.Test;

/**
 * The advice on the results side (issue 10 in the app, issue 13 items 6 and 7): ranges as "low–high GiB", the
 * tight status, options that do not fit without time or cost and last, the changes an option makes from → to, the
 * cost curves chosen and coloured, and the options as CSV.
 */
class ResultsAdviceTest {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final PlannerViewModel planner = Fixtures.planner();
    private final InputsViewModel in = planner.inputs();
    private final ResultsViewModel vm = planner.results();

    private Plan plan() {
        return vm.shown().orElseThrow().plan();
    }

    /** "12.1–14.6": GiB to one decimal joined by an en dash (English style; the unit follows once). */
    private static String gibRange(Range bytes) {
        return String.format(Locale.ROOT, "%.1f\u2013%.1f", bytes.low() / GIB, bytes.high() / GIB);
    }

    /**
     * Full fine-tuning of Llama 3.1 405B: about 16 bytes of state per parameter, 405e9 × 16 B ≈ 5.9 TiB, more than
     * 64 cards of 80 GB hold (5 TiB) and far more than 64 of 24 GB: the small cards do not fit at any count.
     */
    private void hugeFullFineTuning() {
        in.modelProperty().set(Fixtures.SERVICES.presets().stream().filter(m -> m.id().equals("llama-3.1-405b"))
                .findFirst().orElseThrow());
        in.methodProperty().set(FineTuneMethod.FULL);
    }

    /** Mistral 7B LoRA r16 at micro-batch 8 × accumulation 4, sequence 2048, no checkpointing (issue 10's case). */
    private void mistral() {
        in.modelProperty().set(Fixtures.SERVICES.presets().stream().filter(m -> m.id().equals("mistral-7b-v0.1"))
                .findFirst().orElseThrow());
        in.methodProperty().set(FineTuneMethod.LORA);
        in.microBatchProperty().set(8);
        in.accumulationProperty().set(4);
        in.sequenceLengthProperty().set(2048);
        in.checkpointingProperty().set(Checkpointing.NONE);
    }

    @Test
    void theMemoryCaptionAndEveryRowShowTheRangeAsLowToHighGib() {
        SetupFacts facts = vm.factsProperty().getValue();
        Range own = facts.ranges().memoryBytes();
        assertTrue(own.low() < own.high(), own.toString());
        String caption = vm.captionProperty().getValue();
        assertTrue(caption.contains(gibRange(own) + "\u00a0GiB") || caption.contains(gibRange(own) + " GiB"),
                caption + " lacks " + gibRange(own));
        // The bar carries the same range, to draw it as a band.
        assertEquals(Optional.of(own), vm.selectedBarProperty().getValue().range());
        for (OptionRow r : vm.optionRowsProperty().getValue()) {
            // The memory cell: "low–high / capacity", the range first.
            assertTrue(r.cell(OptionColumn.MEMORY).startsWith(gibRange(r.memory())),
                    r.gpuId() + ": " + r.cell(OptionColumn.MEMORY) + " vs " + gibRange(r.memory()));
        }
    }

    @Test
    void aSetupWhoseHighEndIsOverTheCardIsTightAndSaysSo() {
        // Longer sequences raise the activations and logits step by step; between "fits" (the high end within the
        // card) and "no" (the estimate over it) there is a length where only the estimate fits: tight.
        FitStatus status = FitStatus.FITS;
        int length = 2048;
        while (status == FitStatus.FITS && length < 65_536) {
            length += 256;
            in.sequenceLengthProperty().set(length);
            status = vm.statusProperty().getValue();
        }
        assertEquals(FitStatus.TIGHT, status, "at sequence " + length);
        MemoryBarData bar = vm.selectedBarProperty().getValue();
        assertEquals(FitStatus.TIGHT, bar.status());
        assertTrue(bar.parts().totalBytes() <= bar.capacityBytes());
        assertTrue(bar.range().orElseThrow().high() > bar.capacityBytes());
        assertTrue(vm.captionProperty().getValue().contains("tight: the high end is"), vm.captionProperty()
                .getValue());
        OptionRow own = vm.optionRowsProperty().getValue().stream().filter(r -> r.gpuId().equals("l40s-48gb"))
                .findFirst().orElseThrow();
        // The table shows the option the planner made for the L40S: tight only when no change gives it margin.
        assertEquals(own.status() == FitStatus.TIGHT ? "! tight" : own.status() == FitStatus.FITS ? "\u2713 fits"
                : "\u2717 no", own.cell(OptionColumn.STATUS));
        // The recommendation prefers an option that fits with margin whenever one exists.
        boolean anyFits = plan().options().stream().anyMatch(o -> o.status() == FitStatus.FITS);
        assertEquals(Optional.of(anyFits ? FitStatus.FITS : FitStatus.TIGHT), vm.adviceProperty().getValue()
                .status());
    }

    @Test
    void optionsThatDoNotFitHaveNoTimeOrCostComeLastAndSayWhatWouldMakeThemFit() {
        hugeFullFineTuning();
        List<OptionRow> rows = vm.optionRowsProperty().getValue();
        List<OptionRow> no = rows.stream().filter(r -> r.status() == FitStatus.NO).toList();
        assertFalse(no.isEmpty(), "the small cards do not fit 405B full fine-tuning");
        assertTrue(rows.stream().anyMatch(OptionRow::fits), "the largest cards do, at many GPUs");
        for (OptionRow r : no) {
            assertTrue(r.usd().isEmpty() && r.hours().isEmpty(), r.gpuId());
            assertEquals(OptionColumn.NONE, r.cell(OptionColumn.TIME));
            assertEquals(OptionColumn.NONE, r.cell(OptionColumn.COST));
            assertFalse(r.cheapest() || r.fastest(), r.gpuId());
            // The changes column says the smallest change that would make it fit instead.
            assertNotEquals(OptionColumn.NONE, r.cell(OptionColumn.CHANGES), r.gpuId());
        }
        // Last in every order, the cheapest-first order and its reverse alike.
        for (OptionColumn c : List.of(OptionColumn.COST, OptionColumn.GPU, OptionColumn.MEMORY)) {
            for (boolean reversed : List.of(false, true)) {
                List<OptionRow> sorted = rows.stream().sorted(OptionRow.noLast(reversed ? c.comparator().reversed()
                        : c.comparator())).toList();
                int firstNo = sorted.indexOf(sorted.stream().filter(r -> !r.fits()).findFirst().orElseThrow());
                assertTrue(sorted.subList(firstNo, sorted.size()).stream().noneMatch(OptionRow::fits),
                        c + (reversed ? " reversed" : ""));
            }
        }
    }

    @Test
    void theAdviceListsItsChangesFromToKeepsTheSequencesAndAppliesThemInOneStep() {
        mistral();
        // 8 × 4 = 32 sequences per optimizer step on one GPU.
        Advice own = vm.ownAdviceProperty().getValue().orElseThrow();
        PlanOption l40s = plan().option("l40s-48gb").orElseThrow();
        assertFalse(l40s.adjustments().isEmpty());
        Messages en = Messages.forLocale(Locale.ENGLISH);
        for (Adjustment a : l40s.adjustments()) {
            String worded = en.words().adjustment(a);
            assertTrue(own.changes().contains(worded), own.changes() + " lacks " + worded);
            assertTrue(worded.contains(" \u2192 "), worded);
        }
        Map<Setting, Object> to = new HashMap<>();
        l40s.adjustments().forEach(a -> to.put(a.setting(), a.to()));
        if (to.containsKey(Setting.MICRO_BATCH_SIZE)) {
            assertTrue(own.changes().contains("the same 32 sequences per optimizer step"), own.changes());
        }
        vm.applyOwnAdvice();
        if (to.containsKey(Setting.MICRO_BATCH_SIZE)) {
            int micro = (Integer) to.get(Setting.MICRO_BATCH_SIZE);
            assertEquals(micro, in.microBatchProperty().get());
            assertEquals(32, micro * in.accumulationProperty().get() * in.gpuCountProperty().get());
        }
        // Once applied, the user's own setup fits and its advice no longer asks for changes.
        assertTrue(vm.statusProperty().getValue().fits());
        assertEquals("l40s-48gb", in.gpuProperty().get().id());
    }

    @Test
    void theSuggestionsNameNoChangeAlreadyMade() {
        mistral();
        in.checkpointingProperty().set(Checkpointing.FULL);
        PlanOption l40s = plan().option("l40s-48gb").orElseThrow();
        assertTrue(l40s.adjustments().stream().noneMatch(a -> a.setting() == Setting.ACTIVATION_CHECKPOINTING
                && a.to() == Checkpointing.FULL), l40s.adjustments().toString());
        String changes = vm.ownAdviceProperty().getValue().map(Advice::changes)
                .orElse(vm.adviceProperty().getValue().changes());
        assertFalse(changes.contains("checkpointing none \u2192 full"), changes);
    }

    @Test
    void theChartShowsAtMostSixCurvesByDefaultEachGpuInOneColourAndShowAllTheRest() {
        List<CostCurve> chosen = vm.costCurvesProperty().getValue();
        assertTrue(chosen.size() <= CurveChoice.MOST && chosen.size() >= 2, chosen.size() + " curves");
        Set<String> ids = chosen.stream().map(CostCurve::gpuId).collect(Collectors.toSet());
        assertTrue(ids.contains("l40s-48gb"), "the user's GPU");
        assertTrue(ids.contains(plan().cheapest().orElseThrow()), "the cheapest");
        assertTrue(ids.contains(plan().fastest().orElseThrow()), "the fastest");
        Map<String, Integer> colours = chosen.stream().collect(Collectors.toMap(CostCurve::gpuId,
                CostCurve::colour));
        // The default curves never share a colour.
        assertEquals(chosen.size(), Set.copyOf(colours.values()).size(), colours.toString());
        // Show all: every option that fits with a cost; the chosen ones keep their colours.
        vm.showAllCurvesProperty().set(true);
        List<CostCurve> all = vm.costCurvesProperty().getValue();
        assertEquals(plan().options().stream().filter(o -> o.fits() && o.cost().isPresent()).count(), all.size());
        assertTrue(all.size() > chosen.size());
        all.stream().filter(c -> colours.containsKey(c.gpuId()))
                .forEach(c -> assertEquals(colours.get(c.gpuId()), c.colour(), c.gpuId()));
        // A new plan (a longer sequence) keeps each GPU's colour.
        vm.showAllCurvesProperty().set(false);
        in.sequenceLengthProperty().set(4096);
        vm.costCurvesProperty().getValue().stream().filter(c -> colours.containsKey(c.gpuId()))
                .forEach(c -> assertEquals(colours.get(c.gpuId()), c.colour(), c.gpuId()));
    }

    @Test
    void theCsvHasAHeaderARowPerOptionMachineNumbersAndNoCostForWhatDoesNotFit() {
        hugeFullFineTuning();
        List<List<String>> csv = vm.csv();
        assertEquals(OptionsCsv.COLUMNS.size(), csv.get(0).size());
        assertEquals("GPU", csv.get(0).get(0));
        assertEquals(plan().options().size() + 1, csv.size());
        int cost = OptionsCsv.COLUMNS.indexOf("cost");
        int hours = OptionsCsv.COLUMNS.indexOf("hours");
        int memory = OptionsCsv.COLUMNS.indexOf("memory");
        int gpuId = OptionsCsv.COLUMNS.indexOf("gpuId");
        boolean sawNo = false;
        boolean afterNo = false;
        for (List<String> row : csv.subList(1, csv.size())) {
            assertEquals(csv.get(0).size(), row.size());
            PlanOption o = plan().option(row.get(gpuId)).orElseThrow();
            // Per-GPU total in GiB with a point and two decimals at most: bytes / 2^30.
            assertEquals(o.estimate().memory().perGpu().totalBytes() / GIB, Double.parseDouble(row.get(memory)),
                    0.005);
            if (o.fits()) {
                assertFalse(afterNo, "an option that fits after one that does not: " + row.get(gpuId));
                assertEquals(o.cost().map(c -> String.valueOf(Math.round(c.usd() * 100) / 100.0)).orElse(""),
                        row.get(cost).isEmpty() ? "" : String.valueOf(Double.parseDouble(row.get(cost))));
            } else {
                sawNo = afterNo = true;
                assertEquals("", row.get(cost));
                assertEquals("", row.get(hours));
            }
        }
        assertTrue(sawNo);
        assertEquals("1234.5", OptionsCsv.number(1234.5, 2));
        assertEquals("12", OptionsCsv.number(12.0004, 3));
    }

    @Test
    void everyChoiceThePlannerMayChangeHasWordsInBothLanguages() {
        for (Locale l : List.of(Locale.ENGLISH, Locale.forLanguageTag("vi"))) {
            Messages m = Messages.forLocale(l);
            Formats f = Formats.of(m);
            for (Checkpointing c : Checkpointing.values()) {
                String worded = m.words().adjustment(new Adjustment(Setting.ACTIVATION_CHECKPOINTING,
                        Checkpointing.NONE, c));
                assertFalse(worded.contains("adjustment.value"), l + ": " + worded);
            }
            for (Loss loss : Loss.values()) {
                String worded = m.words().adjustment(new Adjustment(Setting.LOSS, Loss.STANDARD,
                        loss));
                assertFalse(worded.contains("adjustment.value"), l + ": " + worded);
                assertFalse(m.text("results.change.LOSS." + loss.name()).startsWith("results."), l + " " + loss);
                // The options' change column names the setting with the words the recommendation uses
                // ("hàm mất mát chuẩn → hợp nhất" above the table, "hàm mất mát hợp nhất" in it, not "loss").
                String setting = m.words().label(Setting.LOSS);
                assertTrue(m.text("results.change.LOSS." + loss.name()).contains(setting), l + " " + loss);
            }
        }
        // English: "checkpointing none → full" (the words of the setting, then the choices).
        Messages en = Messages.forLocale(Locale.ENGLISH);
        assertEquals("checkpointing none \u2192 full", en.words().adjustment(new Adjustment(
                Setting.ACTIVATION_CHECKPOINTING, Checkpointing.NONE, Checkpointing.FULL)));
    }
}
