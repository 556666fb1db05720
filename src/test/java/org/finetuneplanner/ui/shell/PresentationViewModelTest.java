package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.finetuneplanner.App;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.quickstart.QuickStart;
import org.finetuneplanner.service.quickstart.QuickStarts;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PresentationViewModelTest {
    private static final QuickStarts QUICK_STARTS = new QuickStarts(new ScenarioJson(Fixtures.CATALOGS));

    private final PlannerViewModel planner = Fixtures.planner();
    private final ScenarioFiles files = App.scenarioFiles(new ScenarioJson(Fixtures.CATALOGS));
    /** What "Save the changes first?" is answered when a quick start would replace unsaved inputs. */
    private final FixedPrompts prompts = new FixedPrompts();
    private final ShellViewModel shell = shell(Optional.of(QUICK_STARTS::read));
    private final PresentationViewModel vm = shell.presentation();

    private ShellViewModel shell(Optional<QuickStartFiles> quickStarts) {
        return new ShellViewModel(planner, files, Optional.empty(), Optional.empty(), UiExecutors.direct(),
                FileDialogs.NONE, prompts, quickStarts);
    }

    private String said() {
        return shell.statusProperty().getValue();
    }

    @Test
    void enteringAndLeavingKeepsEveryInputOfTheUser() {
        planner.inputs().methodProperty().set(FineTuneMethod.LORA);
        planner.inputs().sequenceLengthProperty().set(8192);
        planner.inputs().microBatchProperty().set(3);
        planner.inputs().scenarioNameProperty().set("Customer A");
        Scenario before = planner.currentScenario().orElseThrow();

        vm.togglePresenting();
        assertTrue(vm.presentingProperty().get());
        assertEquals(before, planner.currentScenario().orElseThrow());
        vm.allInputsProperty().set(true);
        vm.togglePresenting();
        assertFalse(vm.presentingProperty().get());
        assertEquals(before, planner.currentScenario().orElseThrow());
        assertFalse(vm.allInputsProperty().get(), "the next presentation starts with the essentials again");
    }

    @Test
    void zoomIsSaidInTheStatusLineWithItsLimits() {
        vm.zoomIn();
        assertEquals("Zoom 110%.", said());
        for (int i = 0; i < 10; i++) {
            vm.zoomIn();
        }
        assertEquals("Zoom 200%: as large as it goes.", said());
        vm.resetZoom();
        assertEquals("Zoom 100%.", said());
        vm.zoomOut();
        vm.zoomOut();
        vm.zoomOut();
        assertEquals("Zoom 80%: as small as it goes.", said());
    }

    @Test
    void zoomAndPresentationAreIndependent() {
        vm.zoomIn();
        vm.togglePresenting();
        vm.togglePresenting();
        assertEquals(1.1, vm.zoom().getFactor(), "leaving the presentation keeps the zoom the user chose");
    }

    @ParameterizedTest
    @EnumSource(QuickStart.class)
    void aQuickStartPutsItsWholeScenarioIntoTheInputs(QuickStart q) {
        vm.applyQuickStart(q).join();
        Scenario expected = QUICK_STARTS.read(q);
        Scenario now = planner.currentScenario().orElseThrow();
        assertEquals(expected, now.withName(expected.name()), "every input as in the bundled file");
        assertTrue(said().startsWith("Quick start: " + PresentationViewModel.name(planner.messagesProperty().get(), q)
                + " \u2014 "), said());
        assertFalse(vm.busyProperty().get());
    }

    /** The name follows the model and method, as a new scenario's does: a switch to QLoRA is not called LoRA. */
    @Test
    void aQuickStartIsNamedAfterItsModelAndMethodAndTheNameFollowsThem() {
        vm.applyQuickStart(QuickStart.LLAMA_70B_LORA_H100).join();
        // scenario.autoName "{0}, {1}" with LoRA r{0}: the model's display name and rank 16 from the file.
        assertEquals("Llama 3.1 70B, LoRA r16", planner.currentScenario().orElseThrow().name());
        planner.inputs().methodProperty().set(FineTuneMethod.QLORA);
        assertEquals("Llama 3.1 70B, QLoRA r16", planner.currentScenario().orElseThrow().name());
    }

    @Test
    void inVietnameseTheQuickStartIsSaidInVietnamese() {
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        vm.applyQuickStart(QuickStart.LLAMA_70B_FULL_H100).join();
        assertTrue(said().startsWith("M\u1eabu b\u1eaft \u0111\u1ea7u nhanh: Llama 3.1 70B, tinh ch\u1ec9nh to\u00e0n "
                + "b\u1ed9, 32\u00d7 H100 \u2014 "), said());
        assertEquals("Llama 3.1 70B, tinh ch\u1ec9nh to\u00e0n b\u1ed9",
                planner.currentScenario().orElseThrow().name());
    }

    @Test
    void aQuickStartThatCannotBeReadLeavesTheInputsAndSaysWhy() {
        ShellViewModel brokenShell = shell(Optional.of(q -> {
            throw new UncheckedIOException("missing", new IOException(q.resource() + " is missing"));
        }));
        PresentationViewModel broken = brokenShell.presentation();
        planner.inputs().methodProperty().set(FineTuneMethod.FULL);
        Scenario before = planner.currentScenario().orElseThrow();
        broken.applyQuickStart(QuickStart.MIXTRAL_8X7B_LORA_H100).join();
        assertEquals(before, planner.currentScenario().orElseThrow());
        String words = brokenShell.statusProperty().getValue();
        assertTrue(words.startsWith("Could not open the quick start Mixtral 8x7B, LoRA, 2\u00d7 H100: "), words);
        assertTrue(words.contains("mixtral-8x7b-lora-h100.json is missing"), words);
        assertFalse(broken.busyProperty().get());
    }

    @Test
    void withoutAReaderThereAreNoQuickStartsAndAskingSaysSo() {
        ShellViewModel noneShell = shell(Optional.empty());
        PresentationViewModel none = noneShell.presentation();
        assertEquals(List.of(), none.quickStarts());
        Scenario before = planner.currentScenario().orElseThrow();
        none.applyQuickStart(QuickStart.LLAMA_8B_LORA_L40S).join();
        assertEquals(before, planner.currentScenario().orElseThrow());
        assertEquals("Quick starts are not available in this build.", noneShell.statusProperty().getValue());
    }

    /** A quick start replaces the inputs as File → New does: unsaved changes are asked about, and it is undoable. */
    @Test
    void aQuickStartOverUnsavedChangesAsksFirstAndIsOneStepToUndo() {
        planner.inputs().methodProperty().set(FineTuneMethod.FULL);
        Scenario mine = planner.currentScenario().orElseThrow();
        assertTrue(shell.document().isDirty());

        prompts.unsaved = Prompts.Unsaved.CANCEL;
        assertFalse(vm.applyQuickStart(QuickStart.LLAMA_8B_LORA_L40S).join());
        assertEquals(mine, planner.currentScenario().orElseThrow(), "cancel keeps the user's work");

        prompts.unsaved = Prompts.Unsaved.DISCARD;
        assertTrue(vm.applyQuickStart(QuickStart.LLAMA_8B_LORA_L40S).join());
        assertEquals("l40s-48gb", planner.currentScenario().orElseThrow().hardware().gpu().id());
        assertFalse(shell.document().isDirty(), "a new scenario from the quick start, nothing of it unsaved");
        assertEquals(Optional.empty(), shell.document().fileProperty().get(), "it belongs to no file");

        shell.undo();
        assertEquals(mine, planner.currentScenario().orElseThrow(), "one undo brings the user's inputs back");
    }
}
