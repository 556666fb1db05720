package org.finetuneplanner.ui;

import static org.finetuneplanner.ui.Workstation.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.ui.planner.InputsViewModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The parallel layout typed into the form's spinners, and the memory card following it (journey 3, step 1). */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LayoutUiTest {
    private static final Pattern GIB = Pattern.compile("([0-9][0-9,]*\\.[0-9])[\\s\\u00a0]*GiB");

    private final Workstation w = new Workstation();
    private final InputsViewModel in = w.vm.inputs();

    @Start
    void start(Stage stage) {
        w.show(stage);
    }

    /** Types {@code text} into a spinner with the keyboard (select all, type, Tab commits it). */
    private static void type(FxRobot robot, String id, String text) {
        Spinner<?> spinner = find(robot, id, Spinner.class);
        robot.interact(() -> {
            spinner.getEditor().requestFocus();
            spinner.getEditor().selectAll();
        });
        robot.write(text).type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The GiB figure of the memory card's weights entry ("Weights 131.4 GiB" → 131.4). */
    private static double weightsGib(FxRobot robot) {
        String text = find(robot, "#legend-weights", ToggleButton.class).getText();
        Matcher m = GIB.matcher(text);
        assertTrue(m.find(), text);
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    @Test
    void tensorFourTimesPipelineTwoOnEightH100sShrinksTheWeightsOnTheCardEightfold(FxRobot robot) {
        TitledPane pane = find(robot, "#layoutPane", TitledPane.class);
        assertFalse(pane.isExpanded(), "folded while the layout does not matter");
        // Folded, its inputs are not made yet (the start does not style five spinners nobody sees).
        assertTrue(robot.lookup("#tensorParallelSpinner").tryQuery().isEmpty());
        robot.interact(() -> {
            in.modelProperty().set(in.presets().stream().filter(m -> m.id().equals("llama-3.1-70b")).findFirst()
                    .orElseThrow());
            in.methodProperty().set(FineTuneMethod.FULL);
            in.precisionProperty().set(Precision.BF16);
            in.sequenceLengthProperty().set(4096);
            in.gpuProperty().set(Fixtures.gpu("h100-sxm-80gb"));
            in.gpuCountProperty().set(8);
            in.shardingProperty().set(Sharding.NONE);
            in.frameworkProperty().set(Framework.MEGATRON);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.isExpanded(), "the Megatron framework opens the layout");
        // Without a layout every GPU holds all 70,553,706,496 parameters of Llama 3.1 70B in BF16:
        // 2 × 70,553,706,496 = 141,107,412,992 B = 131.42 GiB.
        assertEquals(131.4, weightsGib(robot), 1e-9);

        type(robot, "#tensorParallelSpinner", "4");
        type(robot, "#pipelineParallelSpinner", "2");
        assertEquals(4, in.layout().tensorProperty().get());
        assertEquals(2, in.layout().pipelineProperty().get());
        // TP 4 × PP 2 (ParameterCounter.perRank): 40 of the 80 blocks per stage, a quarter of each linear
        // (0.5 × 68,451,041,280 / 4 = 8,556,380,160), one embedding table over TP (128,256 × 8,192 / 4 = 262,668,288)
        // and half the norms (659,456): 8,819,707,904 parameters, × 2 B = 17,639,415,808 B = 16.43 GiB, 1/8.0 of it.
        assertEquals(16.4, weightsGib(robot), 1e-9);
        assertEquals("8 GPUs = TP 4 \u00d7 PP 2 \u00d7 CP 1 \u00d7 1 data-parallel",
                find(robot, "#layoutValue", Label.class).getText());
        assertTrue(find(robot, "#memoryCaption", Label.class).getText().contains("(TP 4 \u00d7 PP 2 \u00d7 CP 1)"),
                find(robot, "#memoryCaption", Label.class).getText());

        // 12 GPUs are no multiple of TP·PP·CP = 8: the count says so and the card keeps the last good figure.
        type(robot, "#gpuCountSpinner", "12");
        assertTrue(find(robot, "#gpuCountSpinner", Spinner.class).getParent().getChildrenUnmodifiable().stream()
                .anyMatch(n -> n instanceof Label l && l.getText().startsWith("Not a valid combination: GPU count "
                        + "must be a multiple of Tensor (TP)")), "the error line under the GPU count");
        assertEquals(16.4, weightsGib(robot), 1e-9);
        assertTrue(w.vm.stale());
    }
}
