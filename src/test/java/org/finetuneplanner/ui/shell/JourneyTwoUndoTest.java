package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.StringProperty;

import org.finetuneplanner.App;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.quickstart.QuickStart;
import org.finetuneplanner.service.quickstart.QuickStarts;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.EditHistory;
import org.finetuneplanner.ui.planner.InputsViewModel;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.junit.jupiter.api.Test;

/**
 * Journey 2 with the view-models, keystroke by keystroke as the window sends them: the session's first scenario, the
 * quick start "Llama 3.1 70B LoRA on 4 × H100" (80,000,000 tokens, 4,096 context), the job entered (QLoRA; "80M"
 * typed over "80000000"; the 4,096 context left), pinned, LoRA, pinned again, the comparison opened. Three changes
 * were made (the quick start, QLoRA, LoRA): three Ctrl+Z bring the first scenario back. Retyping "80M" made a fourth,
 * invisible step, so three went back to the quick start only.
 */
class JourneyTwoUndoTest {
    private static final QuickStarts QUICK_STARTS = new QuickStarts(new ScenarioJson(Fixtures.CATALOGS));

    private final PlannerViewModel planner = Fixtures.planner();
    private final InputsViewModel in = planner.inputs();
    private final EditHistory history = planner.history();
    private final ShellViewModel shell = new ShellViewModel(planner,
            App.scenarioFiles(new ScenarioJson(Fixtures.CATALOGS)), Optional.empty(), Optional.empty(),
            UiExecutors.direct(), FileDialogs.NONE, new FixedPrompts(), Optional.of(QUICK_STARTS::read));

    private Scenario now() {
        return planner.currentScenario().orElseThrow();
    }

    /** Select-all, then one character at a time, as a text field updates its text. */
    private static void type(StringProperty field, String text) {
        for (int i = 1; i <= text.length(); i++) {
            field.set(text.substring(0, i));
        }
    }

    @Test
    void threeUndosAfterTheJourneyReturnTheFirstScenario() {
        Scenario first = now();
        assertTrue(shell.presentation().applyQuickStart(QuickStart.LLAMA_70B_LORA_H100).join());
        Scenario quickStart = now();
        assertEquals("80000000", in.tokensTextProperty().get(), "the quick start's tokens, as the form shows them");
        assertEquals(4096, in.sequenceLengthProperty().get());

        in.methodProperty().set(FineTuneMethod.QLORA);
        Scenario job = now();
        type(in.tokensTextProperty(), "80M");
        history.seal();                         // Tab: the field is left
        assertEquals("80M", in.tokensTextProperty().get(), "the text stays as typed");
        assertEquals(job, now(), "the same job");
        assertEquals("_Undo: Method LoRA \u2192 QLoRA", history.undoTextProperty().getValue(),
                "retyping the same number is nothing to undo");
        assertTrue(shell.compare().pinCurrent().isPresent());
        in.methodProperty().set(FineTuneMethod.LORA);
        assertTrue(shell.compare().pinCurrent().isPresent());
        assertEquals(2, shell.compare().pins().size());

        List<String> undone = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            undone.add(history.undoTextProperty().getValue());
            history.undo();
            assertEquals(List.of(job, quickStart, first).get(i), now(), "after undo " + (i + 1));
        }
        assertEquals(List.of("_Undo: Method QLoRA \u2192 LoRA", "_Undo: Method LoRA \u2192 QLoRA",
                "_Undo: quick start Llama 3.1 70B, LoRA, 4\u00d7 H100"), undone);
        assertFalse(history.canUndoProperty().getValue(), "the first scenario is where the session began");
    }
}
