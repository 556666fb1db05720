package org.finetuneplanner.ui;

import static org.finetuneplanner.ui.Workstation.decoration;
import static org.finetuneplanner.ui.Workstation.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.StatusBar;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.planner.Field;
import org.finetuneplanner.ui.planner.InputsViewModel;
import org.finetuneplanner.ui.planner.MemoryBar;
import org.finetuneplanner.ui.planner.OptionColumn;
import org.finetuneplanner.ui.planner.OptionRow;
import org.finetuneplanner.ui.planner.ResultsViewModel;
import org.finetuneplanner.ui.shell.Prompts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main paths through the real window: the real catalogs and core behind the real views. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class WorkstationUiTest {
    @TempDir
    Path dir;

    private final Workstation w = new Workstation();
    private final InputsViewModel in = w.vm.inputs();
    private final ResultsViewModel out = w.vm.results();

    @Start
    void start(Stage stage) {
        w.show(stage);
    }

    private MemoryBar bar(FxRobot robot) {
        return find(robot, "#selectedBar", MemoryBar.class);
    }

    @Test
    void movingTheBatchSliderGrowsTheActivationsInTheBar(FxRobot robot) {
        Slider slider = find(robot, "#batchSlider", Slider.class);
        double before = bar(robot).segmentWidth(MemoryComponent.ACTIVATIONS);
        long bytes = out.estimateProperty().getValue().memory().perGpu().activationsBytes();
        robot.interact(() -> slider.setValue(5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(32, in.microBatchProperty().get());
        assertEquals("32 sequences", find(robot, "#batchValue", Label.class).getText());
        assertTrue(out.estimateProperty().getValue().memory().perGpu().activationsBytes() > bytes);
        assertNotEquals(before, bar(robot).segmentWidth(MemoryComponent.ACTIVATIONS));
    }

    @Test
    void switchingFromLoraToQloraShrinksTheWeights(FxRobot robot) {
        robot.clickOn("#method-lora");
        long lora = out.estimateProperty().getValue().memory().perGpu().weightsBytes();
        robot.clickOn("#method-qlora");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FineTuneMethod.QLORA, in.methodProperty().get());
        long qlora = out.estimateProperty().getValue().memory().perGpu().weightsBytes();
        assertTrue(qlora < lora, qlora + " < " + lora);
        String legend = robot.lookup("#legend-weights").queryLabeled().getText();
        assertTrue(legend.startsWith("Weights"), legend);
        assertTrue(legend.endsWith(w.vm.formatsProperty().getValue().gib(qlora)), legend);
    }

    @Test
    void openingABadConfigPaintsTheErrorOnTheButton(FxRobot robot) throws IOException {
        w.dialogs.configFile = dir.resolve("config.json");
        Files.writeString(w.dialogs.configFile, "{\"model_type\": \"llama\", \"hidden_size\": 0}");
        String model = in.modelProperty().get().id();
        robot.clickOn("#openConfig");
        WaitForAsyncUtils.waitForFxEvents();
        String said = decoration(robot, find(robot, "#openConfig", Button.class)).orElseThrow();
        assertTrue(said.startsWith("Could not use config.json:"), said);
        assertEquals(model, in.modelProperty().get().id());
    }

    @Test
    void selectingARowMakesThatOptionTheOneShownEverywhere(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<OptionRow> table = find(robot, "#optionsTable", TableView.class);
        OptionRow target = table.getItems().stream().filter(r -> r.fits() && r.gpuId().startsWith("h100-sxm"))
                .findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(target));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(target.gpuId(), in.gpuProperty().get().id());
        assertEquals(target.gpuId(), table.getSelectionModel().getSelectedItem().gpuId());
        String caption = find(robot, "#memoryCaption", Label.class).getText();
        assertTrue(caption.startsWith(target.gpus() + " \u00d7 H100 SXM"), caption);
        assertEquals(target.gpuId(), bar(robot).dataProperty().get().gpuId());
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = find(robot, "#costChart", LineChart.class);
        long highlighted = chart.getData().stream().filter(s -> s.getNode().getPseudoClassStates()
                .contains(Styles.SELECTED)).count();
        assertEquals(1, highlighted);
    }

    @Test
    void fp8IsDisabledWithTheReasonOnAGpuWithoutIt(FxRobot robot) {
        ToggleButton fp8 = find(robot, "#precision-fp8", ToggleButton.class);
        assertFalse(fp8.isDisabled());
        robot.interact(() -> in.gpuProperty().set(Fixtures.gpu("a100-sxm-80gb")));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fp8.isDisabled());
        assertTrue(fp8.getTooltip().getText().contains("A100"), fp8.getTooltip().getText());
        Label reason = find(robot, "#fp8Reason", Label.class);
        assertTrue(reason.isVisible());
        assertTrue(reason.getText().contains("A100"), reason.getText());
    }

    @Test
    void choosingFp8AnywayMarksTheFieldAndTheResultsStale(FxRobot robot) {
        robot.interact(() -> in.gpuProperty().set(Fixtures.gpu("a100-sxm-80gb")));
        robot.interact(() -> in.precisionProperty().set(Precision.FP8));
        WaitForAsyncUtils.waitForFxEvents();
        String said = decoration(robot, find(robot, "#precision", SegmentedButton.class)).orElseThrow();
        assertTrue(said.contains("A100"), said);
        assertTrue(find(robot, "#staleBanner", Label.class).isVisible());
        assertFalse(find(robot, "#recommendation", Label.class).getText().isEmpty());
        assertEquals("Results stale: 1 input to fix", find(robot, "#resultsState", Label.class).getText());
    }

    @Test
    void theLanguageMenuSwitchesToVietnamese(FxRobot robot) {
        robot.clickOn("#viewMenu").clickOn("#languageMenu").clickOn("Tiếng Việt");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("vi", w.shell.localeProperty().get().getLanguage());
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        assertEquals("_Tệp", bar.getMenus().get(0).getText());
        assertTrue(find(robot, "#recommendation", Label.class).getText().startsWith("Huấn luyện"),
                find(robot, "#recommendation", Label.class).getText());
        assertEquals(Messages.forLocale(Locale.forLanguageTag("vi")).text("inputs.microBatch.value", 4),
                find(robot, "#batchValue", Label.class).getText());
    }

    @Test
    void saveAndOpenThroughTheKeyboardRestoreTheInputs(FxRobot robot) {
        w.dialogs.scenarioFile = dir.resolve("plan.json");
        robot.interact(() -> in.sequenceLengthProperty().set(8192));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.exists(w.dialogs.scenarioFile));
        assertFalse(w.shell.document().isDirty());
        robot.interact(() -> in.sequenceLengthProperty().set(512));
        // Open asks first about the unsaved change: Cancel keeps it, Don't save lets the file in.
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(512, in.sequenceLengthProperty().get());
        w.prompts.unsaved = Prompts.Unsaved.DISCARD;
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(8192, in.sequenceLengthProperty().get());
        assertEquals(13.0, find(robot, "#sequenceSlider", Slider.class).getValue(), 1e-9);
        assertEquals("Opened plan.json.", find(robot, "#status", StatusBar.class).getText());
    }

    @Test
    void typingBadTokensPaintsTheFieldKeepsTheTextAndMarksTheResultsStale(FxRobot robot) {
        TextField tokens = find(robot, "#tokensField", TextField.class);
        robot.interact(tokens::requestFocus);
        robot.interact(tokens::selectAll);
        robot.write("abc");
        WaitForAsyncUtils.waitForFxEvents();
        String said = decoration(robot, tokens).orElseThrow();
        assertEquals(in.errorProperty(Field.TOKENS).getValue(), said);
        assertTrue(said.contains("abc"), said);
        assertTrue(find(robot, "#staleBanner", Label.class).isVisible());
        assertEquals("abc", in.tokensTextProperty().get());
        robot.interact(() -> in.tokensTextProperty().set("50M"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(decoration(robot, tokens).isEmpty());
        assertFalse(tokens.getStyleClass().contains("error"));
    }

    @Test
    void theSequenceSliderMovesByPowersOfTwoFromTheKeyboard(FxRobot robot) {
        Slider slider = find(robot, "#sequenceSlider", Slider.class);
        robot.interact(slider::requestFocus);
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4096, in.sequenceLengthProperty().get());
        assertEquals("4,096 tokens", find(robot, "#sequenceValue", Label.class).getText());
    }

    @Test
    void theDarkThemeHasAnAccelerator(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(w.shell.darkThemeProperty().get());
    }

    @Test
    void sortingByCostPutsTheCheapestFirst(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<OptionRow> table = find(robot, "#optionsTable", TableView.class);
        robot.interact(() -> table.getSortOrder().setAll(table.getColumns().get(OptionColumn.COST.ordinal())));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table.getItems().get(0).cheapest(), table.getItems().get(0).gpuId());
    }

    @Test
    void parametersOnlyFromTheKeyboard(FxRobot robot) {
        robot.clickOn("#parametersField").write("7B").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(find(robot, "#modelSummary", Label.class).getText().endsWith("guessed from a parameter count"));
        assertEquals(7_000_000_000L, in.modelProperty().get().parameters().getAsLong());
    }
}
