package org.finetuneplanner.service.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.gpu.GpuPrice;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.FrameworkProfile;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Identified;
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
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.io.InvalidValueException;
import org.finetuneplanner.service.io.JsonFields;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Words;

/**
 * Reads and writes scenario files in the {@code finetune-plan/1} format (the spec's "Scenario" section), resolving
 * preset and GPU ids through the {@link Catalogs}.
 *
 * <h2>Defaults for missing keys (also in the README)</h2>
 * <ul>
 *   <li>{@code method}: type {@code full}; rank 16; alpha 2 × rank; targets {@code all-linear} (q, k, v, o, gate,
 *       up, down; {@code qkv} counts as q, k, v; {@code q_proj}-style names are read too); extra_trainable none;
 *       base_weights {@code nf4} for QLoRA, else the weights' precision (fp32, fp16 or bf16 as
 *       {@code training.precision}; bf16 under fp8, whose recipes keep bf16 weights and cast per matmul);
 *       double_quant as the framework's loader does (false for {@code hf} and {@code deepspeed}, whose
 *       {@code BitsAndBytesConfig} defaults to no double quantisation; true otherwise).</li>
 *   <li>{@code training}: precision bf16; master_weights true for full fine-tuning, false otherwise; optimizer
 *       adamw; optimizer_in_backward false; micro_batch_size 1; sequence_length 2048;
 *       gradient_accumulation_steps 1; activation_checkpointing none; attention flash; loss standard; compile
 *       false; framework generic.</li>
 *   <li>{@code hardware}: gpu required; gpu_count 1; gpu_memory_gib the catalog's usable memory; gpus_per_node
 *       min(gpu_count, 8); sharding none; offload none; tensor_parallel, pipeline_parallel,
 *       virtual_pipeline_stages, context_parallel, expert_parallel 1; sequence_parallel true with the
 *       {@code megatron} framework (its recipes turn it on with TP), else false.</li>
 *   <li>{@code data}: tokens unknown (then no time or cost); epochs 1. {@code cost}: all from the catalog and the
 *       method/GPU defaults.</li>
 *   <li>{@code model}: one of preset, config, parameters; {@code config} wins over {@code preset}; a bare
 *       {@code parameters} gives a guessed architecture and a note saying so.</li>
 * </ul>
 *
 * <p>Unknown keys are ignored on reading; {@link #write(Scenario, JsonNode)} keeps them by overlaying the scenario
 * on the document it was read from. A JSON {@code null} counts as a missing key. Every invalid value is a
 * {@link ScenarioException} naming the key, the value and what is allowed.
 *
 * <p>Immutable and thread-safe: one instance can read a whole batch.
 */
public final class ScenarioJson {

    /** The format this class reads and writes. */
    public static final String FORMAT = "finetune-plan/1";

    private static final String ALL_LINEAR = "all-linear";

    private final Catalogs catalogs;

    /** A reader and writer that resolves ids through {@code catalogs}. */
    public ScenarioJson(Catalogs catalogs) {
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
    }

    /** A reader and writer over the bundled catalogs. */
    public static ScenarioJson standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final ScenarioJson INSTANCE = new ScenarioJson(Catalogs.load());
    }

    /** The catalogs ids are resolved against. */
    public Catalogs catalogs() {
        return catalogs;
    }

    /**
     * A read scenario with what the reader noticed and the document it came from.
     *
     * @param scenario the resolved scenario
     * @param notes    remarks on the reading (a guessed architecture, an ignored preset); empty when none
     * @param source   the parsed document, for {@link #write(Scenario, JsonNode)} to keep its unknown keys
     */
    public record Document(Scenario scenario, List<Note> notes, JsonNode source) {
        public Document {
            Objects.requireNonNull(scenario, "scenario");
            notes = List.copyOf(notes);
            source = source == null ? SafeJson.nodes().objectNode() : source.deepCopy();
        }

        /** The document as it was read (a copy, so nobody can change this record through it). */
        @Override
        public JsonNode source() {
            return source.deepCopy();
        }
    }

    /**
     * Reads a scenario from JSON text.
     *
     * @throws ScenarioException naming the key, the value and what is allowed
     */
    public Scenario read(String json) {
        return readDocument(json).scenario();
    }

    /**
     * Reads a scenario file.
     *
     * @throws ScenarioException when the file cannot be read or holds an invalid scenario
     */
    public Scenario read(Path file) {
        return readDocument(file).scenario();
    }

    /** Reads JSON text into a scenario with its notes and source tree. */
    public Document readDocument(String json) {
        if (json == null) {
            throw new ScenarioException("", "scenario: no text to read");
        }
        return readDocument(parse(json));
    }

    /** Reads a scenario file into a scenario with its notes and source tree. */
    public Document readDocument(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode tree;
            try {
                tree = SafeJson.readTree(in);
            } catch (JsonProcessingException e) {
                throw new ScenarioException("", file.getFileName() + ": " + SafeJson.describe(e), e);
            }
            return readDocument(tree);
        } catch (NoSuchFileException e) {
            throw new ScenarioException("", file + ": no such file", e);
        } catch (IOException e) {
            throw new ScenarioException("", file + ": cannot be read (" + ioReason(e) + ")", e);
        }
    }

    /** Why a file could not be read, for people: the system's reason, never a Java class name. */
    private static String ioReason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "read error" : oneLine(e.getMessage());
    }

    /**
     * Parses JSON text into a tree with the hardened reader.
     *
     * @throws ScenarioException when it is not JSON, breaks a limit, or has text after the first value
     */
    public static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new ScenarioException("", "scenario is empty: expected a JSON object {\"format\": \"" + FORMAT
                    + "\", \"model\": …, \"hardware\": …}");
        }
        try {
            return SafeJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("", SafeJson.describe(e), e);
        }
    }

    /** Reads a parsed document. */
    public Document readDocument(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new ScenarioException("", "scenario = " + JsonFields.show(tree)
                    + ": expected a JSON object {\"format\": \"" + FORMAT + "\", \"model\": …, \"hardware\": …}");
        }
        try {
            List<Note> notes = new ArrayList<>();
            Scenario scenario = readScenario(tree, notes);
            return new Document(scenario, notes, tree);
        } catch (InvalidValueException e) {
            throw new ScenarioException(e.key(), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // A core record's own check: its message already names the key and the value.
            throw new ScenarioException(e instanceof PlannerException p ? p.key() : "",
                    oneLine(Words.english().message(e)), e);
        }
    }

    private Scenario readScenario(JsonNode tree, List<Note> notes) {
        Optional<String> format = JsonFields.string(tree, "format", "format");
        if (format.isPresent() && !FORMAT.equals(format.get().strip())) {
            throw JsonFields.invalid("format", tree.get("format"), "\"" + FORMAT + "\"");
        }
        String name = JsonFields.string(tree, "name", "name").orElse("");
        ModelSpec model = readModel(JsonFields.object(tree, "model", "model"), notes);
        JsonNode training = JsonFields.object(tree, "training", "training");
        Precision precision = JsonFields.choice(training, "precision", "training.precision", Precision.values(),
                Precision::fromId, Precision.BF16);
        Framework framework = JsonFields.choice(training, "framework", "training.framework", Framework.values(),
                Framework::fromId, Framework.GENERIC);
        MethodSpec method = readMethod(JsonFields.object(tree, "method", "method"), precision, framework);
        TrainingSpec trainingSpec = readTraining(training, precision, method.type());
        HardwareSpec hardware = readHardware(JsonFields.object(tree, "hardware", "hardware"), framework);
        DataSpec data = readData(JsonFields.object(tree, "data", "data"));
        CostSpec cost = readCost(JsonFields.object(tree, "cost", "cost"), hardware.gpu());
        noteUnknownKeys(tree, notes);
        return new Scenario(name, model, method, trainingSpec, hardware, data, cost);
    }

    /** The keys of each section of the format; anything else in a section is likely a typo. */
    private static final Map<String, List<String>> SECTION_KEYS = Map.of(
            "model", List.of("preset", "config", "parameters"),
            "method", List.of("type", "rank", "alpha", "targets", "extra_trainable", "base_weights", "double_quant"),
            "training", List.of("precision", "master_weights", "optimizer", "optimizer_in_backward",
                    "micro_batch_size", "sequence_length", "gradient_accumulation_steps", "activation_checkpointing",
                    "attention", "loss", "compile", "framework"),
            "hardware", List.of("gpu", "gpu_count", "gpu_memory_gib", "gpus_per_node", "sharding", "offload",
                    "tensor_parallel", "pipeline_parallel", "virtual_pipeline_stages", "context_parallel",
                    "expert_parallel", "sequence_parallel"),
            "data", List.of("tokens", "epochs"),
            "cost", List.of("usd_per_gpu_hour", "provider", "mfu"));

    /**
     * Unknown keys are ignored, as the format says; inside a section of the format they are most likely typos that
     * silently left a default in place, so each gets a warning (with the closest key it resembles). Unknown
     * top-level keys are other tools' metadata and pass silently.
     */
    private static void noteUnknownKeys(JsonNode tree, List<Note> notes) {
        SECTION_KEYS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(section -> {
            JsonNode node = tree.get(section.getKey());
            if (node == null || !node.isObject()) {
                return;
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!section.getValue().contains(field)) {
                    String key = section.getKey() + "." + field;
                    Optional<String> near = closest(field, section.getValue()).map(k -> section.getKey() + "." + k);
                    notes.add(near.isPresent() ? Note.of(NoteId.SCENARIO_UNKNOWN_KEY_NEAR, key, FORMAT, near.get())
                            : Note.of(NoteId.SCENARIO_UNKNOWN_KEY, key, FORMAT));
                }
            });
        });
    }

    /** The known key nearest to a misspelt one: a prefix of each other, or at most 3 edits apart. */
    static Optional<String> closest(String typed, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = typed.toLowerCase(Locale.ROOT);
        for (String key : known) {
            int distance = lower.length() >= 3 && (key.startsWith(lower) || lower.startsWith(key)) ? 0
                    : editDistance(lower, key);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = key;
            }
        }
        return bestDistance <= 3 ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        if (a.length() > 100 || b.length() > 100) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private ModelSpec readModel(JsonNode model, List<Note> notes) {
        Optional<JsonNode> config = JsonFields.field(model, "config");
        Optional<String> preset = JsonFields.string(model, "preset", "model.preset");
        OptionalLong parameters = JsonFields.integer(model, "parameters", "model.parameters", Limits.MIN_PARAMETERS,
                Limits.MAX_PARAMETERS);
        if (config.isPresent()) {
            if (!config.get().isObject()) {
                throw JsonFields.invalid("model.config", config.get(), "a config.json object {…}");
            }
            preset.ifPresent(id -> notes.add(Note.of(NoteId.MODEL_PRESET_IGNORED, id)));
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) SafeJson.toPlain(config.get());
            Architecture architecture;
            try {
                architecture = ArchitectureFactory.fromConfig(map);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("model.config", "model.config: " + oneLine(Words.english().message(e)));
            }
            String id = configName(map, architecture);
            return new ModelSpec(id, id, architecture, ModelSpec.Origin.CONFIG, map, OptionalLong.empty());
        }
        if (preset.isPresent()) {
            CatalogModel entry = catalogs.model(preset.get()).orElseThrow(() -> JsonFields.invalid("model.preset",
                    model.get("preset"), "a preset id of the model catalog: "
                            + String.join(", ", catalogs.modelIds())));
            try {
                return catalogs.modelSpec(entry.id()).orElseThrow();
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("model.preset", "model.preset = \"" + entry.id()
                        + "\": the catalog config cannot be read: " + oneLine(Words.english().message(e)));
            }
        }
        if (parameters.isPresent()) {
            long n = parameters.getAsLong();
            Architecture architecture;
            try {
                architecture = ArchitectureFactory.guessFromParameters(n);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("model.parameters", "model.parameters: "
                        + oneLine(Words.english().message(e)));
            }
            String id = billions(n) + " parameters";
            notes.add(Note.of(NoteId.MODEL_GUESSED, n, architecture.hiddenSize(), architecture.numLayers()));
            return new ModelSpec(id, id, architecture, ModelSpec.Origin.PARAMETERS, Map.of(), parameters);
        }
        throw new InvalidValueException("model", "model = " + JsonFields.show(model)
                + ": expected one of model.preset (a catalog id), model.config (a config.json object) or "
                + "model.parameters (a parameter count)");
    }

    /** A readable name for an opened config: its {@code _name_or_path}, else its type and size. */
    private static String configName(Map<String, Object> config, Architecture a) {
        if (config.get("_name_or_path") instanceof String path && !path.isBlank() && path.length() <= 200) {
            return path.strip();
        }
        String type = a.modelType().isEmpty() ? "model" : a.modelType();
        return type + " config (h=" + a.hiddenSize() + ", L=" + a.numLayers() + ")";
    }

    private static String billions(long n) {
        if (n >= 1_000_000_000L) {
            return trim(n / 1e9) + "B";
        }
        return trim(n / 1e6) + "M";
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("\\.?0+$", "");
    }

    private MethodSpec readMethod(JsonNode m, Precision precision, Framework framework) {
        FineTuneMethod type = JsonFields.choice(m, "type", "method.type", FineTuneMethod.values(),
                FineTuneMethod::fromId, FineTuneMethod.FULL);
        int rank = JsonFields.integer(m, "rank", "method.rank", 1, Limits.MAX_RANK, 16);
        int alpha = JsonFields.integer(m, "alpha", "method.alpha", 1, Limits.MAX_ALPHA, 2 * rank);
        Set<LoraTarget> targets = readTargets(m);
        Set<ExtraTrainable> extra = EnumSet.noneOf(ExtraTrainable.class);
        List<String> extraIds = JsonFields.strings(m, "extra_trainable", "method.extra_trainable").orElse(List.of());
        for (int i = 0; i < extraIds.size(); i++) {
            String key = "method.extra_trainable[" + i + "]";
            extra.add(JsonFields.choice(SafeJson.nodes().textNode(extraIds.get(i)), key, ExtraTrainable.values(),
                    ExtraTrainable::fromId));
        }
        WeightStorage fallback = type == FineTuneMethod.QLORA ? WeightStorage.NF4
                : WeightStorage.forCompute(precision);
        WeightStorage base = JsonFields.choice(m, "base_weights", "method.base_weights", WeightStorage.values(),
                WeightStorage::fromId, fallback);
        if (type == FineTuneMethod.FULL && base.isQuantized()) {
            throw JsonFields.invalid("method.base_weights", m.get("base_weights"),
                    "fp32, fp16, bf16 or fp8 for full fine-tuning, which trains the weights themselves "
                            + "(nf4, int8 and int4 are for frozen LoRA/QLoRA base weights)");
        }
        boolean doubleQuant = JsonFields.bool(m, "double_quant", "method.double_quant",
                FrameworkProfile.of(framework).doubleQuantByDefault());
        return new MethodSpec(type, rank, alpha, targets, extra, base, doubleQuant);
    }

    private static Set<LoraTarget> readTargets(JsonNode m) {
        Optional<List<String>> names = JsonFields.strings(m, "targets", "method.targets");
        if (names.isEmpty()) {
            return MethodSpec.allLinear();
        }
        String allowed = "a list of q, k, v, o, gate, up, down, lm_head (qkv = q, k, v), or [\"" + ALL_LINEAR + "\"]";
        if (names.get().isEmpty()) {
            throw JsonFields.invalid("method.targets", m.get("targets"), allowed);
        }
        Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
        for (int i = 0; i < names.get().size(); i++) {
            String raw = names.get().get(i);
            String id = raw.strip().toLowerCase(Locale.ROOT);
            if (id.endsWith("_proj")) {
                id = id.substring(0, id.length() - "_proj".length());
            }
            switch (id) {
                case ALL_LINEAR, "all_linear" -> targets.addAll(MethodSpec.allLinear());
                case "qkv" -> targets.addAll(EnumSet.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V));
                default -> {
                    String key = "method.targets[" + i + "]";
                    targets.add(LoraTarget.fromId(id).orElseThrow(
                            () -> JsonFields.invalid(key, SafeJson.nodes().textNode(raw), allowed)));
                }
            }
        }
        return targets;
    }

    private static TrainingSpec readTraining(JsonNode t, Precision precision, FineTuneMethod type) {
        return new TrainingSpec(precision,
                JsonFields.bool(t, "master_weights", "training.master_weights", type == FineTuneMethod.FULL),
                JsonFields.choice(t, "optimizer", "training.optimizer", Optimizer.values(), Optimizer::fromId,
                        Optimizer.ADAMW),
                JsonFields.bool(t, "optimizer_in_backward", "training.optimizer_in_backward", false),
                JsonFields.integer(t, "micro_batch_size", "training.micro_batch_size", 1, Limits.MAX_MICRO_BATCH,
                        1),
                JsonFields.integer(t, "sequence_length", "training.sequence_length", 1,
                        Limits.MAX_SEQUENCE_LENGTH, 2048),
                JsonFields.integer(t, "gradient_accumulation_steps", "training.gradient_accumulation_steps", 1,
                        Limits.MAX_ACCUMULATION, 1),
                JsonFields.choice(t, "activation_checkpointing", "training.activation_checkpointing",
                        Checkpointing.values(), Checkpointing::fromId, Checkpointing.NONE),
                JsonFields.choice(t, "attention", "training.attention", Attention.values(), Attention::fromId,
                        Attention.FLASH),
                JsonFields.choice(t, "loss", "training.loss", Loss.values(), Loss::fromId, Loss.STANDARD),
                JsonFields.bool(t, "compile", "training.compile", false),
                JsonFields.choice(t, "framework", "training.framework", Framework.values(), Framework::fromId,
                        Framework.GENERIC));
    }

    private HardwareSpec readHardware(JsonNode h, Framework framework) {
        Optional<String> id = JsonFields.string(h, "gpu", "hardware.gpu");
        if (id.isEmpty()) {
            throw new InvalidValueException("hardware.gpu", "hardware.gpu is missing: expected " + knownGpus());
        }
        GpuSpec gpu = catalogs.gpu(id.get()).orElseThrow(() -> JsonFields.invalid("hardware.gpu", h.get("gpu"),
                knownGpus()));
        int count = JsonFields.integer(h, "gpu_count", "hardware.gpu_count", 1, Limits.MAX_GPUS, 1);
        OptionalDouble budget = JsonFields.number(h, "gpu_memory_gib", "hardware.gpu_memory_gib", 0, true,
                gpu.memoryGb());
        int perNode = JsonFields.integer(h, "gpus_per_node", "hardware.gpus_per_node", 1, Limits.MAX_GPUS_PER_NODE,
                Math.min(count, 8));
        Sharding sharding = JsonFields.choice(h, "sharding", "hardware.sharding", Sharding.values(),
                Sharding::fromId, Sharding.NONE);
        Offload offload = JsonFields.choice(h, "offload", "hardware.offload", Offload.values(), Offload::fromId,
                Offload.NONE);
        Parallelism parallel = new Parallelism(
                JsonFields.integer(h, "tensor_parallel", "hardware.tensor_parallel", 1, Limits.MAX_PARALLEL, 1),
                JsonFields.integer(h, "pipeline_parallel", "hardware.pipeline_parallel", 1, Limits.MAX_PARALLEL, 1),
                JsonFields.integer(h, "virtual_pipeline_stages", "hardware.virtual_pipeline_stages", 1,
                        Limits.MAX_PARALLEL, 1),
                JsonFields.integer(h, "context_parallel", "hardware.context_parallel", 1, Limits.MAX_PARALLEL, 1),
                JsonFields.integer(h, "expert_parallel", "hardware.expert_parallel", 1, Limits.MAX_PARALLEL, 1),
                JsonFields.bool(h, "sequence_parallel", "hardware.sequence_parallel",
                        framework == Framework.MEGATRON));
        return new HardwareSpec(gpu, count, budget, perNode, sharding, offload, parallel);
    }

    private String knownGpus() {
        return "a GPU id of the catalog: " + String.join(", ", catalogs.gpuIds());
    }

    private static DataSpec readData(JsonNode d) {
        OptionalLong tokens = JsonFields.integer(d, "tokens", "data.tokens", 1, Limits.MAX_TOKENS);
        double epochs = JsonFields.number(d, "epochs", "data.epochs", 0, true, Limits.MAX_EPOCHS).orElse(1);
        return new DataSpec(tokens, epochs);
    }

    private static CostSpec readCost(JsonNode c, GpuSpec gpu) {
        OptionalDouble price = JsonFields.number(c, "usd_per_gpu_hour", "cost.usd_per_gpu_hour", 0, false,
                Limits.MAX_USD_PER_GPU_HOUR);
        Optional<String> provider = JsonFields.string(c, "provider", "cost.provider").map(String::strip);
        if (provider.isPresent() && gpu.priceFrom(provider.get()).isEmpty()) {
            List<String> providers = gpu.prices().stream().map(GpuPrice::provider).distinct().toList();
            throw JsonFields.invalid("cost.provider", c.get("provider"), providers.isEmpty()
                    ? "no provider: the catalog lists no price for " + gpu.id() + " (give cost.usd_per_gpu_hour)"
                    : "a provider with a price for " + gpu.id() + ": " + String.join(", ", providers));
        }
        OptionalDouble mfu = JsonFields.number(c, "mfu", "cost.mfu", 0, true, 1);
        return new CostSpec(price, provider, mfu);
    }

    /** Pretty JSON of a scenario with every key written out (defaults included). */
    public String write(Scenario scenario) {
        return SafeJson.pretty(toTree(scenario, null));
    }

    /**
     * Pretty JSON of a scenario over the document it was read from: the scenario's keys replace the original's,
     * every other key (unknown to this format version, or a tool's own) is kept as it was.
     */
    public String write(Scenario scenario, JsonNode original) {
        return SafeJson.pretty(toTree(scenario, original));
    }

    /**
     * Saves a scenario file atomically ({@link AtomicFiles}). When the file already holds a JSON object (the file
     * the scenario was opened from, typically), the scenario is written over that object so the keys this format
     * does not know, other tools' keys included, survive the save; an unreadable old file is simply replaced.
     *
     * @throws IOException with a one-line message naming the file and the reason; the previous file is intact
     */
    public void writeFile(Scenario scenario, Path file) throws IOException {
        JsonNode previous = null;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                JsonNode tree = SafeJson.readTree(in);
                previous = tree.isObject() ? tree : null;
            } catch (IOException e) {
                previous = null;
            }
        }
        AtomicFiles.writeString(file, write(scenario, previous));
    }

    /**
     * The scenario as a JSON tree: every key of the format, over a copy of {@code original} when given (so unknown
     * keys survive), else fresh.
     */
    public ObjectNode toTree(Scenario s, JsonNode original) {
        ObjectNode root = original != null && original.isObject() ? (ObjectNode) original.deepCopy()
                : SafeJson.nodes().objectNode();
        root.put("format", FORMAT);
        root.put("name", s.name());

        ObjectNode model = section(root, "model");
        ModelSpec m = s.model();
        switch (m.origin()) {
            case PRESET -> {
                model.put("preset", m.id());
                model.putNull("config");
                model.putNull("parameters");
            }
            case CONFIG -> {
                model.putNull("preset");
                model.set("config", SafeJson.toTree(m.config()));
                model.putNull("parameters");
            }
            case PARAMETERS -> {
                model.putNull("preset");
                model.putNull("config");
                model.put("parameters", m.parameters().orElse(0));
            }
            default -> throw new IllegalStateException(m.origin().name());
        }

        MethodSpec method = s.method();
        ObjectNode me = section(root, "method");
        me.put("type", method.type().id());
        me.put("rank", method.rank());
        me.put("alpha", method.alpha());
        me.set("targets", ids(method.targets()));
        me.set("extra_trainable", ids(method.extraTrainable()));
        me.put("base_weights", method.baseWeights().id());
        me.put("double_quant", method.doubleQuant());

        TrainingSpec t = s.training();
        ObjectNode tr = section(root, "training");
        tr.put("precision", t.precision().id());
        tr.put("master_weights", t.masterWeights());
        tr.put("optimizer", t.optimizer().id());
        tr.put("optimizer_in_backward", t.optimizerInBackward());
        tr.put("micro_batch_size", t.microBatchSize());
        tr.put("sequence_length", t.sequenceLength());
        tr.put("gradient_accumulation_steps", t.gradientAccumulationSteps());
        tr.put("activation_checkpointing", t.checkpointing().id());
        tr.put("attention", t.attention().id());
        tr.put("loss", t.loss().id());
        tr.put("compile", t.compile());
        tr.put("framework", t.framework().id());

        HardwareSpec h = s.hardware();
        ObjectNode hw = section(root, "hardware");
        hw.put("gpu", h.gpu().id());
        hw.put("gpu_count", h.gpuCount());
        putOptional(hw, "gpu_memory_gib", h.gpuMemoryGib());
        hw.put("gpus_per_node", h.gpusPerNode());
        hw.put("sharding", h.sharding().id());
        hw.put("offload", h.offload().id());
        Parallelism p = h.parallel();
        hw.put("tensor_parallel", p.tensor());
        hw.put("pipeline_parallel", p.pipeline());
        hw.put("virtual_pipeline_stages", p.virtualStages());
        hw.put("context_parallel", p.context());
        hw.put("expert_parallel", p.expert());
        hw.put("sequence_parallel", p.sequenceParallel());

        DataSpec d = s.data();
        ObjectNode da = section(root, "data");
        if (d.tokens().isPresent()) {
            da.put("tokens", d.tokens().getAsLong());
        } else {
            da.putNull("tokens");
        }
        da.put("epochs", d.epochs());

        CostSpec c = s.cost();
        ObjectNode co = section(root, "cost");
        putOptional(co, "usd_per_gpu_hour", c.usdPerGpuHour());
        if (c.provider().isPresent()) {
            co.put("provider", c.provider().get());
        } else {
            co.putNull("provider");
        }
        putOptional(co, "mfu", c.mfu());
        return root;
    }

    private static ObjectNode section(ObjectNode root, String name) {
        JsonNode existing = root.get(name);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return root.putObject(name);
    }

    private static void putOptional(ObjectNode node, String key, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(key, value.getAsDouble());
        } else {
            node.putNull(key);
        }
    }

    /** The ids in declaration order (the sets are unordered; files should not change from save to save). */
    private static <E extends Enum<E> & Identified> ArrayNode ids(Set<E> values) {
        ArrayNode array = SafeJson.nodes().arrayNode();
        values.stream().sorted().map(Identified::id).forEach(array::add);
        return array;
    }

    private static String oneLine(String message) {
        return message == null ? "invalid value" : message.replaceAll("\\s+", " ").strip();
    }
}
