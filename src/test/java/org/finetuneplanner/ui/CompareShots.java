package org.finetuneplanner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.Sharding;
import org.testfx.api.FxRobot;

/**
 * A walking harness, not a test: journey 2, steps 3–4, in the real app in a real window. Pins the default scenario
 * with QLoRA, then LoRA, then full fine-tuning on 4 × H100 with FSDP, opens the comparison and takes screenshots of
 * the whole screen (top and bottom of the view) with ImageMagick's {@code import}. Run under Xvfb:
 * {@code xvfb-run -s "-screen 0 1280x720x24" java -cp … org.finetuneplanner.ui.CompareShots OUT_DIR [vi] [dark]}.
 */
public final class CompareShots {
    private CompareShots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<String> options = Arrays.asList(args);
        Files.createDirectories(out);
        FxRobot robot = new FxRobot();
        Stage stage = Journeys.startFullScreen(robot, options);
        String tag = Journeys.tag(options);
        name(robot, "Llama 3.1 8B QLoRA, 1 × L40S");
        pin(robot);
        robot.clickOn("#method-lora");
        name(robot, "Llama 3.1 8B LoRA, 1 × L40S");
        pin(robot);
        robot.clickOn("#method-full");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<GpuSpec> gpu = (ComboBox<GpuSpec>) robot.lookup("#gpuBox").query();
            gpu.getItems().stream().filter(g -> g.id().equals("h100-sxm-80gb")).findFirst().ifPresent(gpu::setValue);
            robot.lookup("#gpuCountSpinner").queryAs(Spinner.class).getValueFactory().setValue(4);
            @SuppressWarnings("unchecked")
            ComboBox<Sharding> sharding = (ComboBox<Sharding>) robot.lookup("#shardingBox").query();
            sharding.setValue(Sharding.FSDP);
        });
        name(robot, "Llama 3.1 8B full, 4 × H100 FSDP");
        pin(robot);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        Journeys.settle();
        Journeys.shot(out, tag + "-compare-top");
        robot.interact(() -> robot.lookup(".compare-view .scroll-pane").queryAs(ScrollPane.class).setVvalue(1));
        Journeys.settle();
        Journeys.shot(out, tag + "-compare-bottom");
        robot.interact(stage::close);
        System.exit(0);
    }

    private static void name(FxRobot robot, String name) {
        TextField field = robot.lookup("#scenarioName").queryAs(TextField.class);
        robot.interact(() -> field.setText(name));
    }

    private static void pin(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        Journeys.settle();
    }
}
