package org.finetuneplanner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.testfx.api.FxRobot;

/**
 * A walking harness, not a test: journey 1, steps 1, 3 and 5, in the real app in a real window. With the settings
 * folder {@code SETTINGS} (whose settings.json names the scenario file as its first recent file), the first run
 * ({@code first}) opens that file, enters the job (Llama 3.1 8B, QLoRA, micro-batch 4, 4,096 tokens, one RTX 4090,
 * 40M tokens, one GPU), applies the recommendation's changes with its button, saves with Ctrl+S and quits; the second run
 * ({@code second}) only starts, to show what came back. Screenshots of the whole screen with ImageMagick's
 * {@code import}. Run under Xvfb:
 * {@code xvfb-run -s "-screen 0 1440x900x24" java -cp … org.finetuneplanner.ui.OneCardShots OUT SETTINGS first}.
 */
public final class OneCardShots {
    private OneCardShots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        System.setProperty("finetuneplanner.settings", args[1]);
        FxRobot robot = new FxRobot();
        Stage stage = Journeys.startFullScreen(robot, List.of());
        Journeys.settle();
        if (args[2].equals("second")) {
            Journeys.shot(out, "5b-restarted");
            robot.interact(stage::close);
            System.exit(0);
        }
        PresentationShots.fire(robot, "recent-1");
        robot.clickOn("#modelBox");
        robot.write("llama 3.1 8b").type(KeyCode.ENTER);
        robot.clickOn("#method-qlora");
        robot.interact(() -> {
            robot.lookup("#sequenceSlider").queryAs(javafx.scene.control.Slider.class).setValue(12);
            robot.lookup("#batchSlider").queryAs(javafx.scene.control.Slider.class).setValue(2);
            @SuppressWarnings("unchecked")
            ComboBox<GpuSpec> box = (ComboBox<GpuSpec>) robot.lookup("#gpuBox").query();
            box.getItems().stream().filter(g -> g.id().contains("4090")).findFirst().ifPresent(box::setValue);
            robot.lookup("#gpuCountSpinner").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(1);
            robot.lookup("#tokensField").queryAs(TextField.class).setText("40M");
        });
        Journeys.settle();
        Journeys.shot(out, "1-job-entered");
        robot.clickOn("#applyAdvice");
        Journeys.settle();
        Journeys.shot(out, "3-changes-applied");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        Journeys.settle();
        Journeys.shot(out, "5a-saved");
        // Quit as the launcher ends the app after the last window closed: App.stop on the FX thread (settings, the
        // last scenario, a clean end of the session). Firing the window's close request instead ends in
        // Platform.exit(), which under TestFX never calls stop(): the next start then offered to recover the work.
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        javafx.application.Platform.runLater(() -> {
            try {
                Journeys.app.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        });
        stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
        System.exit(0);
    }
}
