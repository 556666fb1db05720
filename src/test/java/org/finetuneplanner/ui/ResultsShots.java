package org.finetuneplanner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;

import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.testfx.api.FxRobot;

/**
 * A walking harness, not a test: the results screen of the real app in a real window filling the screen, for the
 * default scenario and for Mistral 7B LoRA at micro-batch 8 without checkpointing (the advice issue's example),
 * with screenshots of the whole screen (ImageMagick's {@code import}). Run under Xvfb:
 * {@code xvfb-run -s "-screen 0 1280x720x24" java -cp … org.finetuneplanner.ui.ResultsShots OUT_DIR [vi] [dark]}.
 */
public final class ResultsShots {
    private ResultsShots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<String> options = Arrays.asList(args);
        Files.createDirectories(out);
        FxRobot robot = new FxRobot();
        Stage stage = Journeys.startFullScreen(robot, options);
        String tag = Journeys.tag(options);
        Journeys.settle();
        Journeys.shot(out, tag + "-1-default");
        tab(robot, "#costTab");
        Journeys.shot(out, tag + "-2-default-cost");
        robot.clickOn("#showAllCurves");
        Journeys.settle();
        Journeys.shot(out, tag + "-3-default-cost-all");
        robot.clickOn("#showAllCurves");
        tab(robot, "#optionsTab");

        mistral(robot);
        // Away from the form, so that no tooltip of the last control clicked covers the results.
        robot.moveTo(new javafx.geometry.Point2D(stage.getX() + stage.getWidth() - 8, stage.getY() + 20));
        Journeys.settle();
        Journeys.shot(out, tag + "-4-mistral");
        tab(robot, "#barsTab");
        Journeys.shot(out, tag + "-5-mistral-bars");
        tab(robot, "#optionsTab");
        // The advice for the user's own L40S, applied in one step.
        robot.clickOn("#applyOwnAdvice");
        Journeys.settle();
        Journeys.shot(out, tag + "-6-mistral-applied");
        robot.clickOn("#phase-optimizer_step");
        Journeys.settle();
        Journeys.shot(out, tag + "-7-mistral-optimizer-step");
        tab(robot, "#costTab");
        Journeys.shot(out, tag + "-8-mistral-cost");
        robot.interact(stage::close);
        System.exit(0);
    }

    /** Mistral 7B v0.1, LoRA r16, micro-batch 8, accumulation 4, sequence 2048, no checkpointing. */
    static void mistral(FxRobot robot) {
        robot.clickOn("#method-lora");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<ModelSpec> model = (ComboBox<ModelSpec>) robot.lookup("#modelBox").query();
            model.getItems().stream().filter(m -> m.id().equals("mistral-7b-v0.1")).findFirst()
                    .ifPresent(model::setValue);
            robot.lookup("#rankSlider").queryAs(Slider.class).setValue(4);
            robot.lookup("#batchSlider").queryAs(Slider.class).setValue(3);
            robot.lookup("#sequenceSlider").queryAs(Slider.class).setValue(11);
            robot.lookup("#accumulationSpinner").queryAs(Spinner.class).getValueFactory().setValue(4);
            @SuppressWarnings("unchecked")
            ComboBox<Checkpointing> checkpointing = (ComboBox<Checkpointing>) robot.lookup("#checkpointingBox")
                    .query();
            checkpointing.setValue(Checkpointing.NONE);
        });
    }

    /** Shows one of the results' tabs. */
    static void tab(FxRobot robot, String id) {
        robot.interact(() -> {
            javafx.scene.control.TabPane tabs = robot.lookup("#resultTabs").queryAs(javafx.scene.control.TabPane.class);
            tabs.getTabs().stream().filter(t -> id.equals("#" + t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        Journeys.settle();
    }

    /** Scrolls the results side (when it scrolls at all) to {@code v} (0 top, 1 bottom). */
    static void scrollResults(FxRobot robot, double v) {
        robot.interact(() -> robot.lookup(".results-pane").match(n -> n instanceof ScrollPane).tryQuery()
                .ifPresent(n -> ((ScrollPane) n).setVvalue(v)));
        Journeys.settle();
    }
}
