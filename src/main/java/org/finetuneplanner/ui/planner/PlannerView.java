package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;

import org.finetuneplanner.ui.common.Frames;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/** Inputs on the left, results on the right. */
public final class PlannerView extends SplitPane {
    private final PlannerViewModel vm;
    private final Texts texts;
    private final InputsView inputs;
    private ResultsView results;
    private boolean placed;
    private boolean scheduled;

    /** Inputs and results built at once. */
    public PlannerView(PlannerViewModel vm, Texts texts, Supplier<Path> configChooser) {
        this(vm, texts, configChooser, null);
    }

    /**
     * @param resultsShown null: the results are built at once; else the window's first frame shows the inputs and
     *                     an empty results pane, the results are built right after it, and this runs once they are
     *                     in the scene (the app's start: the results' nodes are half of the window's)
     */
    public PlannerView(PlannerViewModel vm, Texts texts, Supplier<Path> configChooser, Runnable resultsShown) {
        this.vm = vm;
        this.texts = texts;
        inputs = new InputsView(vm.inputs(), texts, configChooser);
        if (resultsShown == null) {
            getItems().setAll(inputs, results());
        } else {
            Region pending = new Region();
            pending.getStyleClass().add(Styles.RESULTS);
            getItems().setAll(inputs, pending);
            sceneProperty().subscribe(scene -> {
                if (scene != null && !scheduled) {
                    scheduled = true;
                    Frames.afterNext(scene, () -> {
                        double[] divider = getDividerPositions();
                        getItems().set(1, results());
                        setDividerPositions(divider);
                        resultsShown.run();
                    });
                }
            });
        }
        SplitPane.setResizableWithParent(inputs, false);
        inputs.setMinWidth(330);
        // The inputs get about 30% of the first real width, between 340 and 440 px: two short fields to a row
        // fit, and the results keep the rest. Later the user's divider wins (the inputs do not resize with the
        // window).
        widthProperty().subscribe(w -> {
            if (!placed && w.doubleValue() > 0) {
                placed = true;
                setDividerPositions(Math.min(440, Math.max(340, w.doubleValue() * 0.3)) / w.doubleValue());
            }
        });
    }

    private ResultsView results() {
        results = new ResultsView(vm.results(), texts);
        return results;
    }

    /** The results side, once it is built (for the chart exports of the File menu). */
    public Optional<ResultsView> resultsView() {
        return Optional.ofNullable(results);
    }
}
