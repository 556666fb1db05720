package org.finetuneplanner.service.persistence;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.FrameworkProfile;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.plan.PlanSpec;
import org.finetuneplanner.core.plan.Setting;
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
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.service.catalog.CatalogModel;
import org.finetuneplanner.service.model.ModelFiles;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.InvalidValueException;
import org.finetuneplanner.service.io.JsonBinding;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ScenarioDto.CostDto;
import org.finetuneplanner.service.persistence.ScenarioDto.DataDto;
import org.finetuneplanner.service.persistence.ScenarioDto.HardwareDto;
import org.finetuneplanner.service.persistence.ScenarioDto.MethodDto;
import org.finetuneplanner.service.persistence.ScenarioDto.ModelDto;
import org.finetuneplanner.service.persistence.ScenarioDto.PlanDto;
import org.finetuneplanner.service.persistence.ScenarioDto.TrainingDto;
import org.finetuneplanner.service.text.Sentence;
import org.finetuneplanner.service.text.Words;

/**
 * A bound {@link ScenarioDto} to a resolved {@link Scenario}: the defaults of missing keys (listed in
 * {@link ScenarioJson}), catalog ids resolved, the checks that involve more than one key, and the notes on the
 * reading. One instance per document; not thread-safe.
 */
final class ScenarioReader {

    private static final String ALL_LINEAR = "all-linear";

    private final Catalogs catalogs;
    private final Supplier<JsonNode> source;
    private final List<Note> notes;

    /**
     * @param source the document the DTO was bound from (parsed only when asked for), to show refused values as
     *               written and unknown keys in their order
     * @param notes  receives the notes on the reading
     */
    ScenarioReader(Catalogs catalogs, Supplier<JsonNode> source, List<Note> notes) {
        this.catalogs = catalogs;
        this.source = source;
        this.notes = notes;
    }

    Scenario read(ScenarioDto dto) {
        if (dto.format() != null && !ScenarioJson.FORMAT.equals(dto.format().strip())) {
            throw invalid("format", "\"" + ScenarioJson.FORMAT + "\"");
        }
        String name = dto.name() == null ? "" : dto.name();
        ModelSpec model = model(Objects.requireNonNullElse(dto.model(), ModelDto.EMPTY), dto.model() != null);
        TrainingDto t = Objects.requireNonNullElse(dto.training(), TrainingDto.EMPTY);
        Precision precision = or(t.precision(), Precision.BF16);
        Framework framework = or(t.framework(), Framework.GENERIC);
        MethodSpec method = method(Objects.requireNonNullElse(dto.method(), MethodDto.EMPTY), precision, framework);
        TrainingSpec training = training(t, precision, method.type());
        HardwareSpec hardware = hardware(Objects.requireNonNullElse(dto.hardware(), HardwareDto.EMPTY), framework);
        DataSpec data = data(Objects.requireNonNullElse(dto.data(), DataDto.EMPTY));
        CostSpec cost = cost(Objects.requireNonNullElse(dto.cost(), CostDto.EMPTY), hardware.gpu());
        unknownKeys(dto);
        return new Scenario(name, model, method, training, hardware, data, cost);
    }

    private ModelSpec model(ModelDto m, boolean present) {
        JsonNode config = m.config() == null || m.config().isNull() ? null : m.config();
        if (config != null) {
            if (!config.isObject()) {
                throw invalid("model.config", "a config.json object {…}");
            }
            if (m.preset() != null) {
                notes.add(presetIgnored(m.preset()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) SafeJson.toPlain(config);
            Architecture architecture;
            try {
                architecture = ArchitectureFactory.fromConfig(map);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("model.config", "model.config: " + english(e));
            }
            String id = configName(map, architecture);
            return new ModelSpec(id, id, architecture, ModelSpec.Origin.CONFIG, map, OptionalLong.empty());
        }
        if (m.preset() != null) {
            CatalogModel entry = catalogs.model(m.preset()).orElseThrow(() -> invalid("model.preset",
                    "a preset id of the model catalog: " + String.join(", ", catalogs.modelIds())));
            try {
                return catalogs.modelSpec(entry.id()).orElseThrow();
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("model.preset", "model.preset = \"" + entry.id()
                        + "\": the catalog config cannot be read: " + english(e));
            }
        }
        if (m.parameters() != null) {
            long n = m.parameters();
            Architecture architecture;
            try {
                architecture = ArchitectureFactory.guessFromParameters(n);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("model.parameters", "model.parameters: " + english(e));
            }
            String id = ModelFiles.parametersName(n);
            notes.add(guessed(architecture, n));
            return new ModelSpec(id, id, architecture, ModelSpec.Origin.PARAMETERS, Map.of(), OptionalLong.of(n));
        }
        String allowed = "one of model.preset (a catalog id), model.config (a config.json object) or "
                + "model.parameters (a parameter count)";
        throw present ? invalid("model", allowed) : JsonBinding.missing("model", allowed);
    }

    /** A readable name for an opened config: its {@code _name_or_path}, else its type and size. */
    private static String configName(Map<String, Object> config, Architecture a) {
        if (config.get("_name_or_path") instanceof String path && !path.isBlank() && path.length() <= 200) {
            return path.strip();
        }
        String type = a.modelType().isEmpty() ? "model" : a.modelType();
        return type + " config (h=" + a.hiddenSize() + ", L=" + a.numLayers() + ")";
    }

    private MethodSpec method(MethodDto m, Precision precision, Framework framework) {
        FineTuneMethod type = or(m.type(), FineTuneMethod.FULL);
        int rank = or(m.rank(), 16);
        int alpha = or(m.alpha(), 2 * rank);
        Set<LoraTarget> targets = targets(m.targets());
        Set<ExtraTrainable> extra = EnumSet.noneOf(ExtraTrainable.class);
        List<ExtraTrainable> listed = m.extraTrainable() == null ? List.of() : m.extraTrainable();
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i) == null) {
                throw invalid("method.extra_trainable[" + i + "]", JsonBinding.Allowed.oneOf(ExtraTrainable.values()));
            }
            extra.add(listed.get(i));
        }
        WeightStorage fallback = type == FineTuneMethod.QLORA ? WeightStorage.NF4 : WeightStorage.forCompute(precision);
        WeightStorage base = or(m.baseWeights(), fallback);
        if (type == FineTuneMethod.FULL && base.isQuantized()) {
            throw invalid("method.base_weights", "fp32, fp16, bf16 or fp8 for full fine-tuning, which trains the "
                    + "weights themselves (nf4, int8 and int4 are for frozen LoRA/QLoRA base weights)");
        }
        // NF4 double quantisation as the framework's loader does it unless the file says
        boolean doubleQuant = or(m.doubleQuant(), FrameworkProfile.of(framework).doubleQuantByDefault());
        return new MethodSpec(type, rank, alpha, targets, extra, base, doubleQuant);
    }

    private Set<LoraTarget> targets(List<String> names) {
        if (names == null) {
            return MethodSpec.allLinear();
        }
        String allowed = "a list of q, k, v, o, gate, up, down, lm_head (qkv = q, k, v), or [\"" + ALL_LINEAR + "\"]";
        if (names.isEmpty()) {
            throw invalid("method.targets", allowed);
        }
        Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
        for (int i = 0; i < names.size(); i++) {
            String key = "method.targets[" + i + "]";
            if (names.get(i) == null) {
                throw invalid(key, allowed);
            }
            String id = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (id.endsWith("_proj")) {
                id = id.substring(0, id.length() - "_proj".length());
            }
            switch (id) {
                case ALL_LINEAR, "all_linear" -> targets.addAll(MethodSpec.allLinear());
                case "qkv" -> targets.addAll(EnumSet.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V));
                default -> targets.add(LoraTarget.fromId(id).orElseThrow(() -> invalid(key, allowed)));
            }
        }
        return targets;
    }

    private static TrainingSpec training(TrainingDto t, Precision precision, FineTuneMethod type) {
        return new TrainingSpec(precision, or(t.masterWeights(), type == FineTuneMethod.FULL),
                or(t.optimizer(), Optimizer.ADAMW), or(t.optimizerInBackward(), false),
                or(t.microBatchSize(), 1), or(t.sequenceLength(), 2048), or(t.gradientAccumulationSteps(), 1),
                or(t.activationCheckpointing(), Checkpointing.NONE), or(t.attention(), Attention.FLASH),
                or(t.loss(), Loss.STANDARD), or(t.compile(), false), or(t.framework(), Framework.GENERIC));
    }

    private HardwareSpec hardware(HardwareDto h, Framework framework) {
        if (h.gpu() == null) {
            throw JsonBinding.missing("hardware.gpu", knownGpus());
        }
        GpuSpec gpu = catalogs.gpu(h.gpu()).orElseThrow(() -> JsonBinding.invalid("hardware.gpu",
                JsonBinding.at(source.get(), "hardware.gpu"), catalogGpus()));
        int count = or(h.gpuCount(), 1);
        OptionalDouble budget = OptionalDouble.empty();
        if (h.gpuMemoryGib() != null) {
            if (h.gpuMemoryGib() > gpu.memoryGb()) {
                throw invalid("hardware.gpu_memory_gib", JsonBinding.Allowed.number(0, true, gpu.memoryGb()));
            }
            budget = OptionalDouble.of(h.gpuMemoryGib());
        }
        // Megatron's recipes turn sequence parallelism on with tensor parallelism; PyTorch-native TP asks for it
        Parallelism parallel = new Parallelism(or(h.tensorParallel(), 1), or(h.pipelineParallel(), 1),
                or(h.virtualPipelineStages(), 1), or(h.contextParallel(), 1), or(h.expertParallel(), 1),
                or(h.sequenceParallel(), framework == Framework.MEGATRON));
        return new HardwareSpec(gpu, count, budget, or(h.gpusPerNode(), Math.min(count, 8)),
                or(h.sharding(), Sharding.NONE), or(h.offload(), Offload.NONE), optional(h.hostMemoryGib()), parallel);
    }

    /**
     * The {@code plan} section: {@code keep} (names of {@link Setting}s the planner may not change), {@code max_gpus}
     * (1 to {@link Limits#MAX_PLAN_GPUS}), {@code gpus} (catalog ids). A wrong name, count or id is a typed
     * violation naming the key ({@code plan.keep}, {@code plan.max_gpus}, {@code plan.gpus}).
     */
    PlanSpec plan(PlanDto p) {
        if (p == null) {
            return PlanSpec.defaults();
        }
        Set<Setting> keep = EnumSet.noneOf(Setting.class);
        for (String name : p.keep() == null ? List.<String>of() : p.keep()) {
            keep.add(Setting.keepableFromId(name).orElseThrow(() -> Violation.oneOf("plan.keep", name,
                    PlanSpec.keepable()).exception()));
        }
        long max = or(p.maxGpus(), (long) Limits.PLANNER_MAX_GPUS);
        List<String> gpus = new ArrayList<>();
        for (String id : p.gpus() == null ? List.<String>of() : p.gpus()) {
            GpuSpec gpu = catalogs.gpu(id).orElseThrow(() -> Violation.oneOf("plan.gpus", id, catalogs.gpuIds())
                    .exception());
            if (!gpus.contains(gpu.id())) {
                gpus.add(gpu.id());
            }
        }
        // A count beyond an int is refused as the largest int, which the range check names with its bounds.
        return new PlanSpec(keep, (int) Math.max(Integer.MIN_VALUE, Math.min(max, Integer.MAX_VALUE)), gpus);
    }

    private String knownGpus() {
        return Words.english().sentence(catalogGpus());
    }

    /** What a GPU id may be, worded in the reader's language where it is shown ("a GPU id of the catalog: …"). */
    private Sentence catalogGpus() {
        return Sentence.of("read.allowed.catalogGpu", String.join(", ", catalogs.gpuIds()));
    }

    private static DataSpec data(DataDto d) {
        OptionalLong tokens = d.tokens() == null ? OptionalLong.empty() : OptionalLong.of(d.tokens());
        return new DataSpec(tokens, or(d.epochs(), 1.0));
    }

    private CostSpec cost(CostDto c, GpuSpec gpu) {
        java.util.Optional<String> provider = java.util.Optional.ofNullable(c.provider()).map(String::strip);
        if (provider.isPresent() && gpu.priceFrom(provider.get()).isEmpty()) {
            List<String> providers = gpu.prices().stream().map(GpuPrice::provider).distinct().toList();
            throw invalid("cost.provider", providers.isEmpty()
                    ? "no provider: the catalog lists no price for " + gpu.id() + " (give cost.usd_per_gpu_hour)"
                    : "a provider with a price for " + gpu.id() + ": " + String.join(", ", providers));
        }
        return new CostSpec(optional(c.usdPerGpuHour()), provider, optional(c.mfu()));
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /**
     * Unknown keys are ignored, as the format says, and each gets a warning naming it, with the closest known key
     * when it looks like a typo that silently left a default in place.
     */
    private void unknownKeys(ScenarioDto dto) {
        unknown("", ScenarioDto.class, dto.other());
        unknown("model", ModelDto.class, dto.model() == null ? Map.of() : dto.model().other());
        unknown("method", MethodDto.class, dto.method() == null ? Map.of() : dto.method().other());
        unknown("training", TrainingDto.class, dto.training() == null ? Map.of() : dto.training().other());
        unknown("hardware", HardwareDto.class, dto.hardware() == null ? Map.of() : dto.hardware().other());
        unknown("data", DataDto.class, dto.data() == null ? Map.of() : dto.data().other());
        unknown("cost", CostDto.class, dto.cost() == null ? Map.of() : dto.cost().other());
        unknown("plan", PlanDto.class, dto.plan() == null ? Map.of() : dto.plan().other());
    }

    /** One note per key of {@code other}, in the order of the document. */
    private void unknown(String section, Class<?> dto, Map<String, JsonNode> other) {
        if (other.isEmpty()) {
            return;
        }
        String prefix = section.isEmpty() ? "" : section + ".";
        JsonNode object = section.isEmpty() ? source.get() : source.get().get(section);
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String field = member.getKey();
            if (other.containsKey(field)) {
                notes.add(unknownKey(prefix + field, JsonBinding.closest(field, JsonBinding.keys(dto))
                        .map(known -> prefix + known).orElse(null)));
            }
        }
    }

    // The notes of reading, as the core's ids with their values (the text layer words them).

    private static Note unknownKey(String key, String closest) {
        return closest == null ? Note.of(NoteId.SCENARIO_UNKNOWN_KEY, key, ScenarioJson.FORMAT)
                : Note.of(NoteId.SCENARIO_UNKNOWN_KEY_NEAR, key, ScenarioJson.FORMAT, closest);
    }

    private static Note presetIgnored(String preset) {
        return Note.of(NoteId.MODEL_PRESET_IGNORED, preset);
    }

    private static Note guessed(Architecture a, long parameters) {
        return Note.of(NoteId.MODEL_GUESSED, parameters, a.hiddenSize(), a.numLayers());
    }

    /** {@code key = <value as written>: expected <allowed>}. */
    private InvalidValueException invalid(String key, String allowed) {
        return JsonBinding.invalid(key, JsonBinding.at(source.get(), key), allowed);
    }

    /** A core error behind a refused model, on one line: its violations in English (the text layer's words). */
    private static String english(IllegalArgumentException e) {
        return oneLine(Words.english().message(e));
    }

    static String oneLine(String message) {
        return message == null ? "invalid value" : message.replaceAll("\\s+", " ").strip();
    }
}
