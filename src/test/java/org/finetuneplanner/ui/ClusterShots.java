package org.finetuneplanner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.Sharding;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A walking harness, not a test: journey 3 (the platform lead sizing a cluster) in the real app in a real window
 * filling the screen. Enters Llama 3.1 70B, full fine-tuning, BF16, 4,096 tokens, 500M tokens, framework Megatron,
 * then the HF Trainer with FSDP instead; shows the options, the cost over time and the notes, the cheapest
 * option's caveats (its tooltip, then selected); exports the options
 * with File → Export options as CSV (Ctrl+Shift+T), typing {@code OUT_DIR/options.csv} into the save dialog with
 * {@code xdotool}. Screenshots of the whole screen with ImageMagick's {@code import}. Run under Xvfb with a window
 * manager: {@code xvfb-run -s "-screen 0 2560x1440x24" sh -c "openbox & java -cp …
 * org.finetuneplanner.ui.ClusterShots OUT_DIR [vi] [dark]"}.
 */
public final class ClusterShots {
    private ClusterShots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        List<String> options = Arrays.asList(args);
        Files.createDirectories(out);
        FxRobot robot = new FxRobot();
        Stage stage = startJob(robot, options);
        Journeys.shot(out, "1-megatron-full-bf16");
        robot.interact(() -> {
            frameworkBox(robot).setValue(Framework.HF);
            @SuppressWarnings("unchecked")
            ComboBox<Sharding> sharding = (ComboBox<Sharding>) robot.lookup("#shardingBox").query();
            sharding.setValue(Sharding.FSDP);
        });
        robot.moveTo(new javafx.geometry.Point2D(stage.getX() + stage.getWidth() - 8, stage.getY() + 20));
        Journeys.settle();
        Journeys.shot(out, "2-fsdp-options");
        ResultsShots.tab(robot, "#costTab");
        Journeys.shot(out, "3-cost-chart");
        ResultsShots.tab(robot, "#notesTab");
        Journeys.shot(out, "4-notes");
        ResultsShots.tab(robot, "#optionsTab");

        robot.clickOn("#recommendation");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        Journeys.shot(out, "5a-export-csv-dialog");
        xdotool("key", "ctrl+a");
        xdotool("type", "--delay", "20", out.resolve("options.csv").toString());
        xdotool("key", "Return");
        Journeys.settle();
        Journeys.shot(out, "5b-export-csv-done");
        // The caveats of the cheapest option: hover its caveats cell (the tooltip), then select it and open the
        // memory card's caveats.
        javafx.scene.control.TableView<?> table = robot.lookup("#optionsTable").queryAs(
                javafx.scene.control.TableView.class);
        javafx.scene.Node caveats = robot.from(table).lookup(".cell-caveats").nth(0).query();
        robot.moveTo(caveats);
        WaitForAsyncUtils.sleep(2500, TimeUnit.MILLISECONDS);
        Journeys.shot(out, "6-caveats-tooltip");
        robot.clickOn(robot.from(table).lookup(".cell-gpu").nth(0).queryAs(javafx.scene.Node.class));
        Journeys.settle();
        robot.interact(() -> robot.lookup("#caveatsPane").queryAs(javafx.scene.control.TitledPane.class)
                .setExpanded(true));
        robot.moveTo(new javafx.geometry.Point2D(stage.getX() + stage.getWidth() - 8, stage.getY() + 20));
        Journeys.settle();
        Journeys.shot(out, "7-cheapest-selected-caveats");
        robot.interact(stage::close);
        System.exit(0);
    }

    /**
     * Starts the app filling the screen ({@link Journeys#startFullScreen}) and enters the job of journey 3: Llama 3.1
     * 70B, full fine-tuning, BF16, 4,096 tokens, 500M tokens, framework Megatron. Returns the stage.
     */
    static Stage startJob(FxRobot robot, List<String> options) throws Exception {
        Stage stage = Journeys.startFullScreen(robot, options);
        Journeys.settle();
        robot.clickOn("#modelBox");
        robot.write("llama 3.1 70b").type(KeyCode.ENTER);
        robot.clickOn("#method-full");
        robot.clickOn("#precision-bf16");
        robot.interact(() -> {
            robot.lookup("#sequenceSlider").queryAs(Slider.class).setValue(12);
            robot.lookup("#tokensField").queryAs(TextField.class).setText("500M");
            frameworkBox(robot).setValue(Framework.MEGATRON);
        });
        Journeys.settle();
        return stage;
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Framework> frameworkBox(FxRobot robot) {
        return (ComboBox<Framework>) robot.lookup("#frameworkBox").query();
    }

    private static void xdotool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "xdotool";
        System.arraycopy(args, 0, command, 1, args.length);
        new ProcessBuilder(command).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    }
}
