package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
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
    private final ObservableList<ModelSpec> presets;
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
    private final StringProperty hostMemoryText = new SimpleStringProperty(this, "hostMemoryText", "");

    private final StringProperty tokensText = new SimpleStringProperty(this, "tokensText", "");
    private final StringProperty epochsText = new SimpleStringProperty(this, "epochsText", "1");
    private final StringProperty priceText = new SimpleStringProperty(this, "priceText", "");
    private final ObjectProperty<Optional<String>> provider =
            new SimpleObjectProperty<>(this, "provider", Optional.empty());
    private final ObjectProperty<OptionalDouble> mfu = new SimpleObjectProperty<>(this, "mfu", OptionalDouble.empty());

    /** The problems the core found while estimating a draft (bound by {@link PlannerViewModel}). */
    private final ObjectProperty<Map<Field, Problem>> laterProblems =
            new SimpleObjectProperty<>(this, "laterProblems", Map.of());
    /** The estimate on screen (bound by {@link PlannerViewModel}), for the price and model lines. */
    private final ObjectProperty<Estimate> shownEstimate = new SimpleObjectProperty<>(this, "shownEstimate");

    private final BatchedBinding<Draft> draft;
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

        // The inputs of the numbers. Not the scenario's name (currentScenario() puts it in) and not the language:
        // typing a name or switching language re-plans nothing.
        List<Observable> inputs = new ArrayList<>(List.of(model, method, loraRank, loraAlpha, extraTrainable,
                baseWeights, precision, masterWeights, optimizer, optimizerInBackward, microBatch, sequenceLength,
                accumulation, checkpointing, attention, loss, framework, compile, gpu, gpuCount, sharding, offload,
                gpuMemoryBudget, hostMemoryText, tokensText, epochsText, priceText, provider, mfu));
        inputs.addAll(targets.values());
        draft = new BatchedBinding<>(this::read, inputs);

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
        method.addListener((obs, before, now) -> reconcileMethod(before, now));
        applyScenario(defaultScenario());
    }

    /**
     * The method decides sensible companions: QLoRA stores the base in NF4, LoRA and full fine-tuning store it in
     * the compute precision, and only full fine-tuning keeps fp32 master weights (the spec's defaults). Runs only
     * for a user's change, not while a scenario is put in, so opened files keep their own choices.
     */
    private void reconcileMethod(FineTuneMethod before, FineTuneMethod now) {
        if (draft.inBatch() || now == null || before == now) {
            return;
        }
        draft.batch(() -> {
            boolean quantised = baseWeights.get() != null && baseWeights.get().isQuantized();
            if (now == FineTuneMethod.QLORA && !quantised) {
                baseWeights.set(WeightStorage.NF4);
            } else if (now == FineTuneMethod.FULL || (before == FineTuneMethod.QLORA && quantised)) {
                baseWeights.set(WeightStorage.forCompute(precision.get()));
            }
            masterWeights.set(now == FineTuneMethod.FULL);
        });
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
        return new Scenario(m.displayName() + ", QLoRA r16", m, MethodSpec.qlora(16), t, HardwareSpec.single(g),
                DataSpec.of(50_000_000L, 3), CostSpec.defaults());
    }

    /** Puts every input of {@code s} into the form at once (one recomputation). */
    public void applyScenario(Scenario s) {
        draft.batch(() -> {
            scenarioName.set(s.name());
            if (!presets.contains(s.model())) {
                // A model from a config or a count stays selectable after it was opened.
                presets.removeIf(p -> p.origin() != ModelSpec.Origin.PRESET);
                presets.add(0, s.model());
            }
            model.set(s.model());
            MethodSpec m = s.method();
            method.set(m.type());
            loraRank.set(m.rank());
            loraAlpha.set(m.alpha());
            targets.forEach((t, p) -> p.set(m.targets().contains(t)));
            extraTrainable.set(m.extraTrainable());
            baseWeights.set(m.baseWeights());
            TrainingSpec t = s.training();
            precision.set(t.precision());
            masterWeights.set(t.masterWeights());
            optimizer.set(t.optimizer());
            optimizerInBackward.set(t.optimizerInBackward());
            microBatch.set(t.microBatchSize());
            sequenceLength.set(t.sequenceLength());
            accumulation.set(t.gradientAccumulationSteps());
            checkpointing.set(t.checkpointing());
            attention.set(t.attention());
            loss.set(t.loss());
            framework.set(t.framework());
            compile.set(t.compile());
            useHardware(s.hardware());
            gpuMemoryBudget.set(s.hardware().gpuMemoryGib());
            hostMemoryText.set(s.hardware().hostMemoryGib().isPresent()
                    ? plain(s.hardware().hostMemoryGib().getAsDouble()) : "");
            tokensText.set(s.data().tokens().isPresent() ? Long.toString(s.data().tokens().getAsLong()) : "");
            epochsText.set(plain(s.data().epochs()));
            priceText.set(s.cost().usdPerGpuHour().isPresent() ? plain(s.cost().usdPerGpuHour().getAsDouble()) : "");
            provider.set(s.cost().provider());
            mfu.set(s.cost().mfu());
        });
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Makes {@code h}'s GPU, count, sharding and offload the inputs (one recomputation). */
    private void useHardware(HardwareSpec h) {
        draft.batch(() -> {
            gpu.set(h.gpu());
            gpuCount.set(h.gpuCount());
            sharding.set(h.sharding());
            offload.set(h.offload());
        });
    }

    /**
     * Makes a planner option's setup the inputs in one step (one recomputation): its GPU, count, sharding and
     * offload, and the settings the planner may change (micro-batch, accumulation, checkpointing, loss), so the
     * sequences per step stay the option's. Everything else (model, data, host memory, price) stays the user's.
     */
    public void useOption(Scenario option) {
        TrainingSpec t = option.training();
        draft.batch(() -> {
            useHardware(option.hardware());
            microBatch.set(t.microBatchSize());
            accumulation.set(t.gradientAccumulationSteps());
            checkpointing.set(t.checkpointing());
            loss.set(t.loss());
        });
    }

    /** LoRA on every linear layer (q, k, v, o, gate, up, down) in one step. */
    public void targetAllLinear() {
        Set<LoraTarget> all = MethodSpec.allLinear();
        draft.batch(() -> targets.forEach((t, p) -> p.set(all.contains(t))));
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

    // ---- reading the inputs ---------------------------------------------------------------------------------

    /** The inputs as a scenario, or the problems of their fields. Pure: reads the inputs, changes nothing. */
    private Draft read() {
        Map<Field, Problem> problems = new EnumMap<>(Field.class);
        OptionalLong tokens = OptionalLong.empty();
        try {
            tokens = Quantities.count(tokensText.get());
        } catch (NumberFormatException | ArithmeticException e) {
            problems.put(Field.TOKENS, Problem.Text.of("error.tokens", tokensText.get()));
        }
        double epochs = 1;
        try {
            epochs = Quantities.decimal(epochsText.get()).orElse(1);
        } catch (NumberFormatException e) {
            epochs = Double.NaN;
        }
        if (!(epochs > 0 && epochs <= Limits.MAX_EPOCHS)) {
            problems.put(Field.EPOCHS, Problem.Text.of("error.epochs", epochsText.get(), Limits.MAX_EPOCHS));
        }
        OptionalDouble price = Quantities.decimalOrNaN(priceText.get());
        if (price.isPresent() && !(price.getAsDouble() >= 0 && price.getAsDouble() <= Limits.MAX_USD_PER_GPU_HOUR)) {
            problems.put(Field.PRICE, Problem.Text.of("error.price", priceText.get(), Limits.MAX_USD_PER_GPU_HOUR));
        }
        OptionalDouble host = Quantities.decimalOrNaN(hostMemoryText.get());
        if (host.isPresent() && !(host.getAsDouble() > 0 && host.getAsDouble() <= Limits.MAX_HOST_MEMORY_GIB)) {
            problems.put(Field.HOST_MEMORY, Problem.Text.of("error.hostMemory", hostMemoryText.get(),
                    Limits.MAX_HOST_MEMORY_GIB));
        }
        GpuSpec g = gpu.get();
        if (precision.get() == Precision.FP8 && g != null && !g.fp8Supported()) {
            problems.put(Field.PRECISION, Problem.Text.of("precision.fp8.unsupported", g.name()));
        }
        if (method.get() != FineTuneMethod.FULL && selectedTargets().isEmpty()) {
            problems.put(Field.TARGETS, Problem.Text.of("error.targets"));
        }
        if (!problems.isEmpty()) {
            return Draft.invalid(problems);
        }
        try {
            return Draft.of(buildScenario(tokens, epochs, price, host));
        } catch (PlannerException ex) {
            return Draft.invalid(Problem.of(ex));
        } catch (RuntimeException ex) {
            return Draft.invalid(Map.of(Field.GENERAL, new Problem.Failed("error.invalid", List.of(), ex)));
        }
    }

    private Set<LoraTarget> selectedTargets() {
        Set<LoraTarget> set = EnumSet.noneOf(LoraTarget.class);
        targets.forEach((t, p) -> {
            if (p.get()) {
                set.add(t);
            }
        });
        return set;
    }

    private Scenario buildScenario(OptionalLong tokens, double epochs, OptionalDouble price, OptionalDouble host) {
        Set<LoraTarget> chosen = selectedTargets();
        // Full fine-tuning ignores the targets; keep a valid set so switching back to LoRA restores the choice.
        Set<LoraTarget> t = chosen.isEmpty() ? MethodSpec.allLinear() : chosen;
        MethodSpec m = new MethodSpec(method.get(), loraRank.get(), loraAlpha.get(), t, extraTrainable.get(),
                baseWeights.get());
        TrainingSpec tr = new TrainingSpec(precision.get(), masterWeights.get(), optimizer.get(),
                optimizerInBackward.get(), microBatch.get(), sequenceLength.get(), accumulation.get(),
                checkpointing.get(), attention.get(), loss.get(), compile.get(), framework.get());
        HardwareSpec h = new HardwareSpec(gpu.get(), gpuCount.get(), gpuMemoryBudget.get(),
                Math.min(gpuCount.get(), 8), sharding.get(), offload.get(), host);
        DataSpec d = new DataSpec(tokens, epochs);
        CostSpec c = new CostSpec(price, provider.get(), mfu.get());
        // The name is read, not depended on: a draft carries the name of its time; currentScenario() the latest.
        return new Scenario(scenarioName.get(), model.get(), m, tr, h, d, c);
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

    public List<GpuSpec> gpus() {
        return services.gpus();
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

    /** CPU memory per node in GiB ({@code hardware.host_memory_gib}); empty when unknown. */
    public StringProperty hostMemoryTextProperty() {
        return hostMemoryText;
    }
}
