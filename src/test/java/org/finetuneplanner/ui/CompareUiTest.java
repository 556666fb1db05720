package org.finetuneplanner.ui;

import static org.finetuneplanner.ui.Workstation.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;

import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.ui.compare.CompareView;
import org.finetuneplanner.ui.planner.MemoryBar;
import org.finetuneplanner.ui.planner.PlannerView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Journey 2, steps 3–4 in the real window: pin QLoRA, change to LoRA, pin again, open the comparison. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CompareUiTest {
    private final Workstation w = new Workstation();

    @Start
    void start(Stage stage) {
        w.show(stage);
    }

    private BorderPane shell(FxRobot robot) {
        return robot.lookup(".shell").queryAs(BorderPane.class);
    }

    /** Pins QLoRA and LoRA of the default scenario with the keyboard, then opens the comparison. */
    private void pinTwo(FxRobot robot) {
        robot.interact(() -> w.vm.inputs().scenarioNameProperty().set("8B QLoRA"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        robot.interact(() -> {
            w.vm.inputs().scenarioNameProperty().set("8B LoRA");
            w.vm.inputs().methodProperty().set(FineTuneMethod.LORA);
        });
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void twoPinnedScenariosShowSideBySideAndEscReturnsToThePlanner(FxRobot robot) {
        pinTwo(robot);
        assertEquals(2, w.shell.compare().pins().size());
        assertTrue(shell(robot).getCenter() instanceof CompareView, "the comparison takes the planner's place");
        assertEquals("2 of 4 pinned", find(robot, "#pinCount", Label.class).getText());

        GridPane table = robot.lookup(".compare-table").queryAs(GridPane.class);
        List<String> cells = robot.from(table).lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(cells.containsAll(List.of("A", "B", "8B QLoRA", "8B LoRA", "Method",
                "QLoRA, rank 16, base weights NF4 (4-bit)", "LoRA, rank 16, base weights BF16")), cells.toString());
        long tinted = table.getChildren().stream().filter(n -> n.getStyleClass().contains("compare-differs")).count();
        assertEquals(3, tinted, "the method row: its label and two values");
        assertTrue(robot.lookup(".compare-difference").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("\u2022 Method — A: QLoRA")));

        // Both bars on one scale: the same span, so a bar's parts are drawn at the same bytes per pixel.
        List<MemoryBar> bars = robot.lookup(".compare-bar").queryAllAs(MemoryBar.class).stream().toList();
        assertEquals(2, bars.size());
        long span = w.shell.compare().spanBytesProperty().getValue();
        bars.forEach(b -> assertEquals(span, b.spanProperty().get()));

        LineChart<?, ?> chart = find(robot, "#compareCostChart", LineChart.class);
        assertEquals(2, chart.getData().size());
        assertTrue(chart.getData().get(1).getNode().getStyleClass().contains("slot-1"));
        assertEquals(List.of("A", "B"), robot.lookup(".curve-end").queryAllAs(Label.class).stream()
                .map(Label::getText).sorted().toList());

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shell(robot).getCenter() instanceof PlannerView);
        assertFalse(w.shell.compare().shownProperty().get());
    }

    @Test
    void theLabelsColumnGrowsWithTheZoom(FxRobot robot) {
        // Two steps of the zoom: 1.0 → 1.1 → 1.25, the root font 13 px × 1.25 = 16.25 px.
        for (int i = 0; i < 2; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        }
        pinTwo(robot);
        Label method = robot.lookup(".compare-label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("Method")).findFirst().orElseThrow();
        assertEquals(16.25, method.getFont().getSize(), 1e-9);
        // The column's preferred width is 16 em: 16 × 16.25 = 260 px, room enough in the 1,200 px window (two pins
        // take at least 120 px each); it was 210 px whatever the zoom, and a zoomed label broke inside its words.
        assertEquals(260, method.getWidth(), 0.5);
    }

    @Test
    void unpinningAColumnLeavesOneAndSaysWhatToDo(FxRobot robot) {
        pinTwo(robot);
        robot.clickOn("#unpin-A");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("B"), w.shell.compare().pins().stream().map(p -> p.letter()).toList());
        Label empty = find(robot, "#compareEmpty", Label.class);
        assertTrue(empty.isVisible());
        assertEquals("One scenario is pinned: pin one more to compare.", empty.getText());
        assertFalse(robot.lookup("#compareTableCard").query().isVisible());
        assertTrue(find(robot, "#exportComparisonButton", Button.class).isDisabled());
        // The pin button of the view pins the planner's current scenario again, as A.
        robot.interact(() -> w.vm.inputs().methodProperty().set(FineTuneMethod.FULL));
        robot.clickOn("#pinButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("A", "B"), w.shell.compare().pins().stream().map(p -> p.letter()).toList());
        Node card = robot.lookup("#compareTableCard").query();
        assertTrue(card.isVisible());
        assertSame(FineTuneMethod.FULL, w.shell.compare().pins().get(0).scenario().method().type());
    }

    @Test
    void theComparisonSpeaksVietnamese(FxRobot robot) {
        pinTwo(robot);
        robot.interact(() -> w.shell.localeProperty().set(java.util.Locale.forLanguageTag("vi")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Đã ghim 2/4", find(robot, "#pinCount", Label.class).getText());
        GridPane table = robot.lookup(".compare-table").queryAs(GridPane.class);
        List<String> cells = robot.from(table).lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(cells.containsAll(List.of("Mô hình", "Phương pháp", "Trạng thái bộ nhớ", "vừa")), cells.toString());
        assertEquals("_Quay lại lập kế hoạch", find(robot, "#backToPlanner", Button.class).getText());
    }
}
