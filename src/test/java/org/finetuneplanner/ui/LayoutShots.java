package org.finetuneplanner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
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
        Stage stage = ClusterShots.startJob(robot, options);
        robot.interact(() -> {
            ComboBox<GpuSpec> gpu = box(robot, "#gpuBox", GpuSpec.class);
            gpu.getItems().stream().filter(g -> g.id().equals("h100-sxm-80gb")).findFirst().ifPresent(gpu::setValue);
        });
        type(robot, "#gpuCountSpinner", "8");
        Journeys.reveal(robot, "#frameworkBox");
        Journeys.shot(out, "0-training-megatron");
        Journeys.reveal(robot, "#layoutPane");
        Journeys.settle();
        Journeys.shot(out, "1-megatron-layout-open");
        type(robot, "#tensorParallelSpinner", "4");
        type(robot, "#pipelineParallelSpinner", "2");
        Journeys.reveal(robot, "#layoutPane");
        Journeys.settle();
        Journeys.shot(out, "2-tp4-pp2");
        // Presentation mode (F11) with the layout set: the essentials say it.
        robot.clickOn("#recommendation");
        robot.type(KeyCode.F11);
        Journeys.settle();
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        Journeys.shot(out, "2b-presentation-tp4-pp2");
        robot.clickOn("#recommendation");
        robot.type(KeyCode.F11);
        Journeys.settle();
        type(robot, "#gpuCountSpinner", "12");
        Journeys.reveal(robot, "#layoutPane");
        Journeys.settle();
        Journeys.shot(out, "3-count-not-a-multiple");
        type(robot, "#gpuCountSpinner", "8");
        type(robot, "#tensorParallelSpinner", "1");
        type(robot, "#pipelineParallelSpinner", "1");
        robot.interact(() -> {
            box(robot, "#frameworkBox", Framework.class).setValue(Framework.HF);
            box(robot, "#shardingBox", Sharding.class).setValue(Sharding.FSDP);
        });
        Journeys.reveal(robot, "#layoutPane");
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
        Journeys.reveal(robot, query);
        Spinner<?> spinner = robot.lookup(query).queryAs(Spinner.class);
        robot.clickOn(spinner.getEditor());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text).type(KeyCode.TAB);
        Journeys.settle();
    }
}
