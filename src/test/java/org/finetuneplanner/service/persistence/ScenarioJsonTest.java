package org.finetuneplanner.service.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
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
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Words;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioJsonTest {

    private static final String MINIMAL = """
            {"model": {"preset": "llama-3.1-8b"}, "hardware": {"gpu": "l40s-48gb"}}""";

    private final ScenarioJson json = ScenarioJson.standard();

    @Test
    void missingKeysTakeTheDocumentedDefaults() {
        Scenario s = json.read(MINIMAL);
        assertEquals("", s.name());
        assertEquals("llama-3.1-8b", s.model().id());
        assertEquals(ModelSpec.Origin.PRESET, s.model().origin());
        MethodSpec m = s.method();
        assertEquals(FineTuneMethod.FULL, m.type());
        assertEquals(16, m.rank());
        assertEquals(32, m.alpha(), "alpha = 2 × rank");
        assertEquals(MethodSpec.allLinear(), m.targets());
        assertEquals(EnumSet.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V, LoraTarget.O, LoraTarget.GATE,
                LoraTarget.UP, LoraTarget.DOWN), m.targets());
        assertTrue(m.extraTrainable().isEmpty());
        assertEquals(WeightStorage.BF16, m.baseWeights(), "the weights' precision (bf16)");
        TrainingSpec t = s.training();
        assertEquals(TrainingSpec.defaults(true), t, "bf16, master weights for full, adamw, 1 × 2048 …");
        assertEquals(Precision.BF16, t.precision());
        assertTrue(t.masterWeights());
        assertEquals(Optimizer.ADAMW, t.optimizer());
        assertEquals(1, t.microBatchSize());
        assertEquals(2048, t.sequenceLength());
        assertEquals(1, t.gradientAccumulationSteps());
        assertEquals(Checkpointing.NONE, t.checkpointing());
        assertEquals(Attention.FLASH, t.attention());
        assertEquals(Loss.STANDARD, t.loss());
        assertEquals(Framework.GENERIC, t.framework());
        HardwareSpec h = s.hardware();
        assertEquals("l40s-48gb", h.gpu().id());
        assertEquals(1, h.gpuCount());
        assertEquals(1, h.gpusPerNode());
        assertTrue(h.gpuMemoryGib().isEmpty());
        assertEquals(Sharding.NONE, h.sharding());
        assertEquals(Offload.NONE, h.offload());
        assertEquals(DataSpec.unknown(), s.data());
        assertEquals(CostSpec.defaults(), s.cost());
    }

    @Test
    void methodDefaultsDependOnTheMethod() {
        Scenario qlora = json.read(with("\"method\": {\"type\": \"qlora\", \"rank\": 8}"));
        assertEquals(WeightStorage.NF4, qlora.method().baseWeights());
        assertEquals(16, qlora.method().alpha(), "2 × 8");
        assertFalse(qlora.training().masterWeights(), "false for LoRA/QLoRA");

        Scenario lora = json.read(with("\"method\": {\"type\": \"lora\"}, \"training\": {\"precision\": \"fp16\"}"));
        assertEquals(WeightStorage.FP16, lora.method().baseWeights(), "the precision");
        assertFalse(lora.training().masterWeights());

        Scenario fp8 = json.read(with("\"training\": {\"precision\": \"fp8\"}"));
        assertEquals(WeightStorage.BF16, fp8.method().baseWeights(), "fp8 recipes keep bf16 weights");
        Scenario fp32 = json.read(with("\"training\": {\"precision\": \"FP32\"}"));
        assertEquals(WeightStorage.FP32, fp32.method().baseWeights(), "spellings are case-insensitive");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # gpu_count, gpus_per_node = min(count, 8)
            1,  1
            4,  4
            8,  8
            16, 8
            """)
    void gpusPerNodeDefaultsToTheSmallerOfCountAndEight(int count, int perNode) {
        Scenario s = json.read(MINIMAL.replace("\"gpu\": \"l40s-48gb\"",
                "\"gpu\": \"h100-sxm-80gb\", \"gpu_count\": " + count));
        assertEquals(perNode, s.hardware().gpusPerNode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ["qkv"]                         | Q,K,V
            ["q_proj", "v_proj"]            | Q,V
            ["all-linear"]                  | Q,K,V,O,GATE,UP,DOWN
            ["all-linear", "lm_head"]       | Q,K,V,O,GATE,UP,DOWN,LM_HEAD
            ["up", "down", "Down"]          | UP,DOWN
            """)
    void targetsAcceptFusedAndHuggingFaceNames(String targets, String expected) {
        Scenario s = json.read(with("\"method\": {\"type\": \"lora\", \"targets\": " + targets + "}"));
        EnumSet<LoraTarget> wanted = EnumSet.noneOf(LoraTarget.class);
        for (String name : expected.split(",")) {
            wanted.add(LoraTarget.valueOf(name));
        }
        assertEquals(wanted, EnumSet.copyOf(s.method().targets()));
    }

    @Test
    void configWinsOverPresetWithANote() {
        ScenarioJson.Document d = json.readDocument("""
                {"model": {"preset": "llama-3.1-8b", "config": {"model_type": "llama", "hidden_size": 2048,
                  "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8,
                  "intermediate_size": 8192, "vocab_size": 128256, "tie_word_embeddings": true}},
                 "hardware": {"gpu": "l4-24gb"}}""");
        assertEquals(ModelSpec.Origin.CONFIG, d.scenario().model().origin());
        assertEquals(2048, d.scenario().model().architecture().hiddenSize());
        assertEquals(List.of("model.preset.ignored"), d.notes().stream().map(n -> n.code()).toList());
    }

    @Test
    void bareParametersGiveAGuessedArchitectureAndSaySo() {
        ScenarioJson.Document d = json.readDocument("""
                {"model": {"parameters": 7000000000}, "hardware": {"gpu": "a100-sxm-80gb"}}""");
        ModelSpec model = d.scenario().model();
        assertEquals(ModelSpec.Origin.PARAMETERS, model.origin());
        assertTrue(model.architecture().guessed());
        assertEquals(OptionalLong.of(7_000_000_000L), model.parameters());
        assertEquals("7B parameters", model.displayName());
        assertEquals(1, d.notes().size());
        assertEquals(List.of(Note.of(NoteId.MODEL_GUESSED, 7_000_000_000L, model.architecture().hiddenSize(),
                model.architecture().numLayers())), d.notes());
    }

    @Test
    void unknownKeysAreIgnoredOnReadingAndKeptOnWriting() {
        String text = """
                {"format": "finetune-plan/1", "name": "keep me", "x-tool": {"colour": "blue"},
                 "model": {"preset": "qwen2.5-7b", "comment": "from the catalog"},
                 "training": {"micro_batch_size": 2, "future_key": [1, 2]},
                 "hardware": {"gpu": "h100-sxm-80gb"}}""";
        ScenarioJson.Document d = json.readDocument(text);
        Scenario changed = d.scenario().withTraining(d.scenario().training().withMicroBatchSize(8));
        JsonNode written = ScenarioJson.parse(json.write(changed, d.source()));
        assertEquals("blue", written.at("/x-tool/colour").textValue());
        assertEquals("from the catalog", written.at("/model/comment").textValue());
        assertEquals(2, written.at("/training/future_key").size());
        assertEquals(List.of("x-tool", "model.comment", "training.future_key"),
                d.notes().stream().map(n -> n.args().get(0)).toList(), "every unknown key is reported, in order");
        assertEquals(8, written.at("/training/micro_batch_size").intValue());
        assertEquals(changed, json.read(written.toString()));
    }

    @Test
    void aMisspeltKeyInASectionIsIgnoredWithAWarning() {
        ScenarioJson.Document d = json.readDocument(with(
                "\"training\": {\"micro_batch\": 8, \"sequence_lenght\": 4096}, \"x-tool\": {}"));
        assertEquals(1, d.scenario().training().microBatchSize(), "ignored: the default stays");
        assertEquals(List.of(
                "x-tool is not a key of finetune-plan/1 and was ignored",
                "training.micro_batch is not a key of finetune-plan/1 and was ignored (did you mean "
                        + "training.micro_batch_size?)",
                "training.sequence_lenght is not a key of finetune-plan/1 and was ignored (did you mean "
                        + "training.sequence_length?)"),
                d.notes().stream().map(Words.english()::note).toList());
        assertEquals(java.util.Optional.empty(), ScenarioJson.closest("colour", List.of("gpu", "gpu_count")));
    }

    /** Issue 11: a misspelt section at the top level warned nowhere and its whole content was silently lost. */
    @Test
    void aMisspeltTopLevelKeyIsIgnoredWithAWarningToo() {
        ScenarioJson.Document d = json.readDocument(with("\"trainig\": {\"micro_batch_size\": 8}"));
        assertEquals(1, d.scenario().training().microBatchSize(), "ignored: the default stays");
        assertEquals(List.of("trainig is not a key of finetune-plan/1 and was ignored (did you mean training?)"),
                d.notes().stream().map(Words.english()::note).toList());
        assertEquals("warning", d.notes().get(0).severity().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void everyOptionRoundTrips() {
        Scenario base = json.read(MINIMAL);
        Scenario everything = base.withName("Everything, changed")
                .withMethod(new MethodSpec(FineTuneMethod.QLORA, 64, 16,
                        EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.LM_HEAD),
                        EnumSet.of(ExtraTrainable.EMBED, ExtraTrainable.NORM), WeightStorage.INT4))
                .withTraining(new TrainingSpec(Precision.FP16, true, Optimizer.PAGED_ADAMW_8BIT, true, 3, 4096, 7,
                        Checkpointing.OFFLOAD, Attention.EAGER, Loss.CHUNKED, true, Framework.AXOLOTL))
                .withHardware(new HardwareSpec(json.catalogs().gpu("h100-sxm-80gb").orElseThrow(), 16,
                        OptionalDouble.of(70.5), 4, Sharding.FSDP_GRAD_OP, Offload.OPTIMIZER_AND_PARAMS))
                .withData(DataSpec.of(123_456_789L, 2.5))
                .withCost(new CostSpec(OptionalDouble.of(2.25), java.util.Optional.of("Lambda"),
                        OptionalDouble.of(0.35)));
        assertEquals(everything, json.read(json.write(everything)));
        assertEquals(base, json.read(json.write(base)));
    }

    @Test
    void configAndParameterModelsRoundTrip() {
        Scenario config = json.read("""
                {"name": "gpt2 from a file", "model": {"config": {"model_type": "gpt2", "n_embd": 768, "n_layer": 12,
                  "n_head": 12, "n_inner": null, "n_positions": 1024, "vocab_size": 50257}},
                 "hardware": {"gpu": "t4-16gb"}}""");
        assertEquals(config, json.read(json.write(config)));
        assertTrue(json.write(config).contains("\"n_inner\" : null"), "the config is written back as it was");
        Scenario guessed = json.read("{\"model\": {\"parameters\": 13e9}, \"hardware\": {\"gpu\": \"l40s-48gb\"}}");
        assertEquals(guessed, json.read(json.write(guessed)));
    }

    @Test
    void writtenFilesNameEveryKeyOfTheFormat() {
        JsonNode tree = ScenarioJson.parse(json.write(json.read(MINIMAL)));
        for (String pointer : List.of("/format", "/name", "/model/preset", "/method/type", "/method/rank",
                "/method/alpha", "/method/targets", "/method/extra_trainable", "/method/base_weights",
                "/training/precision", "/training/master_weights", "/training/optimizer",
                "/training/optimizer_in_backward", "/training/micro_batch_size", "/training/sequence_length",
                "/training/gradient_accumulation_steps", "/training/activation_checkpointing", "/training/attention",
                "/training/loss", "/training/compile", "/training/framework", "/hardware/gpu", "/hardware/gpu_count",
                "/hardware/gpus_per_node", "/hardware/sharding", "/hardware/offload", "/data/epochs")) {
            assertFalse(tree.at(pointer).isMissingNode(), pointer);
        }
        assertEquals(ScenarioJson.FORMAT, tree.get("format").textValue());
        assertEquals("[\"q\",\"k\",\"v\",\"o\",\"gate\",\"up\",\"down\"]", tree.at("/method/targets").toString(),
                "declaration order, so a saved file does not change between saves");
    }

    @Test
    void savingOverAFileKeepsItsUnknownKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{\"x-tool\": {\"run\": 7}, \"model\": {\"preset\": \"llama-3.1-8b\"}, "
                + "\"hardware\": {\"gpu\": \"l40s-48gb\"}}");
        Scenario s = json.read(file);
        Scenario changed = s.withTraining(s.training().withSequenceLength(4096));
        json.writeFile(changed, file);
        assertEquals(7, ScenarioJson.parse(Files.readString(file)).at("/x-tool/run").intValue());
        assertEquals(changed, json.read(file));
        Files.writeString(file, "not json at all");
        json.writeFile(changed, file);
        assertEquals(changed, json.read(file), "an unreadable old file is replaced");
        Path fresh = dir.resolve("new.json");
        json.writeFile(changed, fresh);
        assertEquals(changed, json.read(fresh));
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, MINIMAL);
        assertEquals(json.read(MINIMAL), json.read(file));
        ScenarioException missing = assertThrows(ScenarioException.class, () -> json.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        Files.writeString(file, "{\"model\": ");
        ScenarioException truncated = assertThrows(ScenarioException.class, () -> json.read(file));
        assertTrue(truncated.getMessage().startsWith("plan.json: not valid JSON"), truncated.getMessage());
    }

    /**
     * Every invalid value names the key, the value as written, and what is allowed. Each row: a change to the
     * minimal scenario (or a whole document), the key, and a fragment of the allowed values.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "training": {"micro_batch_size": -4} | training.micro_batch_size = -4 | a whole number from 1 to 1048576
            "training": {"micro_batch_size": 4.5}          | training.micro_batch_size = 4.5            | a whole number
            "training": {"micro_batch_size": "4"}          | training.micro_batch_size = "4"            | a whole number
            "training": {"sequence_length": 1e30} | training.sequence_length = 1e30 | from 1 to 16777216
            "training": {"gradient_accumulation_steps": 0} | training.gradient_accumulation_steps = 0   | from 1
            "training": {"precision": "fp4"} | training.precision = "fp4" | fp32, fp16, bf16, fp8
            "training": {"optimizer": "adam-9000"} | training.optimizer = "adam-9000" | adamw, adamw_8bit
            "training": {"master_weights": "yes"}          | training.master_weights = "yes"            | true or false
            "training": {"activation_checkpointing": true} | training.activation_checkpointing = true | full, offload
            "training": {"framework": "jax"} | training.framework = "jax" | generic, hf, torchtune
            "method": {"type": "dora"} | method.type = "dora" | one of full, lora, qlora
            "method": {"rank": 0} | method.rank = 0 | from 1 to 65536
            "method": {"targets": []} | method.targets = [] | q, k, v, o, gate, up, down
            "method": {"targets": ["q", "mlp"]}            | method.targets[1] = "mlp"                  | lm_head
            "method": {"extra_trainable": ["head"]} | method.extra_trainable[0] = "head" | embed, lm_head, norm
            "method": {"base_weights": "nf4"} | method.base_weights = "nf4" | for full fine-tuning
            "hardware": {"gpu": "h1000"} | hardware.gpu = "h1000" | h100-sxm-80gb, h100-pcie-80gb
            "hardware": {"gpu": "l4-24gb", "gpu_count": 0} | hardware.gpu_count = 0 | from 1 to 65536
            "hardware": {"gpu": "l4-24gb", "gpu_memory_gib": 1000} | hardware.gpu_memory_gib = 1000     | ≤ 24
            "hardware": {"gpu": "l4-24gb", "sharding": "zero4"} | hardware.sharding = "zero4" | zero3, fsdp
            "hardware": {"gpu": "l4-24gb", "offload": "nvme"} | hardware.offload = "nvme" | optimizer_and_params
            "hardware": {}                                 | hardware.gpu is missing                    | l40s-48gb
            "data": {"tokens": -1} | data.tokens = -1 | a whole number from 1
            "data": {"epochs": 0}                          | data.epochs = 0                            | > 0
            "cost": {"mfu": 1.5}                           | cost.mfu = 1.5                             | ≥ 0.01 and ≤ 1
            "cost": {"mfu": 0.005}                         | cost.mfu = 0.005                           | ≥ 0.01 and ≤ 1
            "cost": {"usd_per_gpu_hour": -2}               | cost.usd_per_gpu_hour = -2                 | ≥ 0
            "cost": {"provider": "Acme"}                   | cost.provider = "Acme"                     | DigitalOcean
            "model": {"preset": "llama-9"} | model.preset = "llama-9" | llama-2-7b, llama-2-13b
            "model": {}                                    | model = {}                                 | model.preset
            "model": {"config": "llama"} | model.config = "llama" | a config.json object
            "model": {"parameters": -7}                    | model.parameters = -7                      | from 1000000
            "format": "finetune-plan/2" | format = "finetune-plan/2" | "finetune-plan/1"
            "name": 42                                     | name = 42                                  | a string
            """)
    void invalidValuesNameKeyValueAndWhatIsAllowed(String change, String keyAndValue, String allowed) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> json.read(with(change)));
        assertTrue(e.getMessage().startsWith(keyAndValue), e.getMessage());
        assertTrue(e.getMessage().contains(allowed), e.getMessage());
        assertEquals(keyAndValue.split(" ")[0], e.key());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aHiddenSizeOf1e30IsRejectedNamingTheKey() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> json.read("""
                {"model": {"config": {"hidden_size": 1e30, "num_hidden_layers": 32, "num_attention_heads": 32,
                 "intermediate_size": 11008, "vocab_size": 32000}}, "hardware": {"gpu": "l4-24gb"}}"""));
        assertTrue(e.getMessage().startsWith("model.config: "), e.getMessage());
        assertTrue(e.getMessage().contains("hidden_size"), e.getMessage());
        assertEquals("model.config", e.key());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            this is not json                                    | not valid JSON at line 1
            {"model": {"preset": "llama-3.1-8b"}} {"x": 1}      | not valid JSON
            {"hardware": {"gpu": "l4-24gb", "gpu": "t4-16gb"}}  | Duplicate field 'gpu'
            {"model": {"preset": "llama-3.1-8b"}                | (it was opened at line 1, column 1)
            [1, 2, 3]                                           | expected a JSON object
            "just a string"                                     | expected a JSON object
            ``                                                  | scenario is empty: expected a JSON object
            """)
    void textThatIsNotAScenarioObjectIsRejected(String text, String expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> json.read(text == null ? "" : text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals("", e.key());
    }

    @Test
    void nestingBeyondTheLimitIsRejected() {
        String deep = "{\"model\": {\"config\": " + "[".repeat(SafeJson.MAX_NESTING_DEPTH + 5)
                + "]".repeat(SafeJson.MAX_NESTING_DEPTH + 5) + "}}";
        ScenarioException e = assertThrows(ScenarioException.class, () -> json.read(deep));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    }

    @Test
    void aNumberWithTooManyDigitsIsRejected() {
        String digits = "9".repeat(SafeJson.MAX_NUMBER_LENGTH + 1);
        ScenarioException e = assertThrows(ScenarioException.class, () -> json.read(with(
                "\"data\": {\"tokens\": " + digits + "}")));
        assertTrue(e.getMessage().contains("Number value length"), e.getMessage());
    }

    @Test
    void nullCountsAsMissing() {
        Scenario s = json.read(with("\"method\": {\"type\": \"lora\", \"rank\": null, \"alpha\": null}, "
                + "\"data\": {\"tokens\": null}"));
        assertEquals(16, s.method().rank());
        assertEquals(32, s.method().alpha());
        assertTrue(s.data().tokens().isEmpty());
    }

    @Test
    void tokensWrittenWithAnExponentAreRead() {
        Scenario s = json.read(with("\"data\": {\"tokens\": 5e7, \"epochs\": 3}"));
        assertEquals(DataSpec.of(50_000_000L, 3), s.data());
    }

    /** The minimal scenario with one more top-level member (a later duplicate key replaces the earlier). */
    private static String with(String member) {
        if (member.startsWith("\"hardware\"") || member.startsWith("\"model\"")) {
            String key = member.substring(1, member.indexOf('"', 1));
            String rest = key.equals("hardware") ? "\"model\": {\"preset\": \"llama-3.1-8b\"}"
                    : "\"hardware\": {\"gpu\": \"l40s-48gb\"}";
            return "{" + rest + ", " + member + "}";
        }
        return MINIMAL.substring(0, MINIMAL.length() - 1) + ", " + member + "}";
    }
}
