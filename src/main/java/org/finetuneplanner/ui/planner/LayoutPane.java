package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.ui.common.Rows;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * The model-parallel layout in the hardware section: TP, PP with its virtual stages, CP, EP and sequence
 * parallelism, under a title that names them all, so a platform lead finds it without hunting. It opens by itself
 * when the layout matters (the Megatron framework, or a layout already set) and can be opened any time. A degree
 * that means nothing here is disabled with the reason beside it (EP on a dense model; virtual stages without PP;
 * sequence parallelism without TP) unless it is already set, so a file's value can still be put back to 1. Only
 * layout and binding.
 */
final class LayoutPane extends TitledPane {
    // Kept in fields: Spinner value factories hold the asObject() adapters only weakly (STYLE.md §5).
    private ObjectProperty<Integer> tensorObject;
    private ObjectProperty<Integer> pipelineObject;
    private ObjectProperty<Integer> virtualObject;
    private ObjectProperty<Integer> contextObject;
    private ObjectProperty<Integer> expertObject;

    LayoutPane(InputsViewModel vm, Texts texts, FormControls controls) {
        LayoutInputs layout = vm.layout();
        setId("layoutPane");
        getStyleClass().add("layout-pane");
        textProperty().bind(texts.t("inputs.layout"));
        controls.explain(this, "inputs.layout.tip");
        // Opens when the layout starts to matter; the user may close or open it any time after.
        setExpanded(layout.mattersProperty().getValue());
        // Its inputs are made when it first opens: closed, as it starts for most jobs, it would still style and lay
        // out five spinners with their text fields at every start (docs/performance.md, "First frame").
        expandedProperty().subscribe(open -> {
            if (open && getContent() == null) {
                setContent(content(vm, texts, controls));
            }
        });
        layout.mattersProperty().subscribe(matters -> {
            if (matters) {
                setExpanded(true);
            }
        });
    }

    private VBox content(InputsViewModel vm, Texts texts, FormControls controls) {
        LayoutInputs layout = vm.layout();
        Spinner<Integer> tensor = spinner("tensorParallelSpinner", layout.tensorProperty(), p -> tensorObject = p);
        Spinner<Integer> pipeline = spinner("pipelineParallelSpinner", layout.pipelineProperty(),
                p -> pipelineObject = p);
        Spinner<Integer> virtual = spinner("virtualStagesSpinner", layout.virtualStagesProperty(),
                p -> virtualObject = p);
        Spinner<Integer> context = spinner("contextParallelSpinner", layout.contextProperty(),
                p -> contextObject = p);
        Spinner<Integer> expert = spinner("expertParallelSpinner", layout.expertProperty(), p -> expertObject = p);
        for (Node held : List.of(tensor, pipeline, virtual, context, expert)) {
            FormControls.gesture(held, vm.history());
        }
        virtual.disableProperty().bind(layout.pipelineProperty().isEqualTo(1)
                .and(layout.virtualStagesProperty().isEqualTo(1)));
        expert.disableProperty().bind(Bindings.createBooleanBinding(() -> !layout.expertAvailableProperty().getValue()
                && layout.expertProperty().get() == 1, layout.expertAvailableProperty(), layout.expertProperty()));

        CheckBox sequence = new CheckBox();
        sequence.setId("sequenceParallel");
        sequence.textProperty().bind(texts.t("inputs.sequenceParallel"));
        controls.explain(sequence, "inputs.sequenceParallel.tip");
        sequence.selectedProperty().bindBidirectional(layout.sequenceParallelProperty());
        sequence.disableProperty().bind(layout.tensorProperty().isEqualTo(1)
                .and(layout.sequenceParallelProperty().not()));
        sequence.setWrapText(true);
        // The check box sits level with the spinner beside it.
        HBox sequenceRow = new HBox(sequence);
        sequenceRow.setAlignment(Pos.CENTER_LEFT);
        sequenceRow.getStyleClass().add("layout-check");

        VBox content = new VBox(6,
                Rows.pair(10, field(controls, vm, "inputs.tensorParallel", tensor, Field.TENSOR_PARALLEL),
                        field(controls, vm, "inputs.pipelineParallel", pipeline, Field.PIPELINE_PARALLEL)),
                Rows.pair(10, field(controls, vm, "inputs.virtualStages", virtual, Field.VIRTUAL_STAGES),
                        field(controls, vm, "inputs.contextParallel", context, Field.CONTEXT_PARALLEL)),
                Rows.pair(10, field(controls, vm, "inputs.expertParallel", expert, Field.EXPERT_PARALLEL),
                        sequenceRow),
                FormControls.whileSaid(Styles.MUTED, vm.texts().expertReason()),
                FormControls.whileSaid(Styles.MUTED, vm.texts().layout()));
        content.getChildren().get(content.getChildren().size() - 1).setId("layoutValue");
        return content;
    }

    private static Spinner<Integer> spinner(String id, IntegerProperty property,
                                            Consumer<ObjectProperty<Integer>> keep) {
        return FormControls.intSpinner(id, 1, Limits.MAX_PARALLEL, property, keep);
    }

    private static VBox field(FormControls controls, InputsViewModel vm, String key, Node control, Field problem) {
        return controls.field(key, control, null, vm.errorProperty(problem));
    }
}
