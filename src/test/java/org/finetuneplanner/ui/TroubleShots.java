package org.finetuneplanner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.TextField;
import javafx.stage.Stage;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A walking harness, not a test: journey 4, steps 2 and 3, in the real app in a real window. With the settings
 * folder {@code SETTINGS} (whose settings.json the caller writes: recent files naming a damaged scenario and a 2 GB
 * file, a price list with an unknown GPU id), it starts the app, opens the first and the second recent file over the
 * scenario shown (the user's work; a typed name would be an unsaved change, about which opening asks first), and
 * takes a screenshot after each; with {@code wait} as the third argument it
 * names the scenario and waits for the caller to kill it while it autosaves. Run under Xvfb:
 * {@code xvfb-run -s "-screen 0 1440x900x24" java -cp … org.finetuneplanner.ui.TroubleShots OUT_DIR SETTINGS [wait]}.
 */
public final class TroubleShots {
    private TroubleShots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        System.setProperty("finetuneplanner.settings", args[1]);
        boolean wait = args.length > 2 && args[2].equals("wait");
        FxRobot robot = new FxRobot();
        Stage stage = Journeys.startFullScreen(robot, List.of());
        Journeys.settle();
        Journeys.shot(out, wait ? "3-before-kill" : "2a-start");
        TextField name = robot.lookup("#scenarioName").queryAs(TextField.class);
        if (wait) {
            robot.interact(() -> name.setText("My work before the trouble"));
            Journeys.settle();
            // The caller kills the process while the autosave runs: nothing here ends it.
            WaitForAsyncUtils.sleep(600, TimeUnit.SECONDS);
        }
        // No typed name before opening: since a typed name is an unsaved change, opening a file first asks whether
        // to save it (a modal prompt the robot's synchronous menu action would wait on); the refusals are the point.
        for (int i = 1; i <= 2; i++) {
            PresentationShots.fire(robot, "recent-" + i);
            Journeys.settle();
            WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
            Journeys.shot(out, "2" + (char) ('a' + i) + "-open-recent-" + i);
            robot.type(javafx.scene.input.KeyCode.ESCAPE);
            Journeys.settle();
        }
        Journeys.shot(out, "2d-work-kept");
        robot.interact(stage::close);
        System.exit(0);
    }
}
