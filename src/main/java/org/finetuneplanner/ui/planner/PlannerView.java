package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.scene.control.SplitPane;

import org.finetuneplanner.ui.common.Texts;

/** Inputs on the left, results on the right. */
public final class PlannerView extends SplitPane {
    private final InputsView inputs;
    private final ResultsView results;
    private boolean placed;

    public PlannerView(PlannerViewModel vm, Texts texts, Supplier<Path> configChooser) {
        inputs = new InputsView(vm.inputs(), texts, configChooser);
        results = new ResultsView(vm.results(), texts);
        getItems().setAll(inputs, results);
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

    /** The results side, once it is built (for the chart exports of the File menu). */
    public Optional<ResultsView> resultsView() {
        return Optional.ofNullable(results);
    }
}
