package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.Architecture;
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
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/** The left side: every input of the scenario, each with its value, unit, tooltip and inline error. */
public final class InputsView extends ScrollPane {
    private final PlannerViewModel vm;
    private final Texts texts;
    private final Supplier<Path> configChooser;
    private final VBox content = new VBox();

    // Kept in fields: Spinner value factories hold the asObject() adapters only weakly (STYLE.md §5).
    private ObjectProperty<Integer> alphaObject;
    private ObjectProperty<Integer> accumulationObject;
    private ObjectProperty<Integer> gpuCountObject;

    /**
     * @param configChooser asks the user for a config.json (a FileChooser in the app); null when cancelled
     */
    public InputsView(PlannerViewModel vm, Texts texts, Supplier<Path> configChooser) {
        this.vm = vm;
        this.texts = texts;
        this.configChooser = configChooser;
        getStyleClass().add(Styles.INPUTS);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        content.getStyleClass().add("inputs-content");
        content.setPadding(new Insets(12));
        content.setSpacing(6);
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

    private Label errorLabel(String id, ObservableValue<String> error) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.FIELD_ERROR);
        l.setWrapText(true);
        l.textProperty().bind(error);
        l.visibleProperty().bind(error.map(s -> !s.isEmpty()));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private Label valueLabel(String id, ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.FIELD_VALUE);
        l.textProperty().bind(text);
        return l;
    }

    /** A field: its label (with the value on the right), the control, then an error line when there is one. */
    private VBox field(String key, Node control, Label value, Label error) {
        Label name = new Label();
        name.textProperty().bind(texts.t(key));
        name.getStyleClass().add(Styles.FIELD_LABEL);
        name.setLabelFor(control);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = value == null ? new HBox(name) : new HBox(6, name, spacer, value);
        VBox box = new VBox(3, head, control);
        if (error != null) {
            box.getChildren().add(error);
        }
        if (control instanceof javafx.scene.control.Control c) {
            c.setTooltip(tooltip(key + ".tip"));
            c.setMaxWidth(Double.MAX_VALUE);
        }
        return box;
    }

    private Tooltip tooltip(String key) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(texts.t(key));
        tip.setWrapText(true);
        tip.setMaxWidth(400);
        return tip;
    }

    private <E extends Enum<E>> ComboBox<E> enumBox(String id, E[] values, ObjectProperty<E> property) {
        ComboBox<E> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.converterProperty().bind(texts.enumConverter());
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(property);
        return box;
    }

    /**
     * A slider over powers of two: it shows log2 of the VM's integer. VM → view first (the slider's default would
     * win otherwise); both conversions round, so a round trip stops after one step (STYLE.md §5).
     */
    private Slider log2Slider(String id, IntegerProperty property, int minExp, int maxExp) {
        Slider s = new Slider(minExp, maxExp, minExp);
        s.setId(id);
        s.setMajorTickUnit(1);
        s.setMinorTickCount(0);
        s.setSnapToTicks(true);
        s.setShowTickMarks(true);
        s.setBlockIncrement(1);
        property.subscribe(n -> s.setValue(log2(n.intValue())));
        s.valueProperty().subscribe(v -> {
            int value = (int) Math.round(Math.pow(2, v.doubleValue()));
            if (Math.abs(log2(property.get()) - v.doubleValue()) > 1e-9) {
                property.set(value);
            }
        });
        return s;
    }

    /** The exponent of a power of two (a slider end). */
    private static int exponent(int powerOfTwo) {
        return Integer.numberOfTrailingZeros(powerOfTwo);
    }

    private static double log2(int n) {
        return Math.log(Math.max(1, n)) / Math.log(2);
    }

    private Spinner<Integer> intSpinner(String id, int min, int max, IntegerProperty property,
                                        Consumer<ObjectProperty<Integer>> keep) {
        Spinner<Integer> sp = new Spinner<>();
        sp.setId(id);
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get());
        sp.setValueFactory(f);
        sp.setEditable(true);
        ObjectProperty<Integer> object = property.asObject();
        keep.accept(object);
        f.valueProperty().bindBidirectional(object);
        sp.setMaxWidth(Double.MAX_VALUE);
        // Typed text is committed when focus leaves, so Tab never loses a value.
        sp.focusedProperty().subscribe(focused -> {
            if (!focused) {
                sp.increment(0);
            }
        });
        return sp;
    }

    private TextField textField(String id, String promptKey, javafx.beans.property.StringProperty property) {
        TextField t = new TextField();
        t.setId(id);
        t.promptTextProperty().bind(texts.t(promptKey));
        t.textProperty().bindBidirectional(property);
        return t;
    }

    private ObservableValue<Formats> formats() {
        return vm.formatsProperty();
    }

    // ---- sections -----------------------------------------------------------------------------------------

    private void buildModel() {
        TextField name = new TextField();
        name.setId("scenarioName");
        name.textProperty().bindBidirectional(vm.scenarioNameProperty());

        TextField search = textField("modelSearch", "inputs.modelSearch.prompt", vm.modelSearchProperty());
        ListView<ModelSpec> list = new ListView<>(vm.filteredPresets());
        list.setId("modelList");
        list.setPrefHeight(150);
        list.setMinHeight(90);
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(ModelSpec item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.displayName());
            }
        });
        // VM → view first; then the list writes only real selections (filtering clears it to null).
        vm.modelProperty().subscribe(m -> {
            if (m != null && list.getSelectionModel().getSelectedItem() != m) {
                list.getSelectionModel().select(m);
                list.scrollTo(m);
            }
        });
        list.getSelectionModel().selectedItemProperty().subscribe(m -> {
            if (m != null && m != vm.modelProperty().get()) {
                vm.modelProperty().set(m);
            }
        });
        vm.filteredPresets().subscribe(() -> {
            ModelSpec m = vm.modelProperty().get();
            if (m != null && vm.filteredPresets().contains(m)) {
                list.getSelectionModel().select(m);
            }
        });
        Label summary = new Label();
        summary.setId("modelSummary");
        summary.getStyleClass().add(Styles.MUTED);
        summary.setWrapText(true);
        summary.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> modelSummary(),
                vm.modelProperty(), vm.estimateProperty(), texts.messages()));

        Button open = new Button();
        open.setId("openConfig");
        open.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> texts.now().text(
                vm.loadingConfigProperty().get() ? "inputs.openConfig.loading" : "inputs.openConfig"),
                vm.loadingConfigProperty(), texts.messages()));
        open.setOnAction(e -> {
            Path file = configChooser.get();
            if (file != null) {
                vm.openConfig(file);
            }
        });
        Label configError = errorLabel("configError", vm.errorProperty(Field.CONFIG));

        TextField params = textField("parametersField", "inputs.parameters.prompt", vm.parametersTextProperty());
        Button use = new Button();
        use.setId("useParameters");
        use.textProperty().bind(texts.t("inputs.parameters.use"));
        use.setOnAction(e -> vm.useParameters());
        params.setOnAction(e -> vm.useParameters());
        params.setTooltip(tooltip("inputs.parameters.tip"));
        use.setTooltip(tooltip("inputs.parameters.tip"));
        HBox.setHgrow(params, Priority.ALWAYS);
        params.setMaxWidth(Double.MAX_VALUE);
        HBox paramsRow = new HBox(6, params, use);

        VBox openBox = new VBox(3, open, configError);
        open.setMaxWidth(Double.MAX_VALUE);
        open.setTooltip(tooltip("inputs.openConfig.tip"));
        VBox paramsBox = field("inputs.parameters", paramsRow, null,
                errorLabel("parametersError", vm.errorProperty(Field.PARAMETERS)));

        content.getChildren().addAll(section("section.model"),
                field("inputs.scenarioName", name, null, null),
                field("inputs.modelSearch", search, null, null),
                field("inputs.model", list, null, errorLabel("modelError", vm.errorProperty(Field.MODEL))),
                summary, openBox, paramsBox);
    }

    private String modelSummary() {
        ModelSpec m = vm.modelProperty().get();
        if (m == null) {
            return "";
        }
        Messages msg = texts.now();
        Formats f = vm.formatsProperty().getValue();
        Architecture a = m.architecture();
        String params = vm.estimateProperty().getValue() == null ? "?"
                : f.shortCount(vm.estimateProperty().getValue().parameters().base());
        return msg.text("inputs.model.summary", params, a.numLayers(), f.count(a.hiddenSize()), a.numHeads(),
                a.numKvHeads(), f.count(a.vocabSize())) + " \u00b7 " + msg.text("inputs.model.origin." + m.origin());
    }

    private void buildMethod() {
        ComboBox<FineTuneMethod> method = enumBox("methodBox", FineTuneMethod.values(), vm.methodProperty());
        ObservableValue<Boolean> full = vm.methodProperty().map(m -> m == FineTuneMethod.FULL);

        Slider rank = log2Slider("rankSlider", vm.loraRankProperty(), 0, exponent(PlannerViewModel.SLIDER_MAX_RANK));
        rank.disableProperty().bind(full);
        Label rankValue = valueLabel("rankValue", javafx.beans.binding.Bindings.createStringBinding(
                () -> texts.now().text("inputs.rank.value", vm.loraRankProperty().get()),
                vm.loraRankProperty(), texts.messages()));

        Spinner<Integer> alpha = intSpinner("alphaSpinner", 1, PlannerViewModel.SPINNER_MAX_ALPHA,
                vm.loraAlphaProperty(), p -> alphaObject = p);
        alpha.disableProperty().bind(full);

        FlowPane targets = new FlowPane(10, 4);
        targets.setId("targets");
        for (LoraTarget t : LoraTarget.values()) {
            CheckBox c = new CheckBox();
            c.setId("target-" + t.id());
            c.setMnemonicParsing(false);
            c.textProperty().bind(texts.messages().map(m -> m.label(t)));
            c.selectedProperty().bindBidirectional(vm.targetProperty(t));
            c.disableProperty().bind(full);
            targets.getChildren().add(c);
        }
        ComboBox<WeightStorage> base = enumBox("baseWeightsBox", WeightStorage.values(), vm.baseWeightsProperty());
        base.disableProperty().bind(full);

        content.getChildren().addAll(section("section.method"),
                field("inputs.method", method, null, errorLabel("methodError", vm.errorProperty(Field.METHOD))),
                field("inputs.rank", rank, rankValue, null),
                field("inputs.alpha", alpha, null, null),
                field("inputs.targets", targets, null, errorLabel("targetsError", vm.errorProperty(Field.TARGETS))),
                field("inputs.baseWeights", base, null, null));
    }

    private void buildTraining() {
        ComboBox<Precision> precision = enumBox("precisionBox", Precision.values(), vm.precisionProperty());
        precision.setCellFactory(lv -> new ListCell<>() {
            private final Tooltip reason = new Tooltip();

            {
                reason.textProperty().bind(vm.fp8ReasonProperty());
                // Each cell follows the GPU itself: a popup shown before a change of GPU stays right after it.
                vm.fp8AvailableProperty().subscribe(ok -> markFp8());
            }

            @Override
            protected void updateItem(Precision item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : texts.now().label(item));
                markFp8();
            }

            private void markFp8() {
                boolean off = getItem() == Precision.FP8 && !vm.fp8AvailableProperty().getValue();
                setDisable(off);
                setTooltip(off ? reason : null);
            }
        });
        Label fp8 = new Label();
        fp8.setId("fp8Reason");
        fp8.getStyleClass().add(Styles.MUTED);
        fp8.setWrapText(true);
        fp8.textProperty().bind(vm.fp8ReasonProperty());
        fp8.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !vm.fp8ReasonProperty().getValue().isEmpty()
                        && vm.errorProperty(Field.PRECISION).getValue().isEmpty(),
                vm.fp8ReasonProperty(), vm.errorProperty(Field.PRECISION)));
        fp8.managedProperty().bind(fp8.visibleProperty());
        VBox precisionField = field("inputs.precision", precision, null,
                errorLabel("precisionError", vm.errorProperty(Field.PRECISION)));
        precisionField.getChildren().add(fp8);

        CheckBox master = new CheckBox();
        master.setId("masterWeights");
        master.textProperty().bind(texts.t("inputs.masterWeights"));
        master.selectedProperty().bindBidirectional(vm.masterWeightsProperty());
        ComboBox<Optimizer> optimizer = enumBox("optimizerBox", Optimizer.values(), vm.optimizerProperty());
        CheckBox inBackward = new CheckBox();
        inBackward.setId("optimizerInBackward");
        inBackward.textProperty().bind(texts.t("inputs.optimizerInBackward"));
        inBackward.selectedProperty().bindBidirectional(vm.optimizerInBackwardProperty());

        Slider batch = log2Slider("batchSlider", vm.microBatchProperty(), 0,
                exponent(PlannerViewModel.SLIDER_MAX_MICRO_BATCH));
        Label batchValue = valueLabel("batchValue", javafx.beans.binding.Bindings.createStringBinding(
                () -> texts.now().text("inputs.microBatch.value", vm.microBatchProperty().get()),
                vm.microBatchProperty(), texts.messages()));
        Slider sequence = log2Slider("sequenceSlider", vm.sequenceLengthProperty(),
                exponent(PlannerViewModel.SLIDER_MIN_SEQUENCE), exponent(PlannerViewModel.SLIDER_MAX_SEQUENCE));
        Label sequenceValue = valueLabel("sequenceValue", javafx.beans.binding.Bindings.createStringBinding(
                () -> texts.now().text("inputs.sequence.value",
                        formats().getValue().count(vm.sequenceLengthProperty().get())),
                vm.sequenceLengthProperty(), texts.messages()));
        Spinner<Integer> accumulation = intSpinner("accumulationSpinner", 1, PlannerViewModel.SPINNER_MAX_ACCUMULATION,
                vm.accumulationProperty(), p -> accumulationObject = p);
        Label accValue = valueLabel("accumulationValue", javafx.beans.binding.Bindings.createStringBinding(
                () -> texts.now().text("inputs.accumulation.value", formats().getValue().count(
                        (long) vm.microBatchProperty().get() * vm.accumulationProperty().get()
                                * vm.gpuCountProperty().get())),
                vm.microBatchProperty(), vm.accumulationProperty(), vm.gpuCountProperty(), texts.messages()));

        CheckBox compile = new CheckBox();
        compile.setId("compile");
        compile.textProperty().bind(texts.t("inputs.compile"));
        compile.selectedProperty().bindBidirectional(vm.compileProperty());

        VBox masterBox = field("inputs.masterWeights", master, null, null);
        masterBox.getChildren().remove(0);
        VBox inBackwardBox = field("inputs.optimizerInBackward", inBackward, null, null);
        inBackwardBox.getChildren().remove(0);
        VBox compileBox = field("inputs.compile", compile, null, null);
        compileBox.getChildren().remove(0);

        content.getChildren().addAll(section("section.training"), precisionField, masterBox,
                field("inputs.optimizer", optimizer, null, null), inBackwardBox,
                field("inputs.microBatch", batch, batchValue, null),
                field("inputs.sequence", sequence, sequenceValue, null),
                field("inputs.accumulation", accumulation, accValue, null),
                field("inputs.checkpointing", enumBox("checkpointingBox", Checkpointing.values(),
                        vm.checkpointingProperty()), null, null),
                field("inputs.attention", enumBox("attentionBox", Attention.values(), vm.attentionProperty()),
                        null, null),
                field("inputs.loss", enumBox("lossBox", Loss.values(), vm.lossProperty()), null, null),
                field("inputs.framework", enumBox("frameworkBox", Framework.values(), vm.frameworkProperty()),
                        null, errorLabel("trainingError", vm.errorProperty(Field.TRAINING))),
                compileBox);
    }

    private void buildHardware() {
        ComboBox<GpuSpec> gpu = new ComboBox<>();
        gpu.setId("gpuBox");
        gpu.getItems().setAll(vm.gpus());
        gpu.converterProperty().bind(texts.messages().map(m -> new StringConverter<GpuSpec>() {
            @Override
            public String toString(GpuSpec g) {
                return g == null ? "" : m.text("inputs.gpu.item", g.name(),
                        formats().getValue().gib(g.usableMemoryGib()).replace(" GiB", ""));
            }

            @Override
            public GpuSpec fromString(String s) {
                throw new UnsupportedOperationException("read-only");
            }
        }));
        gpu.valueProperty().bindBidirectional(vm.gpuProperty());
        gpu.setVisibleRowCount(14);

        Spinner<Integer> count = intSpinner("gpuCountSpinner", 1, PlannerViewModel.SPINNER_MAX_GPUS,
                vm.gpuCountProperty(),
                p -> gpuCountObject = p);
        ComboBox<Sharding> sharding = enumBox("shardingBox", Sharding.values(), vm.shardingProperty());
        ComboBox<Offload> offload = enumBox("offloadBox", Offload.values(), vm.offloadProperty());

        content.getChildren().addAll(section("section.hardware"),
                field("inputs.gpu", gpu, null, errorLabel("hardwareError", vm.errorProperty(Field.HARDWARE))),
                field("inputs.gpuCount", count, null, errorLabel("gpuCountError", vm.errorProperty(Field.GPU_COUNT))),
                field("inputs.sharding", sharding, null, null),
                field("inputs.offload", offload, null, null));
    }

    private void buildData() {
        TextField tokens = textField("tokensField", "inputs.tokens.prompt", vm.tokensTextProperty());
        Label tokensValue = valueLabel("tokensValue", javafx.beans.binding.Bindings.createStringBinding(() -> {
            var s = vm.getResults().scenario();
            Messages m = texts.now();
            if (!vm.errorProperty(Field.TOKENS).getValue().isEmpty() || s.isEmpty()) {
                return "";
            }
            var t = s.get().data().tokens();
            return t.isPresent() ? m.text("inputs.tokens.value", formats().getValue().shortCount(t.getAsLong()))
                    : m.text("inputs.tokens.none");
        }, vm.resultsProperty(), texts.messages()));
        TextField epochs = textField("epochsField", "inputs.epochs", vm.epochsTextProperty());
        TextField price = textField("priceField", "inputs.price.prompt", vm.priceTextProperty());
        Label priceValue = valueLabel("priceValue", javafx.beans.binding.Bindings.createStringBinding(() -> {
            Messages m = texts.now();
            Formats f = formats().getValue();
            var e = vm.estimateProperty().getValue();
            if (e != null && e.cost().isPresent()) {
                var c = e.cost().get();
                return c.provider().isEmpty() ? m.text("inputs.price.value", f.usdPerGpuHour(c.usdPerGpuHour()))
                        : m.text("inputs.price.catalog", f.usdPerGpuHour(c.usdPerGpuHour()), c.provider(),
                                c.priceSeen());
            }
            GpuSpec g = vm.gpuProperty().get();
            return g != null && g.cheapestPrice().isEmpty() ? m.text("inputs.price.none") : "";
        }, vm.estimateProperty(), vm.gpuProperty(), texts.messages()));
        priceValue.setWrapText(true);
        VBox priceBox = field("inputs.price", price, null, errorLabel("priceError", vm.errorProperty(Field.PRICE)));
        priceBox.getChildren().add(priceValue);

        content.getChildren().addAll(section("section.data"),
                field("inputs.tokens", tokens, tokensValue, errorLabel("tokensError", vm.errorProperty(Field.TOKENS))),
                field("inputs.epochs", epochs, null, errorLabel("epochsError", vm.errorProperty(Field.EPOCHS))),
                priceBox,
                errorLabel("generalError", vm.errorProperty(Field.GENERAL)));
    }
}
