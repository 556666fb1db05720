package org.finetuneplanner.ui;

import static org.finetuneplanner.ui.Workstation.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

import org.controlsfx.control.StatusBar;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.planner.MemoryBar;
import org.finetuneplanner.ui.shell.PresentationViewModel;
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
        assertEquals("Zoom 110%.", find(robot, "#status", StatusBar.class).getText());

        keys(robot, KeyCode.CONTROL, KeyCode.MINUS);
        keys(robot, KeyCode.CONTROL, KeyCode.MINUS);
        assertEquals(0.9, presentation.zoom().getFactor(), 1e-9);
        assertEquals(font * 0.9, title.getFont().getSize(), 0.05);

        keys(robot, KeyCode.CONTROL, KeyCode.DIGIT0);
        assertEquals(1.0, presentation.zoom().getFactor(), 1e-9);
        assertEquals(font, title.getFont().getSize(), 1e-9);
        assertEquals(height, bar.getHeight(), 1e-9);
    }

    private static Node shellRoot(FxRobot robot) {
        return robot.lookup(".shell").query();
    }

    private static boolean shown(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false);
    }

    @Test
    void f11PresentsTheEssentialsAndTheResultsAndEscLeavesWithEveryInputKept(FxRobot robot) {
        robot.interact(() -> {
            w.vm.inputs().methodProperty().set(FineTuneMethod.LORA);
            w.vm.inputs().sequenceLengthProperty().set(8192);
            w.vm.inputs().microBatchProperty().set(2);
        });
        double normalTable = find(robot, "#optionsTable", TableView.class).getHeight();
        // The user looks at cost over time when the presentation starts: the options' tab comes to the front.
        TabPane tabs = find(robot, "#resultTabs", TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "costTab".equals(t.getId())).findFirst().orElseThrow()));

        keys(robot, KeyCode.F11);
        assertTrue(presentation.presentingProperty().get());
        assertTrue(stage.isFullScreen());
        // Presentation's root font: 14 px at zoom 1 (PresentationControls.PRESENTING_FONT_PX), up from 13.
        assertEquals("-fx-font-size: 14.00px;", shellRoot(robot).getStyle());
        for (String essential : List.of("#essentialModel", "#essentialMethod", "#essentialGpu", "#essentialGpuCount",
                "#essentialSharding", "#essentialSequence", "#essentialTokens", "#essentialEpochs",
                "#presentationBar")) {
            assertTrue(shown(robot, essential), essential);
        }
        assertFalse(shown(robot, "#scenarioName"), "the whole form is folded away");
        assertEquals("optionsTab", tabs.getSelectionModel().getSelectedItem().getId());
        assertTrue(shown(robot, "#recommendationCard"));
        assertTrue(shown(robot, "#memoryCard"));
        assertTrue(find(robot, "#optionsTable", TableView.class).getHeight() > normalTable,
                "the options take the full screen's height");

        // The essentials are the form's inputs: a change there is a change of the scenario.
        robot.clickOn("#essentialMethod-qlora");
        TextField tokens = find(robot, "#essentialTokens", TextField.class);
        robot.clickOn(tokens);
        keys(robot, KeyCode.CONTROL, KeyCode.A);
        robot.write("80M");
        keys(robot, KeyCode.TAB);
        assertEquals(FineTuneMethod.QLORA, w.vm.inputs().methodProperty().get());
        assertEquals(80_000_000L, w.vm.currentScenario().orElseThrow().data().tokens().getAsLong());
        Scenario presented = w.vm.currentScenario().orElseThrow();

        keys(robot, KeyCode.ESCAPE);
        assertFalse(presentation.presentingProperty().get());
        assertFalse(stage.isFullScreen());
        assertEquals("-fx-font-size: 13.00px;", shellRoot(robot).getStyle());
        assertTrue(shown(robot, "#scenarioName"));
        assertEquals("costTab", tabs.getSelectionModel().getSelectedItem().getId(), "the user's tab is back");
        assertEquals(presented, w.vm.currentScenario().orElseThrow(), "leaving keeps every input");
        assertEquals(8192, w.vm.inputs().sequenceLengthProperty().get());
        assertEquals(2, w.vm.inputs().microBatchProperty().get());
        // Single-GPU QLoRA's memory range lies above its estimate, and the memory card says so on a second line: with
        // LoRA back, the card is as it was and the options have their normal height again.
        robot.interact(() -> w.vm.inputs().methodProperty().set(FineTuneMethod.LORA));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(normalTable, find(robot, "#optionsTable", TableView.class).getHeight(), 1.0);
    }

    @Test
    void theZoomWorksWhilePresentingAndIsKeptAfter(FxRobot robot) {
        keys(robot, KeyCode.F11);
        keys(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        // 14 px x 1.1 = 15.4 px.
        assertEquals("-fx-font-size: 15.40px;", shellRoot(robot).getStyle());
        assertEquals("110%", find(robot, "#zoomPercent", Label.class).getText());
        robot.clickOn("#zoomInButton");
        WaitForAsyncUtils.waitForFxEvents();
        // 14 px x 1.25 = 17.5 px.
        assertEquals("-fx-font-size: 17.50px;", shellRoot(robot).getStyle());
        keys(robot, KeyCode.F11);
        assertFalse(presentation.presentingProperty().get(), "F11 leaves as Esc does");
        // 13 px x 1.25 = 16.25 px: the zoom stays, on the normal window's base.
        assertEquals("-fx-font-size: 16.25px;", shellRoot(robot).getStyle());
        // The form's least width follows: 25.4 em × 16.25 px = 412.75 px, and the divider gives it that (a zoomed
        // form was cut on the right when the least width was 330 px).
        WaitForAsyncUtils.waitForFxEvents();
        // Looked up and measured on the FX thread: the results may still be rebuilding their rows.
        double[] minAndWidth = new double[2];
        robot.interact(() -> {
            Region form = (Region) stage.getScene().lookup(".inputs-pane");
            minAndWidth[0] = form.minWidth(-1);
            minAndWidth[1] = form.getWidth();
        });
        assertEquals(412.75, minAndWidth[0], 0.5);
        assertTrue(minAndWidth[1] >= 412.75 - 0.5, minAndWidth[1] + " px wide");
    }

    @Test
    void allInputsShowsTheWholeFormInsideThePresentation(FxRobot robot) {
        keys(robot, KeyCode.F11);
        keys(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        robot.clickOn("#allInputsButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown(robot, "#scenarioName"));
        assertFalse(shown(robot, "#essentialModel"));
        assertTrue(shown(robot, "#presentationBar"), "the way back and out stays on top");
        // The whole form as wide as it needs, at 110% too: the Use button (right end of the parameter-count row) is
        // not cut off.
        Bounds use = inScene(robot.lookup("#useParameters").query());
        Bounds column = inScene(robot.lookup(".inputs-pane").query().lookup(".viewport"));
        assertTrue(use.getMaxX() <= column.getMaxX(), use + " inside " + column);
        keys(robot, KeyCode.ESCAPE);
        keys(robot, KeyCode.F11);
        assertTrue(shown(robot, "#essentialModel"), "each presentation starts with the essentials");
    }

    @Test
    void aQuickStartIsChosenWithTheKeyboard(FxRobot robot) {
        keys(robot, KeyCode.F11);
        keys(robot, KeyCode.ALT, KeyCode.Q);
        keys(robot, KeyCode.DOWN);
        keys(robot, KeyCode.DOWN);
        keys(robot, KeyCode.ENTER);
        Scenario s = w.vm.currentScenario().orElseThrow();
        assertTrue(find(robot, "#status", StatusBar.class).getText().startsWith(
                "Quick start: Llama 3.1 8B, LoRA, 1\u00d7 L40S \u2014 "));
        assertEquals(FineTuneMethod.LORA, s.method().type());
        assertEquals("l40s-48gb", s.hardware().gpu().id());
        assertTrue(find(robot, "#essentialGpu", ComboBox.class).getValue() == s.hardware().gpu());
    }

    @Test
    void thePresentationSpeaksVietnamese(FxRobot robot) {
        robot.interact(() -> w.shell.localeProperty().set(Locale.forLanguageTag("vi")));
        keys(robot, KeyCode.F11);
        assertEquals("Th_o\u00e1t (Esc)", find(robot, "#leavePresentation", Button.class).getText());
        assertEquals("S\u1ed1 token d\u1eef li\u1ec7u", robot.from(robot.lookup("#essentialTokens").query()
                .getParent()).lookup(".label").queryAs(Label.class).getText());
        keys(robot, KeyCode.CONTROL, KeyCode.EQUALS);
        assertEquals("Thu ph\u00f3ng 110%.", find(robot, "#status", StatusBar.class).getText());
    }

    /**
     * A projector's 1280 x 720: the recommendation, the memory card and whole rows of the options are all on the
     * screen at once, nothing pushed below it (the results do not scroll), and the text is at least 14 px.
     */
    @Test
    void at1280x720TheRecommendationMemoryAndOptionsAreAllOnTheScreen(FxRobot robot) {
        keys(robot, KeyCode.F11);
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(720, stage.getScene().getHeight());
        Node results = robot.lookup(".results-pane").query();
        Bounds screen = inScene(results);
        for (String card : List.of("#recommendationCard", "#memoryCard", "#resultTabs")) {
            Bounds b = inScene(robot.lookup(card).query());
            assertTrue(b.getMinY() >= screen.getMinY() && b.getMaxY() <= screen.getMaxY() + 0.5,
                    card + " " + b + " within the results " + screen);
        }
        TableView<?> table = find(robot, "#optionsTable", TableView.class);
        Bounds rowsArea = inScene(table);
        long wholeRows = robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null && r.isVisible())
                .map(PresentationUiTest::inScene)
                .filter(b -> b.getMinY() >= rowsArea.getMinY() && b.getMaxY() <= rowsArea.getMaxY())
                .count();
        assertTrue(wholeRows >= 5, wholeRows + " whole rows of options on the screen");
        // The count beside the GPU: the recommendation's "2 × RTX 4090" is read in the table too.
        assertTrue(table.getColumns().stream().anyMatch(c -> "column-gpus".equals(c.getId()) && c.isVisible()),
                "the GPU count column is shown");
        // The cheapest (the recommendation's) on top, and the selected option wholly in view.
        for (int index : List.of(0, table.getSelectionModel().getSelectedIndex())) {
            assertTrue(robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                    .filter(r -> r.getIndex() == index && r.isVisible()).map(PresentationUiTest::inScene)
                    .anyMatch(b -> b.getMinY() >= rowsArea.getMinY() && b.getMaxY() <= rowsArea.getMaxY()),
                    "row " + index + " in view");
        }
        double text = find(robot, "#recommendation", Label.class).getFont().getSize();
        // The recommendation at 1.2 em of the 14 px root (presentation.css): 16.8 px.
        assertEquals(16.8, text, 0.01);
        assertTrue(table.lookup(".table-cell") instanceof Labeled cell
                && cell.getFont().getSize() >= 14, "table text at least 14 px");
    }

    private static Bounds inScene(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }
}
