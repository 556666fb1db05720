package org.finetuneplanner.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.finetuneplanner.ui.common.Messages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Explanations made on hover (ui.common.Tips): the words are there at once, the tooltip when the pointer comes. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class TipsUiTest {
    private final Workstation w = new Workstation();

    @Start
    void start(Stage stage) {
        w.show(stage);
    }

    @Test
    void aFieldSaysItsHelpAtOnceAndShowsItsTooltipOnHover(FxRobot robot) throws TimeoutException {
        TextField name = robot.lookup("#scenarioName").queryAs(TextField.class);
        String help = Messages.forLocale(Locale.ENGLISH).text("inputs.scenarioName.tip");
        // Before any pointer: no tooltip made, the words are the field's accessible help (what a screen reader says).
        assertNull(name.getTooltip());
        assertEquals(help, name.getAccessibleHelp());
        assertFalse(help.isBlank());

        robot.moveTo(name);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(name.getTooltip(), "no tooltip after the pointer entered the field");
        assertEquals(help, name.getTooltip().getText());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> name.getTooltip().isShowing());

        // The words follow the language, the tooltip's and the help's alike.
        robot.interact(() -> w.vm.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi"))));
        String vi = Messages.forLocale(Locale.forLanguageTag("vi")).text("inputs.scenarioName.tip");
        assertTrue(!vi.equals(help));
        assertEquals(vi, name.getTooltip().getText());
        assertEquals(vi, name.getAccessibleHelp());
    }
}
