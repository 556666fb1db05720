package org.finetuneplanner.service.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.plan.PlanSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.io.InvalidValueException;
import org.finetuneplanner.service.io.IoReasons;
import org.finetuneplanner.service.io.JsonBinding;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Sentence;
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
 *       double_quant as the framework's loader does it (false for {@code hf} and {@code deepspeed}, whose
 *       {@code BitsAndBytesConfig} defaults to no double quantisation; true otherwise).</li>
 *   <li>{@code training}: precision bf16; master_weights true for full fine-tuning, false otherwise; optimizer
 *       adamw; optimizer_in_backward false; micro_batch_size 1; sequence_length 2048;
 *       gradient_accumulation_steps 1; activation_checkpointing none; attention flash; loss standard; compile
 *       false; framework generic.</li>
 *   <li>{@code hardware}: gpu required; gpu_count 1; gpu_memory_gib the catalog's usable memory; gpus_per_node
 *       min(gpu_count, 8); sharding none; offload none; host_memory_gib unknown (offload not checked);
 *       tensor_parallel, pipeline_parallel, virtual_pipeline_stages, context_parallel, expert_parallel 1;
 *       sequence_parallel true with the {@code megatron} framework (its recipes turn it on with TP), else false.</li>
 *   <li>{@code plan}: keep nothing; max_gpus 64; gpus: every GPU of the catalog (the scenario's own GPU is always
 *       planned). Kept as written when the scenario is saved; not part of the {@link Scenario}.</li>
 *   <li>{@code data}: tokens unknown (then no time or cost); epochs 1. {@code cost}: all from the catalog and the
 *       method/GPU defaults.</li>
 *   <li>{@code model}: one of preset, config, parameters; {@code config} wins over {@code preset}; a bare
 *       {@code parameters} gives a guessed architecture and a note saying so.</li>
 * </ul>
 *
 * <p>The document is bound to {@link ScenarioDto} records with {@link SafeJson}'s hardened mapper, then resolved
 * by {@link ScenarioReader}. Unknown keys, at the top level and in every section, are ignored with a warning note
 * (naming the closest known key for a likely typo); {@link #write(Scenario, JsonNode)} keeps them by overlaying the
 * scenario on the document it was read from. A JSON {@code null} counts as a missing key. Every invalid value is a
 * {@link ScenarioException} naming the key, the value as written and what is allowed (and where the text was
 * given, its line and column).
 *
 * <p>Immutable and thread-safe: one instance can read a whole batch.
 */
public final class ScenarioJson {

    /** The format this class reads and writes. */
    public static final String FORMAT = "finetune-plan/1";

    private static final String EXPECTED = "expected a JSON object {\"format\": \"" + FORMAT
            + "\", \"model\": …, \"hardware\": …}";

    private final Supplier<Catalogs> catalogs;

    /** A reader and writer that resolves ids through {@code catalogs}. */
    public ScenarioJson(Catalogs catalogs) {
        Objects.requireNonNull(catalogs, "catalogs");
        this.catalogs = () -> catalogs;
    }

    private ScenarioJson(Supplier<Catalogs> catalogs) {
        this.catalogs = catalogs;
    }

    /**
     * A reader and writer over the bundled catalogs. The catalogs are read, and the scenario and result mappings
     * prepared, in the background from the first call on (on a cold start each takes about as long as the command
     * line's own start-up); the first use waits for them.
     */
    public static ScenarioJson standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        // Method references to other classes: a lambda of this class would wait for its initialisation (a deadlock).
        static final ScenarioJson INSTANCE = new ScenarioJson(joined(
                CompletableFuture.supplyAsync(Catalogs::load, ScenarioJson::startDaemon),
                CompletableFuture.runAsync(ScenarioJson::prepareMappings, ScenarioJson::startDaemon)));
    }

    /** The catalogs once both background tasks are done (a failure to prepare is only a missed head start). */
    private static Supplier<Catalogs> joined(CompletableFuture<Catalogs> catalogs, CompletableFuture<Void> prepared) {
        return () -> {
            prepared.exceptionally(e -> null).join();
            try {
                return catalogs.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        };
    }

    /** Runs a start-up task on a thread of its own (the common pool has a single thread on two cores). */
    private static void startDaemon(Runnable task) {
        Thread thread = new Thread(task, "scenario-json-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static void prepareMappings() {
        SafeJson.prepare(ScenarioDto.class);
        ResultJson.prepare();
    }

    /** The catalogs ids are resolved against. */
    public Catalogs catalogs() {
        return catalogs.get();
    }

    /**
     * A read scenario with what the reader noticed and the document it came from. Read from text, the document is
     * parsed into a tree only when {@link #source()} is first asked for (a batch never asks).
     */
    public static final class Document {
        private final Scenario scenario;
        private final List<Note> notes;
        private final JsonNode name;
        private final Supplier<JsonNode> source;
        private final PlanSpec plan;

        /**
         * @param scenario the resolved scenario
         * @param notes    remarks on the reading (a guessed architecture, an ignored preset, an unknown key); empty
         *                 when none
         * @param source   the parsed document, for {@link #write(Scenario, JsonNode)} to keep its unknown keys
         */
        public Document(Scenario scenario, List<Note> notes, JsonNode source) {
            this(scenario, notes, source == null ? null : source.get("name"), copy(source), PlanSpec.defaults());
        }

        private Document(Scenario scenario, List<Note> notes, JsonNode name, Supplier<JsonNode> source,
                         PlanSpec plan) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
            this.notes = List.copyOf(notes);
            this.name = name;
            this.source = source;
            this.plan = Objects.requireNonNull(plan, "plan");
        }

        private static Supplier<JsonNode> copy(JsonNode source) {
            JsonNode kept = source == null ? SafeJson.nodes().objectNode() : source.deepCopy();
            return () -> kept;
        }

        /** The resolved scenario. */
        public Scenario scenario() {
            return scenario;
        }

        /** Remarks on the reading (a guessed architecture, an ignored preset, an unknown key); empty when none. */
        public List<Note> notes() {
            return notes;
        }

        /** The document as it was read (a copy, so nobody can change this one through it). */
        public JsonNode source() {
            return source.get().deepCopy();
        }

        /** The {@code name} as written (a JSON string), or null when the document has none: what results carry. */
        public JsonNode writtenName() {
            return name;
        }

        /** The {@code plan} section: what the planner keeps, how far it searches, which GPUs it tries. */
        public PlanSpec plan() {
            return plan;
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

    /**
     * Reads JSON text into a scenario with its notes and source tree, binding the text in one pass; a refused value
     * is named with its line and column.
     */
    public Document readDocument(String json) {
        if (json == null) {
            throw new ScenarioException("", "scenario: no text to read");
        }
        ScenarioDto dto = null;
        JsonProcessingException refused = null;
        if (!json.isBlank()) {
            try {
                dto = SafeJson.bind(json, ScenarioDto.class);
            } catch (JsonProcessingException e) {
                refused = e;
            }
        }
        if (dto == null) {
            throw refusal(json, refused);
        }
        return read(dto, once(() -> parse(json)), dto.name() == null ? null : SafeJson.nodes().textNode(dto.name()));
    }

    /** {@code make}'s value, made on the first call only. */
    private static Supplier<JsonNode> once(Supplier<JsonNode> make) {
        return new Supplier<>() {
            private JsonNode value;

            @Override
            public synchronized JsonNode get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    /** Why text could not be bound: not JSON, not an object, or a value refused (named with its line and column). */
    private static ScenarioException refusal(String json, JsonProcessingException refused) {
        JsonNode tree = parse(json);
        if (!tree.isObject() || refused == null) {
            return notAnObject(tree);
        }
        InvalidValueException e = JsonBinding.describe(refused, tree, json.indexOf('\n') < 0);
        return new ScenarioException(e.key(), Sentence.ofError(e), e);
    }

    private static ScenarioException notAnObject(JsonNode tree) {
        return new ScenarioException("", "scenario = " + JsonBinding.show(tree) + ": " + EXPECTED);
    }

    /** Reads a scenario file (UTF-8, or UTF-16 with a byte-order mark) into a scenario with its notes and source. */
    public Document readDocument(Path file) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = SafeJson.readText(in);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("", Sentence.of("read.inFile", file.getFileName(), SafeJson.problem(e)), e);
        } catch (NoSuchFileException e) {
            throw new ScenarioException("", file + ": no such file", e);
        } catch (IOException e) {
            throw new ScenarioException("", file + ": cannot be read (" + IoReasons.of(e) + ")", e);
        }
        if (text.isBlank()) {
            throw new ScenarioException("", file.getFileName() + ": the file is empty: " + EXPECTED);
        }
        try {
            return readDocument(text);
        } catch (ScenarioException e) {
            // Not JSON: say which file; a refused value names its key first.
            throw e.key().isEmpty() && e.getCause() instanceof JsonProcessingException
                    ? new ScenarioException("", Sentence.of("read.inFile", file.getFileName(), e), e) : e;
        }
    }

    /**
     * Parses JSON text into a tree with the hardened reader.
     *
     * @throws ScenarioException when it is not JSON, breaks a limit, or has text after the first value
     */
    public static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new ScenarioException("", "scenario is empty: " + EXPECTED);
        }
        try {
            return SafeJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("", SafeJson.problem(e), e);
        }
    }

    /**
     * The top-level {@code name} of a scenario text as written, as far as it can be read: also when the text is not
     * a valid scenario or not even valid JSON after the name (a batch's error record carries it). Null when none.
     */
    public static JsonNode writtenName(String json) {
        return json == null ? null : SafeJson.peekMember(json, "name").orElse(null);
    }

    /** Reads a parsed document (its errors cannot give line and column: the text is gone). */
    public Document readDocument(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw notAnObject(tree);
        }
        ScenarioDto dto;
        try {
            dto = JsonBinding.bind(tree, null, ScenarioDto.class);
        } catch (InvalidValueException e) {
            throw new ScenarioException(e.key(), Sentence.ofError(e), e);
        }
        JsonNode kept = tree.deepCopy();
        return read(dto, () -> kept, kept.get("name"));
    }

    private Document read(ScenarioDto dto, Supplier<JsonNode> source, JsonNode name) {
        try {
            List<Note> notes = new ArrayList<>();
            ScenarioReader reader = new ScenarioReader(catalogs.get(), source, notes);
            Scenario scenario = reader.read(dto);
            return new Document(scenario, notes, name, source, reader.plan(dto.plan()));
        } catch (InvalidValueException e) {
            throw new ScenarioException(e.key(), Sentence.ofError(e), e);
        } catch (IllegalArgumentException e) {
            // A core record's own check: its violations, at their key, worded by the text layer.
            throw new ScenarioException(e instanceof PlannerException p ? p.key() : "",
                    ScenarioReader.oneLine(Words.english().message(e)), e);
        }
    }

    /** The known key nearest to a misspelt one: a prefix of each other, or at most 3 edits apart. */
    static Optional<String> closest(String typed, List<String> known) {
        return JsonBinding.closest(typed, known);
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
     * Saves a scenario file atomically ({@link AtomicFiles}), the app's Save. When the file already holds a JSON
     * object (the file the scenario was opened from, typically), the scenario is written over that object so the
     * keys this format does not know, other tools' keys included, survive the save; an unreadable old file is simply
     * replaced. A file that is a symbolic link is written through: the file it points to is replaced, the link kept.
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
        AtomicFiles.writeString(file, AtomicFiles.Links.FOLLOW, write(scenario, previous));
    }

    /**
     * The scenario as a JSON tree: every key of the format ({@link ScenarioDto#of(Scenario)}), over a copy of
     * {@code original} when given, section by section, so unknown keys and the original order survive; else fresh.
     */
    public ObjectNode toTree(Scenario s, JsonNode original) {
        ObjectNode written = SafeJson.toTree(ScenarioDto.of(s));
        if (original == null || !original.isObject()) {
            return written;
        }
        ObjectNode root = (ObjectNode) original.deepCopy();
        for (Map.Entry<String, JsonNode> member : written.properties()) {
            JsonNode previous = root.get(member.getKey());
            if (member.getValue() instanceof ObjectNode section && previous instanceof ObjectNode kept) {
                kept.setAll(section);
            } else {
                root.set(member.getKey(), member.getValue());
            }
        }
        return root;
    }
}
