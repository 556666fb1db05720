package org.finetuneplanner.ui.common;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;

/** Work that waits for a frame, so that a window shows first and fills in after. Call on the FX thread. */
public final class Frames {
    private Frames() {
    }

    /**
     * Lets a scroll pane whose content changes while it is seen draw only what changed. JavaFX keeps a scroll
     * pane's viewport as a cached bitmap (cheap scrolling), and any change inside redraws the whole viewport into
     * it: with the software pipeline, every slider tick repainted both panes of the planner in full.
     */
    public static void drawChangesOnly(ScrollPane pane) {
        pane.skinProperty().subscribe(skin -> {
            if (skin != null) {
                for (Node child : pane.getChildrenUnmodifiable()) {
                    if (child.getStyleClass().contains("viewport")) {
                        child.setCache(false);
                    }
                }
            }
        });
    }

    /**
     * Runs {@code task} on the FX thread once the next pulse of {@code scene} has been laid out and handed to the
     * renderer (which draws it meanwhile on its own thread); asks for that pulse.
     */
    public static void afterNext(Scene scene, Runnable task) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(task);
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
