package org.finetuneplanner.ui.planner;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.control.SegmentedButton;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.ui.common.Rows;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * The inputs of presentation mode: only what a customer asks about — the model, the method, the GPU with its count
 * and sharding, the sequence length and the data — bound to the same form as the full inputs, so every other input
 * keeps its value and the whole form is one click away. Only layout and binding; ids start with "essential".
 */
public final class EssentialsView extends VBox {
    // Kept in a field: the Spinner's value factory holds the asObject() adapter only weakly (STYLE.md §5).
    private ObjectProperty<Integer> gpuCountObject;

    public EssentialsView(InputsViewModel vm, Texts texts) {
        FormControls controls = new FormControls(texts);
        getStyleClass().add("essentials");
        setSpacing(10);

        SearchableComboBox<ModelSpec> model = controls.modelBox("essentialModel", vm);
        SegmentedButton method = controls.segmented("essentialMethod", List.of(FineTuneMethod.values()),
                vm.methodProperty(), m -> v -> m.text("inputs.method." + v.name()));
        ComboBox<GpuSpec> gpu = FormControls.gpuBox("essentialGpu", vm);
        Spinner<Integer> count = FormControls.intSpinner("essentialGpuCount", 1, InputsViewModel.SPINNER_MAX_GPUS,
                vm.gpuCountProperty(), p -> gpuCountObject = p);
        ComboBox<Sharding> sharding = controls.enumBox("essentialSharding", Sharding.values(),
                vm.shardingProperty());
        Slider sequence = FormControls.log2Slider("essentialSequence", vm.sequenceLengthProperty(),
                FormControls.exponent(InputsViewModel.SLIDER_MIN_SEQUENCE),
                FormControls.exponent(InputsViewModel.SLIDER_MAX_SEQUENCE));
        // A drag of the slider or a held spinner arrow is one step to undo, as in the whole form.
        for (Node held : List.of(count, sequence)) {
            FormControls.gesture(held, vm.history());
        }
        TextField tokens = controls.textField("essentialTokens", "inputs.tokens.prompt", vm.tokensTextProperty());
        TextField epochs = controls.textField("essentialEpochs", "inputs.epochs", vm.epochsTextProperty());
        FormControls.commits(tokens, vm.history());
        FormControls.commits(epochs, vm.history());

        // The count is a number of one to three digits: the sharding's words get the rest of the row.
        VBox countField = controls.field("inputs.gpuCount", count, null, vm.errorProperty(Field.GPU_COUNT));
        countField.getStyleClass().add("essential-count");
        // A model-parallel layout has no controls here (the whole form has them) but is said while one is set: the
        // GPU count means TP × PP × CP × data-parallel replicas then.
        Label layout = FormControls.whileSaid(Styles.MUTED, Bindings.createStringBinding(
                () -> vm.layout().splitProperty().getValue() ? vm.texts().layout().getValue() : "",
                vm.layout().splitProperty(), vm.texts().layout()));
        layout.setId("essentialLayout");
        layout.setWrapText(true);
        getChildren().addAll(
                controls.field("inputs.model", model, null, vm.errorProperty(Field.MODEL)),
                controls.field("inputs.method", method, null, vm.errorProperty(Field.METHOD)),
                controls.field("inputs.gpu", gpu, null, vm.errorProperty(Field.HARDWARE)),
                Rows.pair(10, countField, controls.field("inputs.sharding", sharding, null, null)),
                layout,
                controls.field("inputs.sequence", sequence,
                        FormControls.valueLabel("essentialSequenceValue", vm.texts().sequence()), null),
                // "Dataset tokens" without "(one epoch)": the value beside it keeps its room in the narrow column.
                controls.field("presentation.tokens", tokens,
                        FormControls.valueLabel("essentialTokensValue", vm.texts().tokens()),
                        vm.errorProperty(Field.TOKENS)),
                controls.field("inputs.epochs", epochs, null, vm.errorProperty(Field.EPOCHS)));
    }
}
