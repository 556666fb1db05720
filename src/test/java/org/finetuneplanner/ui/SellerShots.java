package org.finetuneplanner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A walking harness, not a test: journey 2 with the seller's price list, in the real app in a real window. Starts
 * the app in Vietnamese and the dark theme with the price list {@code PRICES} in force (settings in a fresh folder
 * that names it), opens the 70B quick start, presents (F11), enters QLoRA and 80M tokens, zooms once, pins, changes
 * to LoRA, pins again, opens the comparison, leaves it and undoes three changes with Ctrl+Z, taking screenshots of
 * the whole screen with ImageMagick's {@code import} at each step. Run under Xvfb with a window manager:
 * {@code xvfb-run -s "-screen 0 1280x720x24" sh -c "openbox & java -cp … org.finetuneplanner.ui.SellerShots OUT_DIR
 * PRICES [en]"}; with {@code en} the same walk in English.
 */
public final class SellerShots {
    private SellerShots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path prices = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(out);
        Path settings = Files.createTempDirectory("planner-settings");
        Files.writeString(settings.resolve("settings.json"), "{\"format\": \"finetune-settings/1\", \"language\": \""
                + (args.length > 2 ? args[2] : "vi") + "\","
                + " \"theme\": {\"dark\": true}, \"prices\": {\"file\": \"" + prices.toString().replace("\\", "\\\\")
                + "\"}}");
        System.setProperty("finetuneplanner.settings", settings.toString());
        FxRobot robot = new FxRobot();
        Stage stage = Journeys.startFullScreen(robot, java.util.List.of());
        Journeys.settle();
        Journeys.shot(out, "1-start-with-price-list");

        PresentationShots.fire(robot, "quickStart-llama-70b-lora-h100");
        PresentationShots.present(robot);
        PresentationShots.enterJob(robot);
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        Journeys.shot(out, "2-presentation-zoomed-qlora");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        robot.clickOn("#essentialMethod-lora");
        Journeys.settle();
        Journeys.shot(out, "3a-presentation-lora");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        Journeys.settle();
        Journeys.shot(out, "3b-comparison");
        robot.type(KeyCode.ESCAPE);
        Journeys.settle();
        for (int i = 0; i < 3; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
            Journeys.settle();
        }
        Journeys.shot(out, "5-after-three-undos");
        robot.type(KeyCode.ESCAPE);
        Journeys.settle();
        Journeys.shot(out, "5b-after-three-undos-normal");
        robot.interact(stage::close);
        System.exit(0);
    }
}
