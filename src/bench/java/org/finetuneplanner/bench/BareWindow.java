package org.finetuneplanner.bench;

import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.finetuneplanner.ui.common.StartupProbe;

/**
 * The floor of a cold start: a JavaFX window with one label, as large as the app's first window (1440×900 made to
 * fit the screen), its first frame printed by the same {@link StartupProbe} as the app's. {@link FirstFrame} runs
 * it; by hand: {@code java -Dfinetuneplanner.startupProbe=true -p JAVAFX_JARS --add-modules javafx.controls -cp
 * CLASSES org.finetuneplanner.bench.BareWindow}.
 */
public final class BareWindow extends Application {

    public static void main(String[] args) {
        launch(BareWindow.class, args);
    }

    @Override
    public void start(Stage stage) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(new StackPane(new Label("Fine-Tune Planner")),
                Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        stage.setTitle("Bare window");
        stage.setScene(scene);
        StartupProbe.firstFrame(scene);
        StartupProbe.complete(scene);
        stage.show();
    }
}
