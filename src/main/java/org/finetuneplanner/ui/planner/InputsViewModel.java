package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;
import org.finetuneplanner.ui.common.UiExecutors;

/**
 * The form of the planner screen: every input of a scenario as a property, the text fields read into numbers, the
 * method's companion defaults, and each problem at the field of its key. What the inputs describe is one
 * {@link Draft}, recomputed only when an input of the numbers changes (not the scenario's name). Call on the FX
 * thread.
 */
public final class InputsViewModel {
    /*
     * The controls' ranges: what a slider or spinner offers, not what a scenario may hold (core Limits); an opened
     * scenario outside them keeps its value. Powers of two for the log-scale sliders.
     */
    /** Sequence lengths the slider offers: 2^7 … 2^17. */
    public static final int SLIDER_MIN_SEQUENCE = 1 << 7;
    public static final int SLIDER_MAX_SEQUENCE = 1 << 17;
    /** Micro-batches the slider offers: 1 … 2^8. */
    public static final int SLIDER_MAX_MICRO_BATCH = 1 << 8;
    /** LoRA ranks the slider offers: 1 … 2^10. */
    public static final int SLIDER_MAX_RANK = 1 << 10;
    /** LoRA alphas the spinner offers. */
    public static final int SPINNER_MAX_ALPHA = 8192;
    /** Gradient accumulation steps the spinner offers. */
    public static final int SPINNER_MAX_ACCUMULATION = 1024;
    /** GPU counts the spinner offers: as many as the planner considers. */
    public static final int SPINNER_MAX_GPUS = Limits.PLANNER_MAX_GPUS;

    private static final String DEFAULT_MODEL = "llama-3.1-8b";
    private static final String DEFAULT_GPU = "l40s-48gb";

    private final PlannerServices services;
    private final UiExecutors executors;
    private final ObservableValue<Messages> messages;

    private final StringProperty scenarioName = new SimpleStringProperty(this, "scenarioName", "");
    private final ScenarioNames names;
    private final ObservableList<ModelSpec> presets;
    private final ObservableList<GpuSpec> gpus;
    private final ObjectProperty<ModelSpec> model = new SimpleObjectProperty<>(this, "model");
    private final StringProperty parametersText = new SimpleStringProperty(this, "parametersText", "");
    private final ReadOnlyObjectWrapper<Optional<Problem>> parametersProblem =
            new ReadOnlyObjectWrapper<>(this, "parametersProblem", Optional.empty());
    private final ReadOnlyObjectWrapper<Optional<Problem>> configProblem =
            new ReadOnlyObjectWrapper<>(this, "configProblem", Optional.empty());
    private final ReadOnlyBooleanWrapper loadingConfig = new ReadOnlyBooleanWrapper(this, "loadingConfig");

    private final ObjectProperty<FineTuneMethod> method = new SimpleObjectProperty<>(this, "method");
    private final IntegerProperty loraRank = new SimpleIntegerProperty(this, "loraRank", 16);
    private final IntegerProperty loraAlpha = new SimpleIntegerProperty(this, "loraAlpha", 32);
    private final Map<LoraTarget, BooleanProperty> targets = new EnumMap<>(LoraTarget.class);
    private final ObjectProperty<Set<ExtraTrainable>> extraTrainable =
            new SimpleObjectProperty<>(this, "extraTrainable", Set.of());
    private final ObjectProperty<WeightStorage> baseWeights = new SimpleObjectProperty<>(this, "baseWeights");

    private final ObjectProperty<Precision> precision = new SimpleObjectProperty<>(this, "precision");
    private final BooleanProperty masterWeights = new SimpleBooleanProperty(this, "masterWeights");
    private final ObjectProperty<Optimizer> optimizer = new SimpleObjectProperty<>(this, "optimizer");
    private final BooleanProperty optimizerInBackward = new SimpleBooleanProperty(this, "optimizerInBackward");
    private final IntegerProperty microBatch = new SimpleIntegerProperty(this, "microBatch", 1);
    private final IntegerProperty sequenceLength = new SimpleIntegerProperty(this, "sequenceLength", 2048);
    private final IntegerProperty accumulation = new SimpleIntegerProperty(this, "accumulation", 1);
    private final ObjectProperty<Checkpointing> checkpointing = new SimpleObjectProperty<>(this, "checkpointing");
    private final ObjectProperty<Attention> attention = new SimpleObjectProperty<>(this, "attention");
    private final ObjectProperty<Loss> loss = new SimpleObjectProperty<>(this, "loss");
    private final ObjectProperty<Framework> framework = new SimpleObjectProperty<>(this, "framework");
    private final BooleanProperty compile = new SimpleBooleanProperty(this, "compile");

    private final ObjectProperty<GpuSpec> gpu = new SimpleObjectProperty<>(this, "gpu");
    private final IntegerProperty gpuCount = new SimpleIntegerProperty(this, "gpuCount", 1);
    private final ObjectProperty<Sharding> sharding = new SimpleObjectProperty<>(this, "sharding");
    private final ObjectProperty<Offload> offload = new SimpleObjectProperty<>(this, "offload");
    private final ObjectProperty<OptionalDouble> gpuMemoryBudget =
            new SimpleObjectProperty<>(this, "gpuMemoryBudget", OptionalDouble.empty());

    private final StringProperty tokensText = new SimpleStringProperty(this, "tokensText", "");
    private final StringProperty epochsText = new SimpleStringProperty(this, "epochsText", "1");
    private final StringProperty priceText = new SimpleStringProperty(this, "priceText", "");
    private final ObjectProperty<Optional<String>> provider =
            new SimpleObjectProperty<>(this, "provider", Optional.empty());
    private final ObjectProperty<OptionalDouble> mfu = new SimpleObjectProperty<>(this, "mfu", OptionalDouble.empty());
    private final LayoutInputs layout = new LayoutInputs(model, framework);
    // No controls yet: an opened scenario's host memory and single quantisation come back unchanged.
    private final ObjectProperty<OptionalDouble> hostMemory =
            new SimpleObjectProperty<>(this, "hostMemory", OptionalDouble.empty());
    private final BooleanProperty doubleQuant = new SimpleBooleanProperty(this, "doubleQuant", true);

    /** The problems the core found while estimating a draft (bound by {@link PlannerViewModel}). */
    private final ObjectProperty<Map<Field, Problem>> laterProblems =
            new SimpleObjectProperty<>(this, "laterProblems", Map.of());
    /** The estimate on screen (bound by {@link PlannerViewModel}), for the price and model lines. */
    private final ObjectProperty<Estimate> shownEstimate = new SimpleObjectProperty<>(this, "shownEstimate");

    private final BatchedBinding<Draft> draft;
    private final FormInputs form;
    private final EditHistory history;
    private final ObservableValue<Boolean> fp8Available;
    private final ObservableValue<String> fp8Reason;
    private final Map<Field, ObservableValue<String>> fieldErrors = new EnumMap<>(Field.class);
    private final InputsTexts texts;

    public InputsViewModel(PlannerServices services, UiExecutors executors, ObservableValue<Messages> messages) {
        this.services = services;
        this.executors = executors;
        this.messages = messages;
        for (LoraTarget t : LoraTarget.values()) {
            targets.put(t, new SimpleBooleanProperty(this, "target" + t.name()));
        }
        presets = FXCollections.observableArrayList(services.presets());
        gpus = FXCollections.observableArrayList(services.gpus());

        // The inputs of the numbers. Not the scenario's name (currentScenario() puts it in) and not the language:
        // typing a name or switching language re-plans nothing.
        List<Observable> inputs = new ArrayList<>(List.of(model, method, loraRank, loraAlpha, extraTrainable,
                baseWeights, precision, masterWeights, optimizer, optimizerInBackward, microBatch, sequenceLength,
                accumulation, checkpointing, attention, loss, framework, compile, gpu, gpuCount, sharding, offload,
                gpuMemoryBudget, tokensText, epochsText, priceText, provider, mfu, hostMemory, doubleQuant));
        inputs.addAll(targets.values());
        inputs.addAll(layout.all());
        draft = new BatchedBinding<>(() -> DraftReader.read(this), inputs);

        fp8Available = gpu.map(GpuSpec::fp8Supported);
        fp8Reason = Bindings.createStringBinding(() -> gpu.get() == null || gpu.get().fp8Supported() ? ""
                : messages.getValue().text("precision.fp8.unsupported", gpu.get().name()), gpu, messages);
        for (Field f : Field.values()) {
            ObservableValue<Optional<Problem>> problem = switch (f) {
                case CONFIG -> configProblem;
                case PARAMETERS -> parametersProblem;
                default -> Bindings.createObjectBinding(() -> Optional.ofNullable(
                        draft.get().problems().getOrDefault(f, laterProblems.get().get(f))), draft, laterProblems);
            };
            fieldErrors.put(f, Bindings.createStringBinding(
                    () -> problem.getValue().map(p -> p.words(messages.getValue())).orElse(""), problem, messages));
        }
        texts = new InputsTexts(this, messages);
        form = new FormInputs(this);
        // A user's change of the model, method or rank brings its companions, in one batch with it. Registered
        // before the history's listeners: a listener of a change runs in the order added, so the step recorded
        // for the change holds its companions too.
        ChangeListener<Object> follow = (obs, before, now) -> followUserChange(obs, before);
        model.addListener(follow);
        method.addListener(follow);
        loraRank.addListener(follow);
        names = new ScenarioNames(scenarioName, draft::inBatch);
        batch(Optional.empty(), () -> form.restore(form.of(defaultScenario())));
        history = new EditHistory(form, messages, draft::inBatch, changes -> batch(Optional.empty(), changes));
        ChangeListener<Object> recorder = (obs, before, now) -> history.changed();
        form.sources().forEach(o -> o.addListener(recorder));
    }

    /**
     * What a user's change of the model, method or LoRA rank brings along, in one batch with it. The method decides
     * companions: QLoRA stores the base in NF4, LoRA and full fine-tuning in the compute precision, and only full
     * fine-tuning keeps fp32 master weights (the spec's defaults). The name follows while it is their automatic one,
     * not typed ({@link ScenarioNames#follows}). Never while a scenario is put in or undone: files keep their choices.
     */
    private void followUserChange(ObservableValue<?> source, Object before) {
        if (draft.inBatch() || before == null) {
            return;
        }
        ModelSpec oldModel = source == model ? (ModelSpec) before : model.get();
        FineTuneMethod oldMethod = source == method ? (FineTuneMethod) before : method.get();
        int oldRank = source == loraRank ? ((Number) before).intValue() : loraRank.get();
        batch(Optional.empty(), () -> {
            FineTuneMethod now = method.get();
            if (source == method && now != null) {
                boolean quantised = baseWeights.get() != null && baseWeights.get().isQuantized();
                if (now == FineTuneMethod.QLORA && !quantised) {
                    baseWeights.set(WeightStorage.NF4);
                } else if (now == FineTuneMethod.FULL || (oldMethod == FineTuneMethod.QLORA && quantised)) {
                    baseWeights.set(WeightStorage.forCompute(precision.get()));
                }
                masterWeights.set(now == FineTuneMethod.FULL);
            }
            if (names.follows(scenarioName.get(), oldModel, oldMethod, oldRank)) {
                scenarioName.set(ScenarioNames.of(messages.getValue(), model.get(), now, loraRank.get()));
            }
        });
    }

    /**
     * Runs {@code changes} as one batch of the draft (one recomputation); when the outermost batch ends, what it
     * changed is one step of the history, with {@code cause} as its words.
     */
    private void batch(Optional<Phrase> cause, Runnable changes) {
        draft.batch(changes);
        if (!draft.inBatch() && history != null) {
            history.settle(cause);
        }
    }

    /** Follows the results: their problems show at the fields, their estimate in the price and model lines. */
    void follow(ObservableValue<Map<Field, Problem>> problems, ObservableValue<Estimate> estimate) {
        laterProblems.bind(problems);
        shownEstimate.bind(estimate);
    }

    // ---- commands -------------------------------------------------------------------------------------------

    /** The scenario the app starts with: Llama 3.1 8B QLoRA r16 on one L40S, 50 M tokens × 3 (spec example). */
    public Scenario defaultScenario() {
        ModelSpec m = services.presets().stream().filter(p -> p.id().equals(DEFAULT_MODEL)).findFirst()
                .orElse(services.presets().get(0));
        GpuSpec g = services.gpus().stream().filter(p -> p.id().equals(DEFAULT_GPU)).findFirst()
                .orElse(services.gpus().get(0));
        TrainingSpec t = TrainingSpec.defaults(false).withMicroBatchSize(4).withGradientAccumulationSteps(4)
                .withCheckpointing(Checkpointing.FULL);
        return new Scenario(ScenarioNames.of(messages.getValue(), m, FineTuneMethod.QLORA, 16), m,
                MethodSpec.qlora(16), t, HardwareSpec.single(g),
                DataSpec.of(50_000_000L, 3), CostSpec.defaults());
    }

    /**
     * {@code s} named after its model and method in the current language ("Llama 3.1 8B, QLoRA r16"): a name that
     * follows them when they change, as a new scenario's does.
     */
    public Scenario automaticallyNamed(Scenario s) {
        return s.withName(ScenarioNames.of(messages.getValue(), s.model(), s.method().type(), s.method().rank()));
    }

    /** Puts every input of {@code s} into the form at once (one recomputation); one step of the history. */
    public void applyScenario(Scenario s) {
        applyScenario(s, Optional.empty());
    }

    /**
     * Puts every input of {@code s} into the form at once (one recomputation): one step of the history, worded by
     * {@code cause} ("open plan.json").
     */
    public void applyScenario(Scenario s, Optional<Phrase> cause) {
        names.forget();
        batch(cause, () -> form.restore(form.of(s)));
    }

    /** Makes {@code m} the model; a model from a config or a count stays selectable after it was put in. */
    void putModel(ModelSpec m) {
        if (m != null && !presets.contains(m)) {
            presets.removeIf(p -> p.origin() != ModelSpec.Origin.PRESET);
            presets.add(0, m);
        }
        model.set(m);
    }

    /** Makes {@code h}'s GPU, count, sharding, offload, host memory and layout the inputs (one step). */
    public void useHardware(HardwareSpec h) {
        useHardware(h, Optional.empty());
    }

    /**
     * Makes {@code h}'s GPU, count, sharding, offload, host memory and layout the inputs (one recomputation): one step
     * of the history, worded by {@code cause}. Returns whether anything changed.
     */
    public boolean useHardware(HardwareSpec h, Optional<Phrase> cause) {
        if (h.gpu().equals(gpu.get()) && h.gpuCount() == gpuCount.get() && h.sharding() == sharding.get()
                && h.offload() == offload.get() && h.hostMemoryGib().equals(hostMemory.get())
                && layout.holds(h.parallel())) {
            return false;
        }
        batch(cause, () -> {
            gpu.set(h.gpu());
            gpuCount.set(h.gpuCount());
            sharding.set(h.sharding());
            offload.set(h.offload());
            hostMemory.set(h.hostMemoryGib());
            layout.put(h.parallel());
        });
        return true;
    }

    /**
     * Makes a planner option's setup the inputs (one recomputation, one step of the history worded by {@code cause}):
     * its hardware as {@link #useHardware(HardwareSpec, Optional)}, and the settings the planner may change
     * (micro-batch, accumulation, checkpointing, loss), so the sequences per step stay the option's. Everything else
     * (model, data, price) stays the user's. Returns whether anything changed.
     */
    public boolean useOption(Scenario option, Optional<Phrase> cause) {
        TrainingSpec t = option.training();
        boolean training = t.microBatchSize() != microBatch.get() || t.gradientAccumulationSteps() != accumulation.get()
                || t.checkpointing() != checkpointing.get() || t.loss() != loss.get();
        boolean[] changed = {training};
        batch(cause, () -> {
            changed[0] |= useHardware(option.hardware(), Optional.empty());
            microBatch.set(t.microBatchSize());
            accumulation.set(t.gradientAccumulationSteps());
            checkpointing.set(t.checkpointing());
            loss.set(t.loss());
        });
        return changed[0];
    }

    /** LoRA on every linear layer (q, k, v, o, gate, up, down) in one step. */
    public void targetAllLinear() {
        Set<LoraTarget> all = MethodSpec.allLinear();
        batch(Optional.empty(), () -> targets.forEach((t, p) -> p.set(all.contains(t))));
    }

    /** Uses a model guessed from the count typed in "Parameters only"; an unreadable count shows at the field. */
    public void useParameters() {
        OptionalLong n;
        try {
            n = Quantities.count(parametersText.get());
        } catch (NumberFormatException | ArithmeticException e) {
            parametersProblem.set(Optional.of(Problem.Text.of("error.parameters", parametersText.get())));
            return;
        }
        if (n.isEmpty()) {
            parametersProblem.set(Optional.of(Problem.Text.of("error.parameters.empty")));
            return;
        }
        try {
            ModelSpec spec = services.models().fromParameters(n.getAsLong());
            parametersProblem.set(Optional.empty());
            useModel(spec);
        } catch (RuntimeException e) {
            parametersProblem.set(Optional.of(new Problem.Failed("error.parameters.range",
                    List.of(parametersText.get()), e)));
        }
    }

    /**
     * Reads a Hugging Face config.json off the FX thread and makes it the model. A file that cannot be read or
     * lacks a key shows its message at the "Open config.json" field; the current model stays.
     */
    public CompletableFuture<Void> openConfig(Path file) {
        loadingConfig.set(true);
        return CompletableFuture.supplyAsync(() -> services.models().fromConfig(file), executors.background())
                .handleAsync((spec, error) -> {
                    loadingConfig.set(false);
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null ? error.getCause() : error;
                        configProblem.set(Optional.of(new Problem.Failed("error.config",
                                List.of(String.valueOf(file.getFileName())), cause)));
                    } else {
                        configProblem.set(Optional.empty());
                        useModel(spec);
                    }
                    return null;
                }, executors.ui());
    }

    private void useModel(ModelSpec spec) {
        presets.removeIf(p -> p.origin() != ModelSpec.Origin.PRESET);
        if (spec.origin() != ModelSpec.Origin.PRESET) {
            presets.add(0, spec);
        }
        model.set(spec);
    }

    /** Each violation at the field of its key; an error without violations at the field of its own key. */
    static Map<Field, Problem> problemsOf(PlannerException ex) {
        return DraftReader.problemsOf(ex);
    }

    // ---- properties -----------------------------------------------------------------------------------------

    /** The inputs read as a scenario or as the problems of their fields; recomputed once per batch of changes. */
    public ObservableValue<Draft> draftProperty() {
        return draft;
    }

    /** The presets, with an opened config or counted model first. */
    public ObservableList<ModelSpec> presets() {
        return presets;
    }

    /** The GPUs to choose from: the catalog's, and a price list's own GPUs while it is in force. */
    public ObservableList<GpuSpec> gpus() {
        return gpus;
    }

    public ObservableValue<Messages> messagesProperty() {
        return messages;
    }

    /** Words of the form's value lines (model summary, rank, batch, price …), in the current language. */
    public InputsTexts texts() {
        return texts;
    }

    public ReadOnlyBooleanProperty loadingConfigProperty() {
        return loadingConfig.getReadOnlyProperty();
    }

    public BooleanProperty targetProperty(LoraTarget target) {
        return targets.get(target);
    }

    public ObservableValue<Boolean> fp8AvailableProperty() {
        return fp8Available;
    }

    /** Why FP8 cannot be chosen on the selected GPU, "" when it can. */
    public ObservableValue<String> fp8ReasonProperty() {
        return fp8Reason;
    }

    /** The error shown at {@code field}, "" when none, in the current language. */
    public ObservableValue<String> errorProperty(Field field) {
        return fieldErrors.get(field);
    }

    ObjectProperty<Estimate> shownEstimateProperty() {
        return shownEstimate;
    }

    /** Undo and redo of the inputs. */
    public EditHistory history() {
        return history;
    }

    ObjectProperty<Set<ExtraTrainable>> extraTrainableProperty() {
        return extraTrainable;
    }

    ObjectProperty<OptionalDouble> gpuMemoryBudgetProperty() {
        return gpuMemoryBudget;
    }

    ObjectProperty<Optional<String>> providerProperty() {
        return provider;
    }

    ObjectProperty<OptionalDouble> mfuProperty() {
        return mfu;
    }

    /** The model-parallel layout (TP, PP, CP, EP, sequence parallelism), one input per degree. */
    public LayoutInputs layout() {
        return layout;
    }

    ObjectProperty<OptionalDouble> hostMemoryProperty() {
        return hostMemory;
    }

    BooleanProperty doubleQuantProperty() {
        return doubleQuant;
    }

    /** The scenario's name: its model and method ("Llama 3.1 8B, QLoRA r16") until the user types one. */
    public StringProperty scenarioNameProperty() {
        return scenarioName;
    }

    public ObjectProperty<ModelSpec> modelProperty() {
        return model;
    }

    public StringProperty parametersTextProperty() {
        return parametersText;
    }

    public ObjectProperty<FineTuneMethod> methodProperty() {
        return method;
    }

    public IntegerProperty loraRankProperty() {
        return loraRank;
    }

    public IntegerProperty loraAlphaProperty() {
        return loraAlpha;
    }

    public ObjectProperty<WeightStorage> baseWeightsProperty() {
        return baseWeights;
    }

    public ObjectProperty<Precision> precisionProperty() {
        return precision;
    }

    public BooleanProperty masterWeightsProperty() {
        return masterWeights;
    }

    public ObjectProperty<Optimizer> optimizerProperty() {
        return optimizer;
    }

    public BooleanProperty optimizerInBackwardProperty() {
        return optimizerInBackward;
    }

    public IntegerProperty microBatchProperty() {
        return microBatch;
    }

    public IntegerProperty sequenceLengthProperty() {
        return sequenceLength;
    }

    public IntegerProperty accumulationProperty() {
        return accumulation;
    }

    public ObjectProperty<Checkpointing> checkpointingProperty() {
        return checkpointing;
    }

    public ObjectProperty<Attention> attentionProperty() {
        return attention;
    }

    public ObjectProperty<Loss> lossProperty() {
        return loss;
    }

    public ObjectProperty<Framework> frameworkProperty() {
        return framework;
    }

    public BooleanProperty compileProperty() {
        return compile;
    }

    public ObjectProperty<GpuSpec> gpuProperty() {
        return gpu;
    }

    public IntegerProperty gpuCountProperty() {
        return gpuCount;
    }

    public ObjectProperty<Sharding> shardingProperty() {
        return sharding;
    }

    public ObjectProperty<Offload> offloadProperty() {
        return offload;
    }

    public StringProperty tokensTextProperty() {
        return tokensText;
    }

    public StringProperty epochsTextProperty() {
        return epochsText;
    }

    public StringProperty priceTextProperty() {
        return priceText;
    }
}
