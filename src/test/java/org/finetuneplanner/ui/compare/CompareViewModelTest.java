package org.finetuneplanner.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.finetuneplanner.App;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.finetuneplanner.ui.shell.ShellViewModel;
import org.junit.jupiter.api.Test;

/** Pins, their limit and their snapshots, through the shell as the app composes it (no stage, direct executors). */
class CompareViewModelTest {
    private final PlannerViewModel planner = Fixtures.planner();
    private final List<String> exported = new ArrayList<>();
    private final ShellViewModel shell = new ShellViewModel(planner, App.scenarioFiles(new ScenarioJson(
            Fixtures.CATALOGS)), Optional.empty(), Optional.of((scenarios, locale, target) -> exported.add(
            scenarios.stream().map(Scenario::name).toList() + "|" + locale.getLanguage() + "|"
                    + target.getFileName())), UiExecutors.direct());
    private final CompareViewModel vm = shell.compare();

    private String status() {
        return shell.statusProperty().getValue();
    }

    private List<String> letters() {
        return vm.pins().stream().map(CompareViewModel.Pin::letter).toList();
    }

    private CompareViewModel.Row row(String label) {
        return vm.rowsProperty().getValue().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aPinKeepsItsScenarioAndResultsWhenThePlannerChanges() {
        planner.inputs().scenarioNameProperty().set("8B QLoRA");
        Scenario before = planner.currentScenario().orElseThrow();
        CompareViewModel.Pin a = vm.pinCurrent().orElseThrow();
        assertEquals("A", a.letter());
        assertEquals(before, a.scenario());
        assertEquals("Pinned as A: 8B QLoRA.", status());
        Estimate pinned = a.estimate();
        List<CompareViewModel.Row> rowsBefore = vm.rowsProperty().getValue();

        planner.inputs().scenarioNameProperty().set("8B LoRA");
        planner.inputs().methodProperty().set(FineTuneMethod.LORA);
        planner.inputs().microBatchProperty().set(8);
        assertSame(pinned, vm.pins().get(0).estimate(), "the pin is a snapshot");
        assertEquals(FineTuneMethod.QLORA, vm.pins().get(0).scenario().method().type());
        assertEquals("8B QLoRA", vm.pins().get(0).scenario().name());
        assertEquals(rowsBefore, vm.rowsProperty().getValue(), "nothing of the planner reaches the table");

        CompareViewModel.Pin b = vm.pinCurrent().orElseThrow();
        assertEquals("B", b.letter());
        assertEquals(FineTuneMethod.LORA, b.scenario().method().type());
        assertEquals(List.of("8B QLoRA", "8B LoRA"), vm.pins().stream().map(p -> p.scenario().name()).toList());
        assertTrue(vm.rowsProperty().getValue().stream().noneMatch(r -> r.label().equals("Scenario")),
                "the names head the columns");
        assertTrue(row("Method").tinted() && row("Method").input());
        assertEquals(List.of("4 × 4", "8 × 4"), row("Micro-batch × accumulation").values());
        assertFalse(row("Model").tinted());
        assertTrue(vm.differencesProperty().getValue().get(0).startsWith("Method — A: QLoRA, rank 16"),
                vm.differencesProperty().getValue().get(0));
    }

    @Test
    void atMostFourArePinnedAndAFifthIsRefusedWithTheReason() {
        for (int batch : new int[] {1, 2, 4, 8}) {
            planner.inputs().microBatchProperty().set(batch);
            assertTrue(vm.pinCurrent().isPresent(), "micro-batch " + batch);
        }
        assertEquals(List.of("A", "B", "C", "D"), letters());
        assertFalse(vm.canPinProperty().getValue());
        planner.inputs().microBatchProperty().set(16);
        assertTrue(vm.pinCurrent().isEmpty());
        assertEquals(4, vm.pins().size());
        assertEquals("4 scenarios are pinned, the most a comparison holds: unpin one first.", status());
        assertEquals("4 of 4 pinned", vm.pinsTitleProperty().getValue());
    }

    @Test
    void anUnpinnedSlotIsTakenByTheNextPinAndTheOthersKeepTheirLetters() {
        for (int batch : new int[] {1, 2, 4}) {
            planner.inputs().microBatchProperty().set(batch);
            vm.pinCurrent();
        }
        vm.unpin(1);
        assertEquals(List.of("A", "C"), letters());
        assertEquals("Unpinned B.", status());
        assertEquals(List.of(1, 4), vm.pins().stream().map(p -> p.scenario().training().microBatchSize()).toList());
        planner.inputs().microBatchProperty().set(8);
        assertEquals("B", vm.pinCurrent().orElseThrow().letter());
        assertEquals(List.of("A", "B", "C"), letters(), "in slot order");
        assertEquals(List.of(1, 8, 4), vm.scenarios().stream().map(s -> s.training().microBatchSize()).toList());
        vm.unpinAll();
        assertTrue(vm.pins().isEmpty());
        assertEquals(List.of(), vm.rowsProperty().getValue());
    }

    @Test
    void theSameScenarioIsNotPinnedTwice() {
        vm.pinCurrent();
        planner.inputs().scenarioNameProperty().set("another name, the same inputs");
        assertTrue(vm.pinCurrent().isEmpty());
        assertEquals("This scenario is pinned already, as A.", status());
        assertEquals(1, vm.pins().size());
    }

    @Test
    void aScenarioWithoutANameIsNamedAfterItsModelAndMethod() {
        // The name cleared last: a cleared name is made again from the next change of model or method.
        planner.inputs().methodProperty().set(FineTuneMethod.LORA);
        planner.inputs().scenarioNameProperty().set("");
        assertEquals("Llama 3.1 8B, LoRA", vm.pinCurrent().orElseThrow().scenario().name());
    }

    @Test
    void nothingIsPinnedBeforeTheFirstValidInputs() {
        PlannerViewModel empty = Fixtures.planner();
        CompareViewModel none = new CompareViewModel(Optional::empty, () -> false, empty.messagesProperty());
        assertTrue(none.pinCurrent().isEmpty());
        assertEquals("pins.noScenario", none.saidProperty().get().key());
    }

    @Test
    void withInvalidInputsTheLastValidScenarioIsPinnedAndSaidSo() {
        planner.inputs().scenarioNameProperty().set("valid");
        Scenario valid = planner.currentScenario().orElseThrow();
        planner.inputs().tokensTextProperty().set("many");
        assertEquals(valid.withName("valid"), vm.pinCurrent().orElseThrow().scenario());
        assertTrue(status().startsWith("Pinned the last valid scenario as A: valid;"), status());
    }

    @Test
    void theTableAndTheBarsFollowTheLanguageOnOneScale() {
        vm.pinCurrent();
        planner.inputs().methodProperty().set(FineTuneMethod.FULL);
        planner.inputs().gpuCountProperty().set(4);
        vm.pinCurrent();
        long span = vm.spanBytesProperty().getValue();
        long largest = vm.pins().stream().mapToLong(p -> Math.max(p.estimate().memory().perGpu().totalBytes(),
                p.estimate().memory().capacityBytes())).max().orElseThrow();
        assertEquals(largest, span);
        assertEquals(List.of("A", "B"), vm.barsProperty().getValue().stream()
                .map(b -> b.data().label().substring(0, 1)).toList());
        shell.localeProperty().set(Locale.forLanguageTag("vi"));
        // Full fine-tuning of 8B with AdamW keeps about 16 bytes per parameter on each GPU without sharding: far more
        // than an L40S holds.
        // The 8B QLoRA pin fits with margin, the full fine-tune does not fit: no price or time for it.
        assertEquals(List.of("vừa", "không vừa"), row("Trạng thái bộ nhớ").values());
        assertEquals("Tinh chỉnh toàn bộ", row("Phương pháp").values().get(1));
        assertEquals("Đã ghim 2/4", vm.pinsTitleProperty().getValue());
    }

    @Test
    void aComparisonNeedsTwoPinsAndIsExportedInSlotOrderInTheAppsLanguage() {
        vm.pinCurrent();
        assertFalse(vm.canExportProperty().getValue());
        shell.exportComparison(Path.of("x.pdf")).join();
        assertEquals(List.of(), exported);
        assertEquals("Pin two scenarios at least to export a comparison.", status());
        planner.inputs().scenarioNameProperty().set("LoRA");
        planner.inputs().methodProperty().set(FineTuneMethod.LORA);
        vm.pinCurrent();
        assertTrue(vm.canExportProperty().getValue());
        shell.localeProperty().set(Locale.forLanguageTag("vi"));
        shell.exportComparison(Path.of("so-sanh.pdf")).join();
        assertEquals(List.of("[Llama 3.1 8B, QLoRA r16, LoRA]|vi|so-sanh.pdf"), exported);
        assertEquals("Đã lưu so-sanh.pdf.", status());
    }
}
