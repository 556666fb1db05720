package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.PlanOption;
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
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.UiExecutors;

/**
 * The planner screen: every input of a scenario as a property, and the estimate of the selected GPU plus the plan
 * over every GPU recomputed on each change. Invalid inputs never reach the core: they show as an error at their
 * field while the last valid results stay on screen, marked stale. Call on the FX thread.
 */
public final class PlannerViewModel {
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

    private final ObjectProperty<Messages> messages;
    private final ObservableValue<Formats> formats;

    private final StringProperty scenarioName = new SimpleStringProperty(this, "scenarioName", "");
    private final StringProperty modelSearch = new SimpleStringProperty(this, "modelSearch", "");
    private final ObservableList<ModelSpec> presets;
    private final FilteredList<ModelSpec> filteredPresets;
    private final ObjectProperty<ModelSpec> model = new SimpleObjectProperty<>(this, "model");
    private final StringProperty parametersText = new SimpleStringProperty(this, "parametersText", "");
    private final ReadOnlyStringWrapper parametersError = new ReadOnlyStringWrapper(this, "parametersError", "");
    private final ReadOnlyStringWrapper configError = new ReadOnlyStringWrapper(this, "configError", "");
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
    /** Kept from an opened scenario (no control of its own yet), so saving it loses nothing. */
    private final ObjectProperty<Parallelism> parallel =
            new SimpleObjectProperty<>(this, "parallel", Parallelism.NONE);
    private final BooleanProperty doubleQuant = new SimpleBooleanProperty(this, "doubleQuant", true);

    private final StringProperty tokensText = new SimpleStringProperty(this, "tokensText", "");
    private final StringProperty epochsText = new SimpleStringProperty(this, "epochsText", "1");
    private final StringProperty priceText = new SimpleStringProperty(this, "priceText", "");
    private final ObjectProperty<Optional<String>> provider =
            new SimpleObjectProperty<>(this, "provider", Optional.empty());
    private final ObjectProperty<OptionalDouble> mfu = new SimpleObjectProperty<>(this, "mfu", OptionalDouble.empty());

    private final ObjectProperty<MemoryComponent> selectedComponent =
            new SimpleObjectProperty<>(this, "selectedComponent", MemoryComponent.WEIGHTS);

    /** Bumped after a batch of input changes so the results recompute once (see {@link #batch}). */
    private final IntegerProperty revision = new SimpleIntegerProperty(this, "revision");
    private boolean applying;
    private Results current;
    private Results lastValid;

    private final ObjectBinding<Results> results;
    private final ObservableValue<Boolean> stale;
    private final ObservableValue<Boolean> fp8Available;
    private final ObservableValue<String> selectedGpuId;
    private final ObservableValue<String> fp8Reason;
    private final ObservableValue<Estimate> estimate;
    private final ObservableValue<List<OptionRow>> optionRows;
    private final ObservableValue<List<CostCurve>> costCurves;
    private final ObservableValue<List<MemoryBarData>> optionBars;
    private final ObservableValue<MemoryBarData> selectedBar;
    private final ObjectBinding<String> recommendation;
    private final ObjectBinding<Explanation> explained;
    private final ObjectBinding<List<MemoryTerm>> explanation;
    private final ObjectBinding<List<NoteLine>> notes;
    private final Map<Field, ObservableValue<String>> fieldErrors = new EnumMap<>(Field.class);

    public PlannerViewModel(PlannerServices services, UiExecutors executors, Messages initialMessages) {
        this.services = services;
        this.executors = executors;
        this.messages = new SimpleObjectProperty<>(this, "messages", initialMessages);
        // A binding caches its value until the language changes (a map() without observers would make a new one
        // on every read).
        this.formats = Bindings.createObjectBinding(() -> Formats.of(messages.get()), messages);
        for (LoraTarget t : LoraTarget.values()) {
            targets.put(t, new SimpleBooleanProperty(this, "target" + t.name()));
        }
        presets = FXCollections.observableArrayList(services.presets());
        filteredPresets = new FilteredList<>(presets);
        filteredPresets.predicateProperty().bind(modelSearch.map(PlannerViewModel::matcher));

        // The scenario's name is no input of the numbers: typing it changes no estimate and re-plans nothing
        // (currentScenario() puts the name in).
        List<javafx.beans.Observable> inputs = new ArrayList<>(List.of(messages, model, method,
                loraRank, loraAlpha, extraTrainable, baseWeights, precision, masterWeights, optimizer,
                optimizerInBackward, microBatch, sequenceLength, accumulation, checkpointing, attention, loss,
                framework, compile, gpu, gpuCount, sharding, offload, gpuMemoryBudget, tokensText, epochsText,
                priceText, provider, mfu, revision, parallel, doubleQuant));
        inputs.addAll(targets.values());
        results = Bindings.createObjectBinding(this::compute, inputs.toArray(javafx.beans.Observable[]::new));

        stale = results.map(Results::stale);
        estimate = results.map(r -> r.estimate().orElse(null));
        fp8Available = gpu.map(GpuSpec::fp8Supported);
        selectedGpuId = gpu.map(GpuSpec::id);
        fp8Reason = Bindings.createStringBinding(() -> gpu.get() == null || gpu.get().fp8Supported() ? ""
                : messages.get().text("precision.fp8.unsupported", gpu.get().name()), gpu, messages);
        optionRows = results.map(PlannerViewModel::rows);
        costCurves = results.map(this::curves);
        optionBars = results.map(this::bars);
        selectedBar = results.map(r -> r.estimate().map(e -> bar(e, e.scenario().hardware().gpuCount())).orElse(null));
        recommendation = Bindings.createObjectBinding(() -> recommend(results.get()), results, messages);
        // The explanation is made for the selected option only, once per change of the results.
        explained = Bindings.createObjectBinding(() -> results.get().scenario().map(services.explainer())
                .orElse(null), results);
        explanation = Bindings.createObjectBinding(() -> explained.get() == null ? List.of()
                : explained.get().memory(selectedComponent.get()), explained, selectedComponent);
        notes = Bindings.createObjectBinding(() -> noteLines(results.get()), results, messages);
        for (Field f : Field.values()) {
            ObservableValue<String> error = switch (f) {
                case CONFIG -> configError;
                case PARAMETERS -> parametersError;
                default -> results.map(r -> r.error(f));
            };
            fieldErrors.put(f, error);
        }
        method.addListener((obs, before, now) -> reconcileMethod(before, now));
        applyScenario(defaultScenario());
    }

    /**
     * The method decides sensible companions: QLoRA stores the base in NF4, LoRA and full fine-tuning store it in
     * the compute precision, and only full fine-tuning keeps fp32 master weights (the spec's defaults). Runs only
     * for a user's change, not while a scenario is put in, so opened files keep their own choices.
     */
    private void reconcileMethod(FineTuneMethod before, FineTuneMethod now) {
        if (applying || now == null || before == now) {
            return;
        }
        batch(() -> {
            boolean quantised = baseWeights.get() != null && baseWeights.get().isQuantized();
            if (now == FineTuneMethod.QLORA && !quantised) {
                baseWeights.set(WeightStorage.NF4);
            } else if (now == FineTuneMethod.FULL || (before == FineTuneMethod.QLORA && quantised)) {
                baseWeights.set(WeightStorage.forCompute(precision.get()));
            }
            masterWeights.set(now == FineTuneMethod.FULL);
        });
    }

    private static java.util.function.Predicate<ModelSpec> matcher(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return m -> true;
        }
        String[] words = q.split("\\s+");
        return m -> {
            String hay = (m.displayName() + " " + m.id()).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!hay.contains(w)) {
                    return false;
                }
            }
            return true;
        };
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

    /** Puts every input of {@code s} into the controls at once (one recomputation). */
    public void applyScenario(Scenario s) {
        batch(() -> {
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
            doubleQuant.set(m.doubleQuant());
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
            HardwareSpec h = s.hardware();
            gpu.set(h.gpu());
            gpuCount.set(h.gpuCount());
            sharding.set(h.sharding());
            offload.set(h.offload());
            gpuMemoryBudget.set(h.gpuMemoryGib());
            parallel.set(h.parallel());
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

    /**
     * Makes the option of {@code gpuId} the current one: its GPU, count, sharding and offload become the inputs,
     * so the bar, the charts and the table all show it. Nothing happens for an id the plan does not list.
     */
    public void selectOption(String gpuId) {
        Optional<PlanOption> option = results.get().plan().flatMap(p -> p.option(gpuId == null ? "" : gpuId));
        if (option.isEmpty()) {
            return;
        }
        HardwareSpec h = option.get().estimate().scenario().hardware();
        if (h.gpu().equals(gpu.get()) && h.gpuCount() == gpuCount.get() && h.sharding() == sharding.get()
                && h.offload() == offload.get() && h.parallel().equals(parallel.get())) {
            return;
        }
        batch(() -> {
            gpu.set(option.get().gpu());
            gpuCount.set(h.gpuCount());
            sharding.set(h.sharding());
            offload.set(h.offload());
            parallel.set(h.parallel());
        });
    }

    /** Uses a model guessed from the count typed in "Parameters only"; an unreadable count shows at the field. */
    public void useParameters() {
        Messages m = messages.get();
        OptionalLong n;
        try {
            n = Quantities.count(parametersText.get());
        } catch (NumberFormatException | ArithmeticException e) {
            parametersError.set(m.text("error.parameters", parametersText.get()));
            return;
        }
        if (n.isEmpty()) {
            parametersError.set(m.text("error.parameters.empty"));
            return;
        }
        try {
            ModelSpec spec = services.models().fromParameters(n.getAsLong());
            parametersError.set("");
            useModel(spec);
        } catch (RuntimeException e) {
            parametersError.set(m.text("error.parameters.range", parametersText.get(), m.words().message(e)));
        }
    }

    /**
     * Reads a Hugging Face config.json off the FX thread and makes it the model. A file that cannot be read or
     * lacks a key shows its message at the "Open config.json" field; the current model stays.
     */
    public CompletableFuture<Void> openConfig(Path file) {
        Messages m = messages.get();
        loadingConfig.set(true);
        return CompletableFuture.supplyAsync(() -> services.models().fromConfig(file), executors.background())
                .handleAsync((spec, error) -> {
                    loadingConfig.set(false);
                    if (error != null) {
                        configError.set(m.text("error.config", file.getFileName(), m.words().message(error)));
                    } else {
                        configError.set("");
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
        modelSearch.set("");
        model.set(spec);
    }

    /** Runs a group of input changes so the screen recomputes once, after the last. */
    private void batch(Runnable changes) {
        boolean outer = !applying;
        applying = true;
        try {
            changes.run();
        } finally {
            if (outer) {
                applying = false;
                revision.set(revision.get() + 1);
            }
        }
    }

    // ---- the computation ------------------------------------------------------------------------------------

    private Results compute() {
        if (applying && current != null) {
            return current;
        }
        Messages m = messages.get();
        Map<Field, String> errors = new EnumMap<>(Field.class);
        OptionalLong tokens = OptionalLong.empty();
        try {
            tokens = Quantities.count(tokensText.get());
        } catch (NumberFormatException | ArithmeticException e) {
            errors.put(Field.TOKENS, m.text("error.tokens", tokensText.get()));
        }
        double epochs = 1;
        try {
            OptionalDouble e = Quantities.decimal(epochsText.get());
            epochs = e.orElse(1);
            if (!(epochs > 0 && epochs <= Limits.MAX_EPOCHS)) {
                errors.put(Field.EPOCHS, m.text("error.epochs", epochsText.get(), Limits.MAX_EPOCHS));
            }
        } catch (NumberFormatException e) {
            errors.put(Field.EPOCHS, m.text("error.epochs", epochsText.get(), Limits.MAX_EPOCHS));
        }
        OptionalDouble price = OptionalDouble.empty();
        try {
            price = Quantities.decimal(priceText.get());
            if (price.isPresent() && !(price.getAsDouble() >= 0
                    && price.getAsDouble() <= Limits.MAX_USD_PER_GPU_HOUR)) {
                errors.put(Field.PRICE, m.text("error.price", priceText.get(), Limits.MAX_USD_PER_GPU_HOUR));
            }
        } catch (NumberFormatException e) {
            errors.put(Field.PRICE, m.text("error.price", priceText.get(), Limits.MAX_USD_PER_GPU_HOUR));
        }
        GpuSpec g = gpu.get();
        if (precision.get() == Precision.FP8 && g != null && !g.fp8Supported()) {
            errors.put(Field.PRECISION, m.text("precision.fp8.unsupported", g.name()));
        }
        if (method.get() != FineTuneMethod.FULL && selectedTargets().isEmpty()) {
            errors.put(Field.TARGETS, m.text("error.targets"));
        }
        if (errors.isEmpty()) {
            try {
                Scenario s = buildScenario(tokens, epochs, price);
                Estimate e = services.estimator().apply(s);
                Plan p = services.planner().apply(s, services.gpus());
                lastValid = new Results(Optional.of(s), Optional.of(e), Optional.of(p), Map.of());
                current = lastValid;
                return current;
            } catch (PlannerException ex) {
                // Each violation at the field of its key; an error without violations at the field of its key.
                if (ex.violations().isEmpty()) {
                    errors.put(Field.forKey(ex.key()), m.text("error.invalid", m.words().message(ex)));
                }
                for (Violation v : ex.violations()) {
                    errors.put(Field.forKey(v.key()), m.text("error.invalid", m.words().violation(v)));
                }
            } catch (RuntimeException ex) {
                errors.put(Field.GENERAL, m.text("error.invalid", m.words().message(ex)));
            }
        }
        current = lastValid == null ? Results.none(errors)
                : new Results(lastValid.scenario(), lastValid.estimate(), lastValid.plan(), errors);
        return current;
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

    private Scenario buildScenario(OptionalLong tokens, double epochs, OptionalDouble price) {
        Set<LoraTarget> chosen = selectedTargets();
        // Full fine-tuning ignores the targets; keep a valid set so switching back to LoRA restores the choice.
        Set<LoraTarget> t = chosen.isEmpty() ? MethodSpec.allLinear() : chosen;
        MethodSpec m = new MethodSpec(method.get(), loraRank.get(), loraAlpha.get(), t, extraTrainable.get(),
                baseWeights.get(), doubleQuant.get());
        TrainingSpec tr = new TrainingSpec(precision.get(), masterWeights.get(), optimizer.get(),
                optimizerInBackward.get(), microBatch.get(), sequenceLength.get(), accumulation.get(),
                checkpointing.get(), attention.get(), loss.get(), compile.get(), framework.get());
        HardwareSpec h = new HardwareSpec(gpu.get(), gpuCount.get(), gpuMemoryBudget.get(),
                Math.min(gpuCount.get(), 8), sharding.get(), offload.get(), parallel.get());
        DataSpec d = new DataSpec(tokens, epochs);
        CostSpec c = new CostSpec(price, provider.get(), mfu.get());
        return new Scenario(scenarioName.get(), model.get(), m, tr, h, d, c);
    }

    private static List<OptionRow> rows(Results r) {
        return r.plan().map(p -> p.options().stream().map(o -> OptionRow.of(o,
                p.cheapest().map(o.gpu().id()::equals).orElse(false),
                p.fastest().map(o.gpu().id()::equals).orElse(false))).toList()).orElse(List.of());
    }

    private String optionLabel(int count, GpuSpec g) {
        return messages.get().text("option.label", count, shortName(g));
    }

    /**
     * A GPU's name short enough for a legend: without the vendor and without notes in brackets
     * ("NVIDIA GB200 (per Blackwell GPU, NVL72)" → "GB200").
     */
    static String shortName(GpuSpec g) {
        String n = g.name().replaceAll("\\s*\\([^)]*\\)", "").strip();
        if (!g.vendor().isEmpty() && n.startsWith(g.vendor() + " ")) {
            n = n.substring(g.vendor().length() + 1);
        }
        n = n.replaceFirst("^(GeForce|Instinct) ", "");
        return n.isEmpty() ? g.name() : n;
    }

    private List<CostCurve> curves(Results r) {
        List<CostCurve> list = new ArrayList<>();
        r.plan().ifPresent(p -> p.options().stream().filter(PlanOption::fits)
                .filter(o -> o.estimate().cost().isPresent())
                .forEach(o -> list.add(new CostCurve(o.gpu().id(), optionLabel(o.gpuCount(), o.gpu()),
                        o.estimate().cost().get().series()))));
        return list;
    }

    private MemoryBarData bar(Estimate e, int count) {
        GpuSpec g = e.scenario().hardware().gpu();
        return new MemoryBarData(g.id(), optionLabel(count, g), e.memory().perGpu(), e.memory().capacityBytes());
    }

    private List<MemoryBarData> bars(Results r) {
        return r.plan().map(p -> p.options().stream().map(o -> bar(o.estimate(), o.gpuCount())).toList())
                .orElse(List.of());
    }

    private String recommend(Results r) {
        Messages m = messages.get();
        Formats f = formats.getValue();
        if (r.plan().isEmpty()) {
            return m.text("recommend.unavailable");
        }
        Plan p = r.plan().get();
        // The planner names the cheapest by price even without a data size; only a known cost gets the full sentence.
        Optional<PlanOption> pick = p.cheapest().flatMap(p::option).filter(PlanOption::fits)
                .or(() -> p.options().stream().filter(PlanOption::fits)
                        .min(Comparator.comparingInt(PlanOption::gpuCount)
                                .thenComparingDouble(o -> o.gpu().usableMemoryGib())));
        if (pick.isPresent() && pick.get().estimate().cost().isPresent() && pick.get().estimate().hours().isPresent()) {
            PlanOption o = pick.get();
            Estimate e = o.estimate();
            String base = m.text(o.gpuCount() == 1 ? "recommend.cheapest.single" : "recommend.cheapest", o.gpuCount(),
                    o.gpu().name(), m.label(e.scenario().hardware().sharding()), f.hours(e.hours().getAsDouble()),
                    f.usd(e.cost().get().usd()), f.gib(e.memory().headroomBytes()));
            Optional<PlanOption> fastest = p.fastest().filter(id -> !id.equals(o.gpu().id())).flatMap(p::option)
                    .filter(q -> q.estimate().cost().isPresent() && q.estimate().hours().isPresent());
            if (fastest.isPresent()) {
                PlanOption q = fastest.get();
                return m.text("recommend.withFastest", base, q.gpuCount(), q.gpu().name(),
                        f.hours(q.estimate().hours().getAsDouble()), f.usd(q.estimate().cost().get().usd()));
            }
            return m.text("recommend.end", base);
        }
        if (pick.isPresent()) {
            PlanOption o = pick.get();
            return m.text("recommend.fitsNoCost", o.gpuCount(), o.gpu().name(),
                    f.gib(o.estimate().memory().headroomBytes()));
        }
        return m.text("recommend.none", Limits.PLANNER_MAX_GPUS);
    }

    private List<NoteLine> noteLines(Results r) {
        Messages m = messages.get();
        List<NoteLine> lines = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        r.estimate().ifPresent(e -> {
            for (Note n : e.notes()) {
                String text = m.note(n);
                if (seen.add(text)) {
                    lines.add(new NoteLine(n.severity(), text));
                }
            }
        });
        return lines;
    }

    // ---- properties -----------------------------------------------------------------------------------------

    /** The last valid scenario (what Save writes) with the name typed now, empty before the first valid inputs. */
    public Optional<Scenario> currentScenario() {
        return results.get().scenario().map(s -> s.withName(scenarioName.get()));
    }

    public ObjectProperty<Messages> messagesProperty() {
        return messages;
    }

    public ObservableValue<Formats> formatsProperty() {
        return formats;
    }

    public StringProperty scenarioNameProperty() {
        return scenarioName;
    }

    public StringProperty modelSearchProperty() {
        return modelSearch;
    }

    /** The presets matching the search (plus an opened config or counted model, first). */
    public ObservableList<ModelSpec> filteredPresets() {
        return filteredPresets;
    }

    public ObjectProperty<ModelSpec> modelProperty() {
        return model;
    }

    public StringProperty parametersTextProperty() {
        return parametersText;
    }

    public ReadOnlyBooleanProperty loadingConfigProperty() {
        return loadingConfig.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty configErrorProperty() {
        return configError.getReadOnlyProperty();
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

    public BooleanProperty targetProperty(LoraTarget target) {
        return targets.get(target);
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

    public List<GpuSpec> gpus() {
        return services.gpus();
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

    public ObjectProperty<MemoryComponent> selectedComponentProperty() {
        return selectedComponent;
    }

    public ObservableValue<Results> resultsProperty() {
        return results;
    }

    public Results getResults() {
        return results.get();
    }

    public ObservableValue<Boolean> staleProperty() {
        return stale;
    }

    /** The estimate of the selected GPU, count and sharding (the last valid one while inputs are invalid). */
    public ObservableValue<Estimate> estimateProperty() {
        return estimate;
    }

    public ObservableValue<Boolean> fp8AvailableProperty() {
        return fp8Available;
    }

    /** Why FP8 cannot be chosen on the selected GPU, "" when it can. */
    public ObservableValue<String> fp8ReasonProperty() {
        return fp8Reason;
    }

    public ObservableValue<List<OptionRow>> optionRowsProperty() {
        return optionRows;
    }

    public ObservableValue<List<CostCurve>> costCurvesProperty() {
        return costCurves;
    }

    public ObservableValue<List<MemoryBarData>> optionBarsProperty() {
        return optionBars;
    }

    public ObservableValue<MemoryBarData> selectedBarProperty() {
        return selectedBar;
    }

    public ObservableValue<String> recommendationProperty() {
        return recommendation;
    }

    /** The terms of the selected memory part: formula, numbers put in and source of each. */
    public ObservableValue<List<MemoryTerm>> explanationProperty() {
        return explanation;
    }

    public ObservableValue<List<NoteLine>> notesProperty() {
        return notes;
    }

    /** The error shown at {@code field}, "" when none. */
    public ObservableValue<String> errorProperty(Field field) {
        return fieldErrors.get(field);
    }

    /** The selected GPU's id as a plain observable, for views that highlight the current option. */
    public ObservableValue<String> selectedGpuIdProperty() {
        return selectedGpuId;
    }

    Function<Scenario, Estimate> estimator() {
        return services.estimator();
    }
}
