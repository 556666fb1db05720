package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.control.SegmentedButton;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.ui.common.DropDowns;
import org.finetuneplanner.ui.common.Frames;
import org.finetuneplanner.ui.common.Rows;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * The left side: every input of the scenario, two short fields to a row where they fit, each with its tooltip and
 * its problem painted on the control (ControlsFX decoration with the message as tooltip). Only layout and binding.
 */
public final class InputsView extends ScrollPane {
    private final InputsViewModel vm;
    private final Texts texts;
    private final FormControls controls;
    private final Supplier<Path> configChooser;
    private final VBox content = new VBox();

    // Kept in fields: Spinner value factories hold the asObject() adapters only weakly (STYLE.md §5).
    private ObjectProperty<Integer> alphaObject;
    private ObjectProperty<Integer> accumulationObject;
    private ObjectProperty<Integer> gpuCountObject;

    /**
     * @param configChooser asks the user for a config.json (a FileChooser in the app); null when cancelled
     */
    public InputsView(InputsViewModel vm, Texts texts, Supplier<Path> configChooser) {
        this.vm = vm;
        this.texts = texts;
        this.controls = new FormControls(texts);
        this.configChooser = configChooser;
        getStyleClass().add(Styles.INPUTS);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        Frames.drawChangesOnly(this);
        content.getStyleClass().add("inputs-content");
        content.setPadding(new Insets(8, 12, 12, 12));
        setContent(content);
        buildModel();
        buildMethod();
        buildTraining();
        buildHardware();
        buildData();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Label section(String key) {
        Label l = new Label();
        l.textProperty().bind(texts.t(key));
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    private Label valueLabel(String id, ObservableValue<String> text) {
        return FormControls.valueLabel(id, text);
    }

    private Label muted(String id, ObservableValue<String> text) {
        Label l = FormControls.whileSaid(Styles.MUTED, text);
        l.setId(id);
        return l;
    }

    /** A field (FormControls#field) with {@code problem}'s message painted on its control and said under it. */
    private VBox field(String key, Node control, Label value, Field problem) {
        return controls.field(key, control, value, problem == null ? null : vm.errorProperty(problem));
    }

    private static Label errorLine(ObservableValue<String> error) {
        return FormControls.errorLine(error);
    }

    private TextField textField(String id, String promptKey, javafx.beans.property.StringProperty property) {
        return controls.textField(id, promptKey, property);
    }

    private CheckBox check(String id, String key, javafx.beans.property.BooleanProperty property) {
        CheckBox c = new CheckBox();
        c.setId(id);
        c.textProperty().bind(texts.t(key));
        controls.explain(c, key + ".tip");
        c.selectedProperty().bindBidirectional(property);
        return c;
    }

    // ---- sections -----------------------------------------------------------------------------------------

    private void buildModel() {
        TextField name = new TextField();
        name.setId("scenarioName");
        name.textProperty().bindBidirectional(vm.scenarioNameProperty());
        FormControls.commits(name, vm.history());

        SearchableComboBox<ModelSpec> preset = controls.modelBox("modelBox", vm);
        Label summary = muted("modelSummary", vm.texts().modelSummary());

        Button open = new Button();
        open.setId("openConfig");
        open.textProperty().bind(vm.texts().openConfig());
        controls.explain(open, "inputs.openConfig.tip");
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.setOnAction(e -> {
            Path file = configChooser.get();
            if (file != null) {
                vm.openConfig(file);
            }
        });
        FormControls.decorate(open, vm.errorProperty(Field.CONFIG));

        TextField params = textField("parametersField", "inputs.parameters.prompt", vm.parametersTextProperty());
        controls.explain(params, "inputs.parameters.tip");
        params.accessibleTextProperty().bind(texts.t("inputs.parameters"));
        params.setOnAction(e -> vm.useParameters());
        FormControls.decorate(params, vm.errorProperty(Field.PARAMETERS));
        Button use = new Button();
        use.setId("useParameters");
        use.textProperty().bind(texts.t("inputs.parameters.use"));
        controls.explain(use, "inputs.parameters.tip");
        use.setMinWidth(Region.USE_PREF_SIZE);
        use.setOnAction(e -> vm.useParameters());
        HBox.setHgrow(params, Priority.ALWAYS);
        HBox sources = new HBox(6, open, params, use);
        sources.setAlignment(Pos.CENTER_LEFT);
        controls.explain(open, "inputs.openConfig.tip", vm.errorProperty(Field.CONFIG));
        controls.explain(params, "inputs.parameters.tip", vm.errorProperty(Field.PARAMETERS));

        content.getChildren().addAll(section("section.model"),
                field("inputs.scenarioName", name, null, null),
                field("inputs.model", preset, null, Field.MODEL),
                summary, sources, errorLine(vm.errorProperty(Field.CONFIG)),
                errorLine(vm.errorProperty(Field.PARAMETERS)));
    }

    private void buildMethod() {
        SegmentedButton method = controls.segmented("method", List.of(FineTuneMethod.values()), vm.methodProperty(),
                m -> v -> m.text("inputs.method." + v.name()));
        ObservableValue<Boolean> full = vm.methodProperty().map(m -> m == FineTuneMethod.FULL);

        Slider rank = FormControls.log2Slider("rankSlider", vm.loraRankProperty(), 0,
                FormControls.exponent(InputsViewModel.SLIDER_MAX_RANK));
        rank.disableProperty().bind(full);
        FormControls.gesture(rank, vm.history());
        Spinner<Integer> alpha = FormControls.intSpinner("alphaSpinner", 1, InputsViewModel.SPINNER_MAX_ALPHA,
                vm.loraAlphaProperty(), p -> alphaObject = p);
        alpha.disableProperty().bind(full);
        FormControls.gesture(alpha, vm.history());

        // All seven linear layers in one click, or any set through the check list; the title lists the choice.
        CheckComboBox<LoraTarget> targets = new CheckComboBox<>();
        DropDowns.innerListsWhenOpened(targets);
        targets.setId("targets");
        targets.getItems().setAll(LoraTarget.values());
        targets.converterProperty().bind(texts.enumConverter());
        targets.disableProperty().bind(full);
        for (LoraTarget t : LoraTarget.values()) {
            // VM → view first; checking an already checked item fires nothing, so the round trip stops.
            vm.targetProperty(t).subscribe(on -> {
                if (on) {
                    targets.getCheckModel().check(t);
                } else {
                    targets.getCheckModel().clearCheck(t);
                }
            });
        }
        // View → VM: only the items of this change, so a sync in progress never clears another target.
        targets.getCheckModel().getCheckedItems().addListener((ListChangeListener<LoraTarget>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(t -> vm.targetProperty(t).set(false));
                change.getAddedSubList().forEach(t -> vm.targetProperty(t).set(true));
            }
        });
        Button allLinear = new Button();
        allLinear.setId("allLinear");
        allLinear.textProperty().bind(texts.t("inputs.targets.allLinear"));
        controls.explain(allLinear, "inputs.targets.allLinear.tip");
        allLinear.setMinWidth(Region.USE_PREF_SIZE);
        allLinear.disableProperty().bind(full);
        allLinear.setOnAction(e -> vm.targetAllLinear());
        controls.explain(targets, "inputs.targets.tip", vm.errorProperty(Field.TARGETS));
        targets.accessibleTextProperty().bind(texts.t("inputs.targets"));
        targets.setMaxWidth(Double.MAX_VALUE);
        FormControls.decorate(targets, vm.errorProperty(Field.TARGETS));
        HBox.setHgrow(targets, Priority.ALWAYS);
        VBox targetsField = field("inputs.targets", new HBox(6, targets, allLinear), null, null);
        ((Label) ((HBox) targetsField.getChildren().get(0)).getChildren().get(0)).setLabelFor(targets);
        targetsField.getChildren().add(errorLine(vm.errorProperty(Field.TARGETS)));

        ComboBox<WeightStorage> base = controls.enumBox("baseWeightsBox", WeightStorage.values(),
                vm.baseWeightsProperty());
        base.disableProperty().bind(full);

        content.getChildren().addAll(section("section.method"),
                methodField(method),
                field("inputs.rank", rank, valueLabel("rankValue", vm.texts().rank()), null),
                Rows.pair(10, field("inputs.alpha", alpha, null, null), field("inputs.baseWeights", base, null, null)),
                targetsField);
    }

    /** The method's toggles right under the section "Method": a second "Method" label would only repeat it. */
    private VBox methodField(SegmentedButton method) {
        VBox box = field("inputs.method", method, null, Field.METHOD);
        box.getChildren().remove(0);
        return box;
    }

    private void buildTraining() {
        SegmentedButton precision = controls.segmented("precision", List.of(Precision.values()),
                vm.precisionProperty(), m -> m::label);
        // FP8 stays visible on a GPU without it, disabled, with the reason as its tooltip.
        Tooltip reason = new Tooltip();
        reason.textProperty().bind(vm.fp8ReasonProperty());
        for (ToggleButton b : precision.getButtons()) {
            if (b.getUserData() == Precision.FP8) {
                vm.fp8AvailableProperty().subscribe(ok -> {
                    b.setDisable(!ok && vm.precisionProperty().get() != Precision.FP8);
                    b.setTooltip(ok ? null : reason);
                });
                vm.precisionProperty().subscribe(p -> b.setDisable(!vm.fp8AvailableProperty().getValue()
                        && p != Precision.FP8));
            }
        }
        Label fp8 = muted("fp8Reason", Bindings.createStringBinding(
                () -> vm.errorProperty(Field.PRECISION).getValue().isEmpty() ? vm.fp8ReasonProperty().getValue() : "",
                vm.fp8ReasonProperty(), vm.errorProperty(Field.PRECISION)));
        VBox precisionField = field("inputs.precision", precision, null, Field.PRECISION);
        precisionField.getChildren().add(fp8);

        FlowPane switches = new FlowPane(12, 4, check("masterWeights", "inputs.masterWeights",
                vm.masterWeightsProperty()), check("optimizerInBackward", "inputs.optimizerInBackward",
                vm.optimizerInBackwardProperty()), check("compile", "inputs.compile", vm.compileProperty()));
        switches.setId("trainingSwitches");

        Slider batch = FormControls.log2Slider("batchSlider", vm.microBatchProperty(), 0,
                FormControls.exponent(InputsViewModel.SLIDER_MAX_MICRO_BATCH));
        Slider sequence = FormControls.log2Slider("sequenceSlider", vm.sequenceLengthProperty(),
                FormControls.exponent(InputsViewModel.SLIDER_MIN_SEQUENCE),
                FormControls.exponent(InputsViewModel.SLIDER_MAX_SEQUENCE));
        Spinner<Integer> accumulation = FormControls.intSpinner("accumulationSpinner", 1,
                InputsViewModel.SPINNER_MAX_ACCUMULATION, vm.accumulationProperty(), p -> accumulationObject = p);
        for (Node held : List.of(batch, sequence, accumulation)) {
            FormControls.gesture(held, vm.history());
        }

        content.getChildren().addAll(section("section.training"), precisionField,
                field("inputs.optimizer", controls.enumBox("optimizerBox", Optimizer.values(),
                        vm.optimizerProperty()), null, null),
                switches,
                field("inputs.microBatch", batch, valueLabel("batchValue", vm.texts().microBatch()), null),
                field("inputs.sequence", sequence, valueLabel("sequenceValue", vm.texts().sequence()), null),
                field("inputs.accumulation", accumulation,
                        valueLabel("accumulationValue", vm.texts().accumulation()), null),
                Rows.pair(10, field("inputs.checkpointing", controls.enumBox("checkpointingBox", Checkpointing.values(),
                                vm.checkpointingProperty()), null, null),
                        field("inputs.attention", controls.enumBox("attentionBox", Attention.values(),
                                vm.attentionProperty()), null, null)),
                Rows.pair(10, field("inputs.loss", controls.enumBox("lossBox", Loss.values(), vm.lossProperty()),
                                null, null),
                        field("inputs.framework", controls.enumBox("frameworkBox", Framework.values(),
                                vm.frameworkProperty()), null, Field.TRAINING)));
    }

    private void buildHardware() {
        ComboBox<GpuSpec> gpu = FormControls.gpuBox("gpuBox", vm);

        Spinner<Integer> count = FormControls.intSpinner("gpuCountSpinner", 1, InputsViewModel.SPINNER_MAX_GPUS,
                vm.gpuCountProperty(), p -> gpuCountObject = p);
        FormControls.gesture(count, vm.history());
        ComboBox<Sharding> sharding = controls.enumBox("shardingBox", Sharding.values(), vm.shardingProperty());
        ComboBox<Offload> offload = controls.enumBox("offloadBox", Offload.values(), vm.offloadProperty());

        content.getChildren().addAll(section("section.hardware"),
                field("inputs.gpu", gpu, null, Field.HARDWARE),
                Rows.pair(10, field("inputs.gpuCount", count, null, Field.GPU_COUNT),
                        field("inputs.sharding", sharding, null, null)),
                field("inputs.offload", offload, null, null),
                new LayoutPane(vm, texts, controls));
    }

    private void buildData() {
        TextField tokens = textField("tokensField", "inputs.tokens.prompt", vm.tokensTextProperty());
        TextField epochs = textField("epochsField", "inputs.epochs", vm.epochsTextProperty());
        TextField price = textField("priceField", "inputs.price.prompt", vm.priceTextProperty());
        for (TextField typed : List.of(tokens, epochs, price)) {
            FormControls.commits(typed, vm.history());
        }
        VBox priceBox = field("inputs.price", price, null, Field.PRICE);
        priceBox.getChildren().add(muted("priceValue", vm.texts().price()));
        Label general = muted("generalError", vm.errorProperty(Field.GENERAL));
        general.getStyleClass().setAll(Styles.FIELD_ERROR);

        content.getChildren().addAll(section("section.data"),
                Rows.pair(10, field("inputs.tokens", tokens, valueLabel("tokensValue", vm.texts().tokens()),
                                Field.TOKENS),
                        field("inputs.epochs", epochs, null, Field.EPOCHS)),
                priceBox, general);
    }
}
