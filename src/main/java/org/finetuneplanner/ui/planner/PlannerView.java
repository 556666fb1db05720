package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.function.Supplier;

import javafx.scene.control.SplitPane;

import org.finetuneplanner.ui.common.Texts;

/** Inputs on the left, results on the right. */
public final class PlannerView extends SplitPane {
    private final InputsView inputs;
    private final ResultsView results;

    public PlannerView(PlannerViewModel vm, Texts texts, Supplier<Path> configChooser) {
        inputs = new InputsView(vm.inputs(), texts, configChooser);
        results = new ResultsView(vm.results(), texts);
        getItems().setAll(inputs, results);
        setDividerPositions(0.3);
        SplitPane.setResizableWithParent(inputs, false);
        inputs.setMinWidth(330);
    }
}
