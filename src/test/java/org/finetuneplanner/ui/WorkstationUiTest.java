package org.finetuneplanner.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.App;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.MemoryBar;
import org.finetuneplanner.ui.planner.OptionRow;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.finetuneplanner.ui.shell.FileDialogs;
import org.finetuneplanner.ui.shell.ShellView;
import org.finetuneplanner.ui.shell.ShellViewModel;
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

    private PlannerViewModel vm;
    private ShellViewModel shell;
    private Path configFile;
    private Path scenarioFile;

    // Monocle's headless screen is 1280 × 800: a larger window overflows its framebuffer.
    @Start
    void start(Stage stage) {
        vm = Fixtures.planner();
        shell = new ShellViewModel(vm, App.scenarioFiles(new ScenarioJson(Fixtures.CATALOGS)), Optional.empty(),
                UiExecutors.direct());
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Path openScenario() {
                return scenarioFile;
            }

            @Override
            public Path saveScenario(String suggestedName) {
                return scenarioFile;
            }

            @Override
            public Path openConfig() {
                return configFile;
            }

            @Override
            public Path savePdf(String suggestedName) {
                return null;
            }
        };
        Application.setUserAgentStylesheet(
                App.class.getResource(App.LIGHT).toExternalForm());
        Scene scene = new Scene(new ShellView(shell, dialogs, stage::close), 1200, 760);
        scene.getStylesheets().add(App.class.getResource("/org/finetuneplanner/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    private MemoryBar bar(FxRobot robot) {
        return find(robot, "#selectedBar", MemoryBar.class);
    }

    @Test
    void movingTheBatchSliderGrowsTheActivationsInTheBar(FxRobot robot) {
        Slider slider = find(robot, "#batchSlider", Slider.class);
        double before = bar(robot).segmentWidth(MemoryComponent.ACTIVATIONS);
        long bytes = vm.estimateProperty().getValue().memory().perGpu().activationsBytes();
        robot.interact(() -> slider.setValue(5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(32, vm.microBatchProperty().get());
        assertEquals("32 sequences", find(robot, "#batchValue", Label.class).getText());
        assertTrue(vm.estimateProperty().getValue().memory().perGpu().activationsBytes() > bytes);
        assertNotEquals(before, bar(robot).segmentWidth(MemoryComponent.ACTIVATIONS));
    }

    @Test
    void switchingFromLoraToQloraShrinksTheWeights(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ComboBox<FineTuneMethod> method = find(robot, "#methodBox", ComboBox.class);
        robot.interact(() -> method.setValue(FineTuneMethod.LORA));
        long lora = vm.estimateProperty().getValue().memory().perGpu().weightsBytes();
        robot.interact(() -> method.setValue(FineTuneMethod.QLORA));
        WaitForAsyncUtils.waitForFxEvents();
        long qlora = vm.estimateProperty().getValue().memory().perGpu().weightsBytes();
        assertTrue(qlora < lora, qlora + " < " + lora);
        String legend = robot.lookup("#legend-weights").queryLabeled().getText();
        assertTrue(legend.startsWith("Weights"), legend);
        assertTrue(legend.endsWith(vm.formatsProperty().getValue().gib(qlora)), legend);
    }

    @Test
    void openingABadConfigShowsTheErrorAtTheButton(FxRobot robot) throws IOException {
        configFile = dir.resolve("config.json");
        Files.writeString(configFile, "{\"model_type\": \"llama\", \"hidden_size\": 0}");
        String model = vm.modelProperty().get().id();
        robot.clickOn("#openConfig");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = find(robot, "#configError", Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().startsWith("Could not use config.json:"), error.getText());
        assertEquals(model, vm.modelProperty().get().id());
    }

    @Test
    void selectingARowMakesThatOptionTheOneShownEverywhere(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<OptionRow> table = find(robot, "#optionsTable", TableView.class);
        OptionRow target = table.getItems().stream().filter(r -> r.fits() && r.gpuId().startsWith("h100-sxm"))
                .findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(target));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(target.gpuId(), vm.gpuProperty().get().id());
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
        @SuppressWarnings("unchecked")
        ComboBox<Precision> precision = find(robot, "#precisionBox", ComboBox.class);
        // The L40S has FP8: the choice is open. The popup's cells then must follow a change of GPU.
        robot.interact(precision::show);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fp8Cell(robot).isDisabled());
        robot.interact(precision::hide);
        robot.interact(() -> vm.gpuProperty().set(Fixtures.gpu("a100-sxm-80gb")));
        robot.interact(precision::show);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fp8Cell(robot).isDisabled());
        robot.interact(precision::hide);
        Label reason = find(robot, "#fp8Reason", Label.class);
        assertTrue(reason.isVisible());
        assertTrue(reason.getText().contains("A100"), reason.getText());
    }

    private static ListCell<Precision> fp8Cell(FxRobot robot) {
        return robot.lookup(".list-cell").match((ListCell<Precision> c) -> c.getItem() == Precision.FP8
                && c.getScene() != null && c.isVisible()).query();
    }

    @Test
    void choosingFp8AnywayMarksTheFieldAndTheResultsStale(FxRobot robot) {
        robot.interact(() -> vm.gpuProperty().set(Fixtures.gpu("a100-sxm-80gb")));
        robot.interact(() -> vm.precisionProperty().set(Precision.FP8));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(find(robot, "#precisionError", Label.class).isVisible());
        assertTrue(find(robot, "#staleBanner", Label.class).isVisible());
        assertFalse(find(robot, "#recommendation", Label.class).getText().isEmpty());
    }

    @Test
    void theLanguageMenuSwitchesToVietnamese(FxRobot robot) {
        robot.clickOn("#viewMenu").clickOn("#languageMenu").clickOn("Tiếng Việt");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("vi", shell.localeProperty().get().getLanguage());
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        assertEquals("_Tệp", bar.getMenus().get(0).getText());
        assertTrue(find(robot, "#recommendation", Label.class).getText().startsWith("Huấn luyện"),
                find(robot, "#recommendation", Label.class).getText());
        assertEquals(Messages.forLocale(Locale.forLanguageTag("vi")).text("inputs.microBatch.value", 4),
                find(robot, "#batchValue", Label.class).getText());
    }

    @Test
    void saveAndOpenThroughTheKeyboardRestoreTheInputs(FxRobot robot) {
        scenarioFile = dir.resolve("plan.json");
        robot.interact(() -> vm.sequenceLengthProperty().set(8192));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.exists(scenarioFile));
        robot.interact(() -> vm.sequenceLengthProperty().set(512));
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(8192, vm.sequenceLengthProperty().get());
        assertEquals(13.0, find(robot, "#sequenceSlider", Slider.class).getValue(), 1e-9);
        assertEquals("Opened plan.json.", find(robot, "#status", Label.class).getText());
    }

    @Test
    void typingBadTokensShowsTheErrorAtTheFieldAndKeepsTheText(FxRobot robot) {
        robot.interact(() -> find(robot, "#tokensField", javafx.scene.control.TextField.class).requestFocus());
        robot.interact(() -> find(robot, "#tokensField", javafx.scene.control.TextField.class).selectAll());
        robot.write("abc");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = find(robot, "#tokensError", Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().contains("abc"));
        assertTrue(find(robot, "#staleBanner", Label.class).isVisible());
        assertEquals("abc", vm.tokensTextProperty().get());
    }

    @Test
    void clickingALegendPartExplainsIt(FxRobot robot) {
        robot.clickOn("#legend-activations");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MemoryComponent.ACTIVATIONS, vm.selectedComponentProperty().get());
        assertTrue(robot.lookup("#explanation .label").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().startsWith("How Activations is computed")));
        assertTrue(robot.lookup("#explanation .label").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().startsWith("Formula: ")));
    }

    @Test
    void theSequenceSliderMovesByPowersOfTwoFromTheKeyboard(FxRobot robot) {
        Slider slider = find(robot, "#sequenceSlider", Slider.class);
        robot.interact(slider::requestFocus);
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4096, vm.sequenceLengthProperty().get());
        assertEquals("4,096 tokens", find(robot, "#sequenceValue", Label.class).getText());
    }

    @Test
    void theDarkThemeHasAnAccelerator(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shell.darkThemeProperty().get());
    }

    @Test
    void sortingByCostPutsTheCheapestFirst(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<OptionRow> table = find(robot, "#optionsTable", TableView.class);
        robot.interact(() -> table.getSortOrder().setAll(table.getColumns().get(7)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table.getItems().get(0).cheapest(), table.getItems().get(0).gpuId());
    }

    @Test
    void parametersOnlyFromTheKeyboard(FxRobot robot) {
        robot.clickOn("#parametersField").write("7B").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(find(robot, "#modelSummary", Label.class).getText().endsWith("guessed from a parameter count"));
        assertEquals(7_000_000_000L, vm.modelProperty().get().parameters().getAsLong());
    }
}
