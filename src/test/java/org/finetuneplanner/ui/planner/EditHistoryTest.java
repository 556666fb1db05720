package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Messages;
import org.junit.jupiter.api.Test;

/**
 * Undo and redo of the inputs without a stage: what one step is (an edit with its companions, a batch, a gesture, a
 * run of typing), what undo puts back, and the words of the Edit menu. The form starts from the default scenario:
 * Llama 3.1 8B, QLoRA r16, micro-batch 4, accumulation 4, one L40S, 50,000,000 tokens, 3 epochs.
 */
class EditHistoryTest {
    private final PlannerViewModel planner = Fixtures.planner();
    private final InputsViewModel in = planner.inputs();
    private final EditHistory history = planner.history();

    private Scenario now() {
        return planner.currentScenario().orElseThrow();
    }

    private ModelSpec preset(String id) {
        return in.presets().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theFirstScenarioHasNothingToUndo() {
        assertFalse(history.canUndoProperty().getValue());
        assertFalse(history.canRedoProperty().getValue());
        assertEquals("_Undo", history.undoTextProperty().getValue());
        assertTrue(history.undo().isEmpty());
    }

    @Test
    void undoPutsTheLastChangeBackAndRedoMakesItAgain() {
        Scenario before = now();
        in.microBatchProperty().set(8);
        assertEquals("_Undo: Micro-batch 4 \u2192 8", history.undoTextProperty().getValue());
        history.undo();
        assertEquals(4, in.microBatchProperty().get());
        assertEquals(before, now());
        assertEquals("_Redo: Micro-batch 4 \u2192 8", history.redoTextProperty().getValue());
        history.redo();
        assertEquals(8, in.microBatchProperty().get());
        assertFalse(history.canRedoProperty().getValue());
    }

    @Test
    void undoAndRedoNeverRecordThemselvesAndANewEditForgetsTheRedo() {
        in.microBatchProperty().set(8);
        in.sequenceLengthProperty().set(4096);
        history.undo();
        history.undo();
        assertFalse(history.canUndoProperty().getValue(), "two edits, two undos, nothing left");
        history.redo();
        assertTrue(history.canRedoProperty().getValue());
        in.accumulationProperty().set(2);
        assertFalse(history.canRedoProperty().getValue());
        history.undo();
        history.undo();
        assertEquals(4, in.microBatchProperty().get());
        assertEquals(4, in.accumulationProperty().get());
    }

    @Test
    void aSliderDragIsOneStepNotOnePerTick() {
        history.beginGesture();
        for (int batch : new int[] {5, 6, 8, 11, 16, 32}) {
            in.microBatchProperty().set(batch);
        }
        assertFalse(history.canUndoProperty().getValue(), "nothing recorded while the thumb is held");
        history.endGesture();
        assertEquals("_Undo: Micro-batch 4 \u2192 32", history.undoTextProperty().getValue());
        history.undo();
        assertEquals(4, in.microBatchProperty().get());
        assertFalse(history.canUndoProperty().getValue());
    }

    @Test
    void aKeyPressedWhileTheThumbIsHeldUndoesWhatTheDragChangedSoFar() {
        history.beginGesture();
        in.microBatchProperty().set(16);
        history.undo();
        assertEquals(4, in.microBatchProperty().get());
        history.endGesture();
        assertFalse(history.canUndoProperty().getValue());
    }

    @Test
    void aMethodChangeAndTheCompanionsItBringsAreOneStep() {
        in.methodProperty().set(FineTuneMethod.LORA);
        assertEquals(WeightStorage.BF16, in.baseWeightsProperty().get());
        assertEquals("Llama 3.1 8B, LoRA r16", in.scenarioNameProperty().get());
        assertEquals("_Undo: Method QLoRA \u2192 LoRA", history.undoTextProperty().getValue());
        history.undo();
        assertEquals(FineTuneMethod.QLORA, in.methodProperty().get());
        assertEquals(WeightStorage.NF4, in.baseWeightsProperty().get());
        assertEquals("Llama 3.1 8B, QLoRA r16", in.scenarioNameProperty().get());
        assertFalse(history.canUndoProperty().getValue());
    }

    @Test
    void typingIntoOneFieldIsOneStepAndAnotherFieldStartsAnother() {
        in.tokensTextProperty().set("4");
        in.tokensTextProperty().set("40");
        in.tokensTextProperty().set("40M");
        in.epochsTextProperty().set("2");
        history.undo();
        assertEquals("3", in.epochsTextProperty().get());
        assertEquals("40M", in.tokensTextProperty().get());
        assertEquals("_Undo: Dataset tokens (one epoch) \u201c50000000\u201d \u2192 \u201c40M\u201d",
                history.undoTextProperty().getValue());
        history.undo();
        assertEquals("50000000", in.tokensTextProperty().get());
        assertFalse(history.canUndoProperty().getValue());
    }

    /** "50M" typed over "50000000" (the default's tokens), one character at a time or pasted: the same value. */
    @Test
    void anotherTextForTheSameValueIsNoStep() {
        in.tokensTextProperty().set("5");
        in.tokensTextProperty().set("50");
        in.tokensTextProperty().set("50M");
        assertFalse(history.canUndoProperty().getValue(), "50M is 50,000,000: nothing changed");
        in.epochsTextProperty().set("3.0");
        assertFalse(history.canUndoProperty().getValue(), "3.0 epochs are 3");
        assertEquals("50M", in.tokensTextProperty().get());
        assertEquals("3.0", in.epochsTextProperty().get());
        in.microBatchProperty().set(8);
        history.undo();
        assertEquals("50M", in.tokensTextProperty().get(), "undo puts back the text as the user left it");
        assertFalse(history.canUndoProperty().getValue());
    }

    /** Leaving the field (or Enter) commits the edit: typing there again is another step. */
    @Test
    void aCommittedEditIsOneStepAndTypingAgainStartsAnother() {
        in.tokensTextProperty().set("4");
        in.tokensTextProperty().set("40");
        history.seal();
        in.tokensTextProperty().set("40M");
        history.undo();
        assertEquals("40", in.tokensTextProperty().get());
        history.undo();
        assertEquals("50000000", in.tokensTextProperty().get());
        assertFalse(history.canUndoProperty().getValue());
    }

    @Test
    void anInvalidValueIsUndoneLikeAnyOther() {
        in.tokensTextProperty().set("abc");
        assertTrue(planner.stale());
        history.undo();
        assertFalse(planner.stale());
        assertEquals("50000000", in.tokensTextProperty().get());
    }

    @Test
    void aWholeScenarioPutInIsOneStep() {
        Scenario first = now();
        Scenario other = first.withName("Other").withMethod(first.method().withType(FineTuneMethod.FULL))
                .withTraining(first.training().withMicroBatchSize(1).withSequenceLength(8192));
        in.applyScenario(other);
        assertEquals(FineTuneMethod.FULL, in.methodProperty().get());
        assertEquals("Other", in.scenarioNameProperty().get());
        history.undo();
        assertEquals(first, now());
        assertFalse(history.canUndoProperty().getValue());
    }

    @Test
    void theSameGpusWithAnotherShardingSayTheChangesWereApplied() {
        // 1 × L40S with FSDP: the plan's option for one L40S shards nothing, so using it changes the sharding only.
        in.shardingProperty().set(Sharding.FSDP);
        Scenario first = now();
        planner.results().selectOption(first.hardware().gpu().id());
        assertEquals(Sharding.NONE, in.shardingProperty().get());
        String notice = planner.noticeProperty().get().words(planner.messagesProperty().get());
        assertEquals("The changes for 1 \u00d7 L40S 48GB are now your settings; Ctrl+Z brings the previous ones back.",
                notice);
    }

    @Test
    void pickingAnotherOptionIsOneStepThatSaysWhatItReplaced() {
        Scenario first = now();
        OptionRow other = planner.results().optionRowsProperty().getValue().stream()
                .filter(r -> r.fits() && !r.gpuId().equals(first.hardware().gpu().id())).findFirst().orElseThrow();
        planner.results().selectOption(other.gpuId());
        assertEquals(other.gpuId(), in.gpuProperty().get().id());
        String words = history.undoTextProperty().getValue();
        assertTrue(words.startsWith("_Undo: use " + other.gpus() + " \u00d7 "), words);
        String notice = planner.noticeProperty().get().words(planner.messagesProperty().get());
        assertTrue(notice.startsWith("Now planning on " + other.gpus() + " \u00d7 "), notice);
        assertTrue(notice.endsWith(" instead of 1 \u00d7 L40S 48GB; Ctrl+Z brings 1 \u00d7 L40S 48GB back."), notice);
        history.undo();
        assertEquals(first, now());
    }

    /** Journey 2 step 5: three changes, three undos, and the first scenario is back exactly. */
    @Test
    void undoingTheLastThreeChangesReturnsTheFirstScenario() {
        Scenario first = now();
        in.methodProperty().set(FineTuneMethod.LORA);
        in.gpuCountProperty().set(2);
        in.sequenceLengthProperty().set(8192);
        assertNotEquals(first, now());
        for (int i = 0; i < 3; i++) {
            history.undo();
        }
        assertEquals(first, now());
    }

    @Test
    void theMenuWordsFollowTheLanguage() {
        in.microBatchProperty().set(8);
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertEquals("_Ho\u00e0n t\u00e1c: Micro-batch 4 \u2192 8", history.undoTextProperty().getValue());
        history.undo();
        assertEquals("_L\u00e0m l\u1ea1i: Micro-batch 4 \u2192 8", history.redoTextProperty().getValue());
    }

    @Test
    void anUnderscoreInTheWordsIsNoMnemonic() {
        in.scenarioNameProperty().set("plan_b");
        assertEquals("_Undo: Scenario name \u201cLlama 3.1 8B, QLoRA r16\u201d \u2192 \u201cplan__b\u201d",
                history.undoTextProperty().getValue());
    }

    @Test
    void theNameFollowsTheModelAndMethodUntilOneIsTyped() {
        in.modelProperty().set(preset("llama-3.1-70b"));
        assertEquals("Llama 3.1 70B, QLoRA r16", in.scenarioNameProperty().get());
        in.loraRankProperty().set(64);
        assertEquals("Llama 3.1 70B, QLoRA r64", in.scenarioNameProperty().get());
        in.methodProperty().set(FineTuneMethod.FULL);
        assertEquals("Llama 3.1 70B, full fine-tuning", in.scenarioNameProperty().get());
        in.scenarioNameProperty().set("Contracts for ACME");
        in.modelProperty().set(preset("llama-3.1-8b"));
        assertEquals("Contracts for ACME", in.scenarioNameProperty().get());
        // Cleared, it is made again from the next change.
        in.scenarioNameProperty().set("");
        in.methodProperty().set(FineTuneMethod.LORA);
        assertEquals("Llama 3.1 8B, LoRA r64", in.scenarioNameProperty().get());
    }

    /** A name the user typed is theirs even when it reads as the automatic one (they typed it to keep it). */
    @Test
    void aTypedNameStaysEvenWhenItReadsAsTheAutomaticOne() {
        String automatic = in.scenarioNameProperty().get();
        assertEquals("Llama 3.1 8B, QLoRA r16", automatic);
        in.scenarioNameProperty().set("");
        for (int i = 1; i <= automatic.length(); i++) {
            in.scenarioNameProperty().set(automatic.substring(0, i));
        }
        in.methodProperty().set(FineTuneMethod.LORA);
        assertEquals(automatic, in.scenarioNameProperty().get());
        in.modelProperty().set(preset("llama-3.1-70b"));
        assertEquals(automatic, in.scenarioNameProperty().get());
    }

    @Test
    void aNameMadeInAnotherLanguageStillFollows() {
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        in.methodProperty().set(FineTuneMethod.FULL);
        assertEquals("Llama 3.1 8B, tinh ch\u1ec9nh to\u00e0n b\u1ed9", in.scenarioNameProperty().get());
        planner.messagesProperty().set(Messages.forLocale(Locale.ENGLISH));
        in.methodProperty().set(FineTuneMethod.LORA);
        assertEquals("Llama 3.1 8B, LoRA r16", in.scenarioNameProperty().get());
    }
}
