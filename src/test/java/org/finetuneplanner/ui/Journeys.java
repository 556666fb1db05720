package org.finetuneplanner.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.finetuneplanner.App;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.ui.planner.MemoryBar;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A walking harness, not a test: starts the real app (its settings in a fresh folder) in a real window and walks
 * journeys 1 and 4 of the user journeys as a user would, with a robot's mouse and keyboard, taking screenshots of
 * the whole screen with ImageMagick's {@code import}. Run under Xvfb:
 * {@code xvfb-run -s "-screen 0 1280x720x24" java -cp … org.finetuneplanner.ui.Journeys OUT_DIR [vi] [dark]}; with a
 * compositing manager ({@code xcompmgr}) on that display the pop-over's corners are transparent, as on a desktop.
 */
public final class Journeys {
    private Journeys() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        boolean vi = java.util.Arrays.asList(args).contains("vi");
        boolean dark = java.util.Arrays.asList(args).contains("dark");
        Files.createDirectories(out);
        Stage stage = launch();
        FxRobot robot = new FxRobot();
        String tag = (vi ? "vi" : "en") + "-" + (dark ? "dark" : "light");
        if (dark) {
            robot.clickOn("#viewMenu").clickOn("#darkTheme");
        }
        if (vi) {
            robot.clickOn("#viewMenu").clickOn("#languageMenu").clickOn("#language-vi");
        }
        settle();
        shot(out, tag + "-0-start");

        // Journey 1: one RTX 4090, QLoRA Llama 3.1 8B, 40 M tokens at 4k context.
        robot.clickOn("#modelBox");
        robot.write("llama 3.1 8b").type(KeyCode.ENTER);
        robot.clickOn("#method-qlora");
        set(robot, "#sequenceSlider", 12);
        set(robot, "#batchSlider", 2);
        reveal(robot, "#gpuBox");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            var box = (javafx.scene.control.ComboBox<org.finetuneplanner.core.gpu.GpuSpec>) robot.lookup("#gpuBox")
                    .query();
            box.getItems().stream().filter(g -> g.id().contains("4090")).findFirst().ifPresent(box::setValue);
        });
        reveal(robot, "#tokensField");
        TextField tokens = robot.lookup("#tokensField").queryAs(TextField.class);
        robot.doubleClickOn(tokens).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("40M").type(KeyCode.TAB);
        settle();
        shot(out, tag + "-1-answer");
        MemoryBar bar = robot.lookup("#selectedBar").queryAs(MemoryBar.class);
        MemoryComponent largest = MemoryComponent.WEIGHTS;
        for (MemoryComponent c : MemoryComponent.values()) {
            if (bar.segmentWidth(c) > bar.segmentWidth(largest)) {
                largest = c;
            }
        }
        Node segment = bar.segment(largest);
        // Back to the top of the inputs (preset, method, targets) for the picture, then the click on the part.
        robot.interact(() -> ((javafx.scene.control.ScrollPane) robot.lookup(".inputs-pane").query()).setVvalue(0));
        robot.clickOn(segment);
        settle();
        shot(out, tag + "-2-explanation");
        robot.type(KeyCode.ESCAPE);

        // Journey 4: something goes wrong.
        reveal(robot, "#tokensField");
        robot.doubleClickOn(tokens).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("1e999");
        TextField epochs = robot.lookup("#epochsField").queryAs(TextField.class);
        robot.doubleClickOn(epochs).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("abc");
        robot.moveTo(tokens).moveBy(-tokens.getWidth() / 2 + 3, tokens.getHeight() / 2 - 3);
        settle();
        robot.moveBy(1, 0);
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        shot(out, tag + "-3-errors");
        robot.interact(stage::close);
        System.exit(0);
    }

    /** Scrolls the inputs so that {@code query}'s node is in view, as a user scrolls to it. */
    static void reveal(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        robot.interact(() -> {
            javafx.scene.control.ScrollPane pane = (javafx.scene.control.ScrollPane) robot.lookup(".inputs-pane")
                    .query();
            double content = pane.getContent().getBoundsInLocal().getHeight();
            double view = pane.getViewportBounds().getHeight();
            double y = pane.getContent().sceneToLocal(n.localToScene(0, 0)).getY();
            pane.setVvalue(Math.max(0, Math.min(1, (y - view / 3) / Math.max(1, content - view))));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void set(FxRobot robot, String query, double value) {
        robot.interact(() -> robot.lookup(query).queryAs(javafx.scene.control.Slider.class).setValue(value));
    }

    /**
     * Starts the real app in a real window (the glass robot, settings in a fresh folder unless the property
     * {@code finetuneplanner.settings} names one, so nothing of the machine's user is read or changed) and waits two
     * seconds for its first results.
     */
    static Stage launch() throws Exception {
        String named = System.getProperty("finetuneplanner.settings");
        return launch(named != null ? Path.of(named) : Files.createTempDirectory("planner-settings"));
    }

    /** {@link #launch()} with the settings of {@code settings} (a folder the caller made for this run). */
    /**
     * The app {@link #launch} started. Under TestFX, Platform.exit() does not call its stop() (the launcher does
     * that for a user): a harness that quits calls it.
     */
    static javafx.application.Application app;

    static Stage launch(Path settings) throws Exception {
        System.setProperty("finetuneplanner.settings", settings.toString());
        System.setProperty("testfx.robot", "glass");
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(App.class);
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        return stage;
    }

    /**
     * Starts the real app ({@link #launch}) in a window filling the screen, in the theme and language that
     * {@code options} name ("dark", "vi"); returns its stage.
     */
    static Stage startFullScreen(FxRobot robot, java.util.List<String> options) throws Exception {
        // Theme and language as a user's settings file gives them at start (a click through the View menu raced the
        // menu's popup under Xvfb); the window is placed after.
        // A harness that wrote its own settings folder (the property names it) keeps it.
        String named = System.getProperty("finetuneplanner.settings");
        Path settings = named != null ? Path.of(named) : Files.createTempDirectory("planner-settings");
        if (named == null) {
            Files.writeString(settings.resolve("settings.json"), "{\"format\": \"finetune-settings/1\", \"theme\": "
                    + "{\"dark\": " + options.contains("dark") + "}, \"language\": \""
                    + (options.contains("vi") ? "vi" : "en") + "\"}");
        }
        Stage stage = launch(settings);
        robot.interact(() -> {
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
        });
        return stage;
    }

    /** "vi-dark", "en-light": the language and theme {@code options} name, for the shots' file names. */
    static String tag(java.util.List<String> options) {
        return (options.contains("vi") ? "vi" : "en") + "-" + (options.contains("dark") ? "dark" : "light");
    }

    static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(700, TimeUnit.MILLISECONDS);
    }

    static void shot(Path out, String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("import", "-window", "root", out.resolve(name + ".png").toString())
                .inheritIO().start();
        p.waitFor(30, TimeUnit.SECONDS);
    }
}
