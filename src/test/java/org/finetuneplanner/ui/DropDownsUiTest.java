package org.finetuneplanner.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.core.scenario.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The form's combo boxes keep their drop-down lists out of the scene until first opened (ui.common.DropDowns): a
 * box opened for the first time must still show every choice styled and whole, and pick with the keyboard.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DropDownsUiTest {
    private final Workstation w = new Workstation();

    @Start
    void start(Stage stage) {
        w.show(stage);
    }

    @Test
    void aListJoinsTheSceneOnlyWhenItsBoxFirstOpens(FxRobot robot) {
        ComboBox<?> box = robot.lookup("#optimizerBox").queryAs(ComboBox.class);
        // Before: no list anywhere in the window (JavaFX's skin would keep one, unmanaged, under each box).
        AtomicReference<List<ListView<?>>> before = new AtomicReference<>();
        robot.interact(() -> before.set(lists(box.getScene().getRoot())));
        assertTrue(before.get().stream().noneMatch(l -> l.getParent() == box || l.getItems() == box.getItems()),
                "the optimizer's list is in the form before it was opened");
        // Nor any other box's: the GPUs, the enums, the model search's and the target modules' inner boxes.
        assertEquals(List.of(), before.get().stream().filter(l -> l.getParent() instanceof ComboBox).toList());

        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<ListView<?>> open = new AtomicReference<>();
        robot.interact(() -> open.set(robot.lookup(".combo-box-popup .list-view").queryAs(ListView.class)));
        assertNotNull(open.get(), "the optimizer's box opened no list");
        ListView<?> list = open.get();
        assertTrue(box.isShowing());
        // Styled in the popup as JavaFX styles it: its skin made, one cell per choice, each text whole (a cell
        // shorter than its text would end in an ellipsis).
        AtomicReference<List<ListCell<?>>> cells = new AtomicReference<>();
        robot.interact(() -> cells.set(list.lookupAll(".list-cell").stream().<ListCell<?>>map(n -> (ListCell<?>) n)
                .filter(c -> !c.isEmpty() && c.isVisible()).toList()));
        assertNotNull(list.getSkin());
        assertEquals(Optimizer.values().length, cells.get().size());
        for (ListCell<?> c : cells.get()) {
            assertTrue(c.getText() != null && !c.getText().isBlank());
            Node text = c.lookup(".text");
            assertTrue(text.getLayoutBounds().getWidth() <= c.getWidth(), c.getText() + " is cut in the list");
        }
        assertTrue(list.getWidth() >= box.getWidth() - 1, "the list is narrower than its box");

        // The keyboard picks in the open list, as before.
        Object chosen = box.getValue();
        int at = box.getItems().indexOf(chosen);
        robot.type(at + 1 < box.getItems().size() ? KeyCode.DOWN : KeyCode.UP);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!box.isShowing());
        assertEquals(box.getItems().get(at + 1 < box.getItems().size() ? at + 1 : at - 1), box.getValue());

        // Opened again: the same list, still styled.
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<ListView<?>> again = new AtomicReference<>();
        robot.interact(() -> again.set(robot.lookup(".combo-box-popup .list-view").queryAs(ListView.class)));
        assertTrue(again.get() == list);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(robot.lookup(".combo-box-popup").tryQuery().filter(Node::isVisible).orElse(null));
    }

    private static List<ListView<?>> lists(Node root) {
        return root.lookupAll(".list-view").stream().filter(ListView.class::isInstance)
                .<ListView<?>>map(n -> (ListView<?>) n).toList();
    }
}
