package org.finetuneplanner.ui;

import static org.finetuneplanner.ui.Workstation.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.PopOver;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.ui.planner.InputsViewModel;
import org.finetuneplanner.ui.planner.MemoryBar;
import org.finetuneplanner.ui.shell.Notices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The ControlsFX controls of the planner driven as a user drives them: keyboard first. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ControlsUiTest {
    private final Workstation w = new Workstation();
    private final InputsViewModel in = w.vm.inputs();

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        w.show(stage);
    }

    @Test
    void aWrittenReportIsAnnouncedWithAnActionThatOpensIt(FxRobot robot) {
        AtomicReference<Path> opened = new AtomicReference<>();
        Path report = Path.of("reports", "plan.pdf").toAbsolutePath();
        robot.interact(() -> new Notices(() -> stage, w.vm.messagesProperty(), opened::set).reportWritten(report));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> "Report written".equals(l.getText())));
        robot.clickOn(robot.lookup(".button").match((Button b) -> "Open".equals(b.getText())).queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(report, opened.get());
    }

    @Test
    void typingWordsOfAPresetFindsItAndEnterPicksIt(FxRobot robot) {
        robot.clickOn("#modelBox");
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("llama 3.1 70b");
        WaitForAsyncUtils.waitForFxEvents();
        // While the words are typed the model stays the one chosen: the results do not turn stale.
        assertEquals("llama-3.1-8b", in.modelProperty().get().id());
        assertFalse(w.vm.stale());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("llama-3.1-70b", in.modelProperty().get().id());
        // The results follow the new model: its 80 layers in the summary line.
        assertTrue(find(robot, "#modelSummary", Label.class).getText().contains("80 layers"),
                find(robot, "#modelSummary", Label.class).getText());
    }

    @Test
    void targetModulesToggleInTheCheckListAndAllLinearRestoresThemInOneClick(FxRobot robot) {
        @SuppressWarnings("unchecked")
        CheckComboBox<LoraTarget> targets = find(robot, "#targets", CheckComboBox.class);
        assertTrue(targets.getCheckModel().isChecked(LoraTarget.Q));
        robot.clickOn("#targets");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(item(robot, "q"));
        robot.clickOn(item(robot, "k"));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(in.targetProperty(LoraTarget.Q).get());
        assertFalse(in.targetProperty(LoraTarget.K).get());
        assertFalse(w.vm.currentScenario().orElseThrow().method().targets().contains(LoraTarget.Q));
        robot.clickOn("#allLinear");
        WaitForAsyncUtils.waitForFxEvents();
        Set<LoraTarget> checked = EnumSet.copyOf(targets.getCheckModel().getCheckedItems());
        assertEquals(MethodSpec.allLinear(), checked);
        assertEquals(MethodSpec.allLinear(), w.vm.currentScenario().orElseThrow().method().targets());
    }

    private static ListCell<?> item(FxRobot robot, String text) {
        return robot.lookup(".list-cell").match((ListCell<?> c) -> text.equals(c.getText()) && c.isVisible())
                .queryAs(ListCell.class);
    }

    @Test
    void theMethodSwitchesByClickAndByKeyboard(FxRobot robot) {
        robot.clickOn("#method-full");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FineTuneMethod.FULL, in.methodProperty().get());
        assertTrue(find(robot, "#method-full", ToggleButton.class).isSelected());
        // A click on the chosen segment keeps it: there is always one method.
        robot.clickOn("#method-full");
        assertEquals(FineTuneMethod.FULL, in.methodProperty().get());
        ToggleButton lora = find(robot, "#method-lora", ToggleButton.class);
        robot.interact(lora::requestFocus);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FineTuneMethod.LORA, in.methodProperty().get());
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        ToggleButton qlora = find(robot, "#method-qlora", ToggleButton.class);
        if (!qlora.isSelected()) {
            robot.type(KeyCode.SPACE);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FineTuneMethod.QLORA, in.methodProperty().get());
        assertTrue(qlora.isFocused());
    }

    @Test
    void theExplanationOpensAtItsPartFromTheKeyboardAndEscapeClosesIt(FxRobot robot) {
        ToggleButton activations = find(robot, "#legend-activations", ToggleButton.class);
        robot.interact(activations::requestFocus);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MemoryComponent.ACTIVATIONS, w.vm.results().selectedComponentProperty().get());
        PopOver pop = robot.lookup("#explanationTitle").queryAs(Label.class).getScene().getWindow()
                instanceof PopOver p ? p : null;
        assertTrue(pop != null && pop.isShowing());
        assertEquals("How Activations is computed", find(robot, "#explanationTitle", Label.class).getText());
        assertTrue(robot.lookup("#explanation .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("Formula: ")));
        robot.type(KeyCode.ESCAPE);
        closes(pop);
        // Enter opens another part's explanation the same way.
        ToggleButton weights = find(robot, "#legend-weights", ToggleButton.class);
        robot.interact(weights::requestFocus);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pop.isShowing());
        assertEquals("How Weights is computed", find(robot, "#explanationTitle", Label.class).getText());
        robot.type(KeyCode.ESCAPE);
        closes(pop);
    }

    /** The pop-over fades out: it closes within a second, not at once. */
    private static void closes(PopOver pop) {
        try {
            WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> !pop.isShowing());
        } catch (TimeoutException e) {
            throw new AssertionError("the explanation did not close", e);
        }
    }

    @Test
    void clickingAPartOfTheBarExplainsItWhereItWasClicked(FxRobot robot) {
        robot.clickOn(find(robot, "#selectedBar", MemoryBar.class).segment(MemoryComponent.WEIGHTS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MemoryComponent.WEIGHTS, w.vm.results().selectedComponentProperty().get());
        assertEquals("How Weights is computed", find(robot, "#explanationTitle", Label.class).getText());
        robot.type(KeyCode.ESCAPE);
        robot.clickOn("#legend-activations");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MemoryComponent.ACTIVATIONS, w.vm.results().selectedComponentProperty().get());
        assertTrue(robot.lookup("#explanation .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("Formula: ")));
        robot.type(KeyCode.ESCAPE);
    }
}
