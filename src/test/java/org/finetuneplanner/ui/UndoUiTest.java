package org.finetuneplanner.ui;

import static org.finetuneplanner.ui.Workstation.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.finetuneplanner.ui.planner.EditHistory;
import org.finetuneplanner.ui.planner.InputsViewModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Undo and redo from the keyboard in the real window, the Edit menu's words, and the title's unsaved mark. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class UndoUiTest {
    private final Workstation w = new Workstation();
    private final InputsViewModel in = w.vm.inputs();
    private final EditHistory history = w.vm.history();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        w.show(stage);
    }

    private static void chord(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean marked() {
        return stage.getTitle().startsWith("\u2022 ");
    }

    @Test
    void ctrlZAndCtrlShiftZTakeBackAndRedoAChangeAndTheTitleMarkFollows(FxRobot robot) {
        assertEquals("Llama 3.1 8B, QLoRA r16 \u2014 Fine-Tune Planner", stage.getTitle());
        Slider batch = find(robot, "#batchSlider", Slider.class);
        robot.interact(batch::requestFocus);
        robot.type(KeyCode.RIGHT);
        assertEquals(8, in.microBatchProperty().get());
        assertTrue(marked(), stage.getTitle());

        chord(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(4, in.microBatchProperty().get());
        assertEquals(2.0, batch.getValue(), 1e-9, "the slider shows the undone value");
        assertFalse(marked(), "back to the inputs the window started with: " + stage.getTitle());

        chord(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(8, in.microBatchProperty().get());
        assertTrue(marked());
        chord(robot, KeyCode.CONTROL, KeyCode.Z);
        chord(robot, KeyCode.CONTROL, KeyCode.Y);
        assertEquals(8, in.microBatchProperty().get(), "Ctrl+Y redoes too");
        assertEquals("Redone: Micro-batch 4 \u2192 8.", w.shell.statusProperty().getValue());
    }

    @Test
    void ctrlZInATextFieldTakesBackTheFormsStepNotACharacter(FxRobot robot) {
        TextField tokens = find(robot, "#tokensField", TextField.class);
        robot.interact(() -> {
            tokens.requestFocus();
            tokens.selectAll();
        });
        robot.write("40M");
        assertEquals("40M", in.tokensTextProperty().get());
        chord(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals("50000000", tokens.getText());
        assertFalse(history.canUndoProperty().getValue(), "the typing was one step");
        assertTrue(tokens.isFocused());
    }

    @Test
    void aSliderDraggedWithTheMouseIsOneStep(FxRobot robot) {
        Node thumb = find(robot, "#batchSlider", Slider.class).lookup(".thumb");
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(60, 0).moveBy(60, 0).moveBy(60, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int dragged = in.microBatchProperty().get();
        assertNotEquals(4, dragged);
        assertEquals(Integer.bitCount(dragged), 1, "the thumb snapped to a power of two: " + dragged);
        chord(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(4, in.microBatchProperty().get());
        assertFalse(history.canUndoProperty().getValue(), "the whole drag was one step");
    }

    @Test
    void theEditMenuSaysWhatUndoWillTakeBack(FxRobot robot) {
        robot.interact(() -> in.sequenceLengthProperty().set(4096));
        MenuItem undo = Workstation.menuItem(robot, "#undo");
        assertEquals("_Undo: Sequence length 2,048 \u2192 4,096", undo.getText());
        robot.clickOn("#editMenu").clickOn("#undo");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2048, in.sequenceLengthProperty().get());
        assertEquals("Undone: Sequence length 2,048 \u2192 4,096.", w.shell.statusProperty().getValue());
    }
}
