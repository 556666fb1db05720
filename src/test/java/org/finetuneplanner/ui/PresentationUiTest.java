package org.finetuneplanner.ui;

import static org.finetuneplanner.ui.Workstation.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.ui.planner.InputsView;
import org.finetuneplanner.ui.planner.MemoryBar;
import org.finetuneplanner.ui.shell.PresentationViewModel;
import org.finetuneplanner.ui.shell.ZoomViewModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Presentation mode and the zoom in the real window, by keyboard: F11, Esc, Ctrl +, Ctrl −, Ctrl 0. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PresentationUiTest {
    private final Workstation w = new Workstation();
    private final PresentationViewModel presentation = w.shell.presentation();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        w.show(stage);
    }

    private static void keys(FxRobot robot, KeyCode... codes) {
        robot.press(codes);
        for (int i = codes.length - 1; i >= 0; i--) {
            robot.release(codes[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void ctrlPlusMinusAndZeroScaleTextAndBarsStepByStep(FxRobot robot) {
        Label title = robot.lookup(".section-title").queryAs(Label.class);
        MemoryBar bar = find(robot, "#selectedBar", MemoryBar.class);
        double font = title.getFont().getSize();
        double height = bar.getHeight();

        keys(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        assertEquals(1.1, presentation.zoom().getFactor(), 1e-9, "one step per key press");
        assertEquals(font * 1.1, title.getFont().getSize(), 0.05);
        assertEquals(height * 1.1, bar.getHeight(), 1.0);
        assertEquals("Zoom 110%.", find(robot, "#status", org.controlsfx.control.StatusBar.class).getText());

        keys(robot, KeyCode.CONTROL, KeyCode.MINUS);
        keys(robot, KeyCode.CONTROL, KeyCode.MINUS);
        assertEquals(0.9, presentation.zoom().getFactor(), 1e-9);
        assertEquals(font * 0.9, title.getFont().getSize(), 0.05);

        keys(robot, KeyCode.CONTROL, KeyCode.DIGIT0);
        assertEquals(1.0, presentation.zoom().getFactor(), 1e-9);
        assertEquals(font, title.getFont().getSize(), 1e-9);
        assertEquals(height, bar.getHeight(), 1e-9);
    }
}
