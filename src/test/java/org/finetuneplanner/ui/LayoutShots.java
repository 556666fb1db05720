package org.finetuneplanner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.Sharding;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A walking harness, not a test: journey 3 step 1 in the real app in a real window filling the screen. Llama 3.1
 * 70B, full fine-tuning, BF16, 4,096 tokens, 500M tokens, 8 × H100, framework Megatron (the parallel layout opens),
 * TP 4 and PP 2 typed into their spinners, then a GPU count the layout does not divide (12), then FSDP instead
 * (HF Trainer, no layout); between, presentation mode (F11) with the layout set. Screenshots of the whole screen with ImageMagick's {@code import}. Run under Xvfb with a
 * window manager: {@code xvfb-run -s "-screen 0 2560x1440x24" sh -c "openbox & java -cp …
 * org.finetuneplanner.ui.LayoutShots OUT_DIR [vi] [dark]"}.
 */
public final class LayoutShots {
    private LayoutShots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        List<String> options = Arrays.asList(args);
        Files.createDirectories(out);
        FxRobot robot = new FxRobot();
        Stage stage = Journeys.startFullScreen(robot, options);
        Journeys.settle();
        robot.clickOn("#modelBox");
        robot.write("llama 3.1 70b").type(KeyCode.ENTER);
        robot.clickOn("#method-full");
        robot.clickOn("#precision-bf16");
        robot.interact(() -> {
            robot.lookup("#sequenceSlider").queryAs(Slider.class).setValue(12);
            robot.lookup("#tokensField").queryAs(TextField.class).setText("500M");
            @SuppressWarnings("unchecked")
            ComboBox<GpuSpec> gpu = (ComboBox<GpuSpec>) robot.lookup("#gpuBox").query();
            gpu.getItems().stream().filter(g -> g.id().equals("h100-sxm-80gb")).findFirst().ifPresent(gpu::setValue);
            box(robot, "#frameworkBox", Framework.class).setValue(Framework.MEGATRON);
        });
        type(robot, "#gpuCountSpinner", "8");
        reveal(robot, "#frameworkBox");
        Journeys.shot(out, "0-training-megatron");
        reveal(robot, "#layoutPane");
        Journeys.settle();
        Journeys.shot(out, "1-megatron-layout-open");
        type(robot, "#tensorParallelSpinner", "4");
        type(robot, "#pipelineParallelSpinner", "2");
        reveal(robot, "#layoutPane");
        Journeys.settle();
        Journeys.shot(out, "2-tp4-pp2");
        // Presentation mode (F11) with the layout set: the essentials say it.
        robot.clickOn("#recommendation");
        robot.type(KeyCode.F11);
        Journeys.settle();
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        Journeys.shot(out, "2b-presentation-tp4-pp2");
        robot.type(KeyCode.F11);
        Journeys.settle();
        type(robot, "#gpuCountSpinner", "12");
        reveal(robot, "#layoutPane");
        Journeys.settle();
        Journeys.shot(out, "3-count-not-a-multiple");
        type(robot, "#gpuCountSpinner", "8");
        type(robot, "#tensorParallelSpinner", "1");
        type(robot, "#pipelineParallelSpinner", "1");
        robot.interact(() -> {
            box(robot, "#frameworkBox", Framework.class).setValue(Framework.HF);
            box(robot, "#shardingBox", Sharding.class).setValue(Sharding.FSDP);
        });
        reveal(robot, "#layoutPane");
        Journeys.settle();
        Journeys.shot(out, "4-fsdp-instead");
        robot.interact(stage::close);
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> box(FxRobot robot, String query, Class<T> type) {
        return (ComboBox<T>) robot.lookup(query).query();
    }

    /** Types {@code text} into a spinner's editor as a user does: select all, type, Tab to commit. */
    private static void type(FxRobot robot, String query, String text) {
        reveal(robot, query);
        Spinner<?> spinner = robot.lookup(query).queryAs(Spinner.class);
        robot.clickOn(spinner.getEditor());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text).type(KeyCode.TAB);
        Journeys.settle();
    }

    /** Scrolls the inputs so that {@code query}'s node is in the upper third of the view. */
    private static void reveal(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        robot.interact(() -> {
            ScrollPane pane = (ScrollPane) robot.lookup(".inputs-pane").query();
            double content = pane.getContent().getBoundsInLocal().getHeight();
            double view = pane.getViewportBounds().getHeight();
            double y = pane.getContent().sceneToLocal(n.localToScene(0, 0)).getY();
            pane.setVvalue(Math.max(0, Math.min(1, (y - view / 3) / Math.max(1, content - view))));
        });
        Journeys.settle();
    }
}
