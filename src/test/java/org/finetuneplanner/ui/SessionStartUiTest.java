package org.finetuneplanner.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Optional;

import javafx.stage.Stage;

import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window opens on the scenario of the last session exactly as it was saved, also when its GPU does not fit and
 * the plan's option for that GPU has more of them (the selected row must not replace the inputs by itself).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SessionStartUiTest {
    private final Workstation w = new Workstation();
    /** One RTX 4090 at 4k context: does not fit (the plan's option for that card is many of them). */
    private final Scenario saved = w.vm.defaultScenario()
            .withHardware(HardwareSpec.single(Fixtures.gpu("rtx-4090-24gb")))
            .withTraining(w.vm.defaultScenario().training().withSequenceLength(4096));

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        w.shell.document().begin(Optional.of(saved), Optional.empty(), List.of());
        w.show(stage);
    }

    @Test
    void theLastScenarioOpensAsItWasSavedAndUnmarked(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(saved, w.vm.currentScenario().orElseThrow());
        assertEquals(1, w.vm.inputs().gpuCountProperty().get());
        assertFalse(w.shell.document().isDirty());
        assertFalse(w.vm.history().canUndoProperty().getValue());
        assertEquals("Llama 3.1 8B, QLoRA r16 \u2014 Fine-Tune Planner", stage.getTitle());
    }
}
