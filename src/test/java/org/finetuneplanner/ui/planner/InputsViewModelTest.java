package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The form: inputs, parsing, companion defaults and problems at their fields. */
class InputsViewModelTest {
    private final PlannerViewModel planner = Fixtures.planner();
    private final InputsViewModel vm = planner.inputs();

    private Estimate estimate() {
        return planner.results().estimateProperty().getValue();
    }

    private long part(MemoryComponent c) {
        return estimate().memory().perGpu().bytes(c);
    }

    private Draft draft() {
        return vm.draftProperty().getValue();
    }

    @Test
    void theDraftIsTheInputsAsAScenario() {
        vm.microBatchProperty().set(8);
        vm.sequenceLengthProperty().set(4096);
        Scenario s = draft().scenario().orElseThrow();
        assertEquals(8, s.training().microBatchSize());
        assertEquals(4096, s.training().sequenceLength());
        assertEquals(OptionalLong.of(50_000_000L), s.data().tokens());
    }

    @Test
    void switchingFromLoraToQloraStoresTheBaseInNf4AndLowersWeights() {
        vm.methodProperty().set(FineTuneMethod.LORA);
        assertEquals(WeightStorage.BF16, vm.baseWeightsProperty().get());
        long lora = part(MemoryComponent.WEIGHTS);
        vm.methodProperty().set(FineTuneMethod.QLORA);
        assertEquals(WeightStorage.NF4, vm.baseWeightsProperty().get());
        // NF4 keeps ~4.1 bits of 16 for the linear weights: well under half of the BF16 base.
        assertTrue(part(MemoryComponent.WEIGHTS) < lora / 2, part(MemoryComponent.WEIGHTS) + " vs " + lora);
    }

    @Test
    void fullFineTuningKeepsMasterWeightsAndTheComputePrecision() {
        vm.methodProperty().set(FineTuneMethod.FULL);
        assertTrue(vm.masterWeightsProperty().get());
        assertEquals(WeightStorage.BF16, vm.baseWeightsProperty().get());
        vm.methodProperty().set(FineTuneMethod.LORA);
        assertFalse(vm.masterWeightsProperty().get());
    }

    @Test
    void aScenarioPutInKeepsItsOwnCompanions() {
        // LoRA with an int8 base and master weights: not what switching to LoRA would choose, kept as opened.
        Scenario s = vm.defaultScenario().withMethod(new MethodSpec(FineTuneMethod.LORA, 8, 16,
                MethodSpec.allLinear(), java.util.Set.of(), WeightStorage.INT8));
        vm.applyScenario(s);
        assertEquals(WeightStorage.INT8, vm.baseWeightsProperty().get());
        assertEquals(s.method(), planner.currentScenario().orElseThrow().method());
    }

    @Test
    void fp8OnAGpuWithoutFp8IsAnErrorAtPrecisionAndKeepsTheLastEstimate() {
        vm.gpuProperty().set(Fixtures.gpu("a100-sxm-80gb"));
        Estimate before = estimate();
        assertFalse(vm.fp8AvailableProperty().getValue());
        assertTrue(vm.fp8ReasonProperty().getValue().contains("A100"));
        vm.precisionProperty().set(Precision.FP8);
        assertTrue(planner.stale());
        assertTrue(vm.errorProperty(Field.PRECISION).getValue().startsWith("FP8 needs FP8 tensor cores"));
        assertSame(before, estimate());
        vm.gpuProperty().set(Fixtures.gpu("h100-sxm-80gb"));
        assertFalse(planner.stale());
        assertEquals(Precision.FP8, planner.currentScenario().orElseThrow().training().precision());
    }

    @Test
    void unreadableTokensShowAtTheFieldAndTheTextStays() {
        Estimate before = estimate();
        vm.tokensTextProperty().set("lots");
        assertEquals("Dataset tokens: \u201clots\u201d is not a positive count; use e.g. 50M, 1.2B or 50000000.",
                vm.errorProperty(Field.TOKENS).getValue());
        assertEquals("lots", vm.tokensTextProperty().get());
        assertSame(before, estimate());
        assertTrue(planner.results().staleProperty().getValue());
        vm.tokensTextProperty().set("1.2B");
        assertEquals("", vm.errorProperty(Field.TOKENS).getValue());
        assertEquals(OptionalLong.of(1_200_000_000L), planner.currentScenario().orElseThrow().data().tokens());
    }

    @Test
    void aCoreViolationShowsAtTheFieldOfItsKeyInTheUsersLanguage() {
        // 2×10^15 tokens parse as a count but are above the 10^15 a scenario may hold: DataSpec rejects them with
        // a violation keyed data.tokens, which lands at the tokens field, not in a general message.
        vm.tokensTextProperty().set("2000000000000000");
        assertEquals("Not a valid combination: data.tokens must be 1 to 1000000000000000, was 2000000000000000",
                vm.errorProperty(Field.TOKENS).getValue());
        assertEquals("", vm.errorProperty(Field.GENERAL).getValue());
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertEquals("Tổ hợp không hợp lệ: data.tokens phải từ 1 đến 1000000000000000, nhưng đang là "
                        + "2000000000000000", vm.errorProperty(Field.TOKENS).getValue());
        vm.tokensTextProperty().set("50M");
        // hardware.gpu_count has its own field; a key of a section without one goes to the section's field.
        vm.gpuCountProperty().set(0);
        // A key the form has a field for is named as the form names it, in the user's language.
        assertTrue(vm.errorProperty(Field.GPU_COUNT).getValue().startsWith("Tổ hợp không hợp lệ: Số GPU phải từ 1"),
                vm.errorProperty(Field.GPU_COUNT).getValue());
        assertEquals(Field.GPU_COUNT, Field.forKey("hardware.gpu_count"));
        assertEquals(Field.HARDWARE, Field.forKey("hardware.gpus_per_node"));
        assertEquals(Field.TRAINING, Field.forKey("training.micro_batch_size"));
        assertEquals(Field.GENERAL, Field.forKey("hidden_size"));
    }

    /**
     * A product beyond its limit shows at the field of its key, and the last valid results stay on screen (stale).
     * Llama 3.1 8B's k and v are 1,024 wide: a rank of 2,048 is no LoRA for them. 65,536 sequences of 16,777,216
     * tokens: their logits pass the 2^48 limit.
     */
    @Test
    void aProductBeyondItsLimitShowsAtItsFieldAndKeepsTheLastResults() {
        Estimate before = estimate();
        vm.loraRankProperty().set(2048);
        assertEquals("Not a valid combination: method.rank must be 1 to num_key_value_heads × head_dim (1024), was "
                + "2048", vm.errorProperty(Field.METHOD).getValue());
        assertTrue(planner.stale());
        assertSame(before, estimate(), "the last valid estimate is kept");
        vm.loraRankProperty().set(1024);
        assertFalse(planner.stale());
        vm.microBatchProperty().set(65_536);
        vm.sequenceLengthProperty().set(16_777_216);
        assertTrue(vm.errorProperty(Field.TRAINING).getValue().startsWith("Not a valid combination: "
                + "training.micro_batch_size × training.sequence_length × vocab_size must be ≤ 281474976710656"),
                vm.errorProperty(Field.TRAINING).getValue());
        assertEquals("", vm.errorProperty(Field.GENERAL).getValue());
    }

    @Test
    void aProblemIsReWordedWhenTheLanguageSwitchesBack() {
        vm.tokensTextProperty().set("x");
        String english = vm.errorProperty(Field.TOKENS).getValue();
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertTrue(vm.errorProperty(Field.TOKENS).getValue().startsWith("Số token"));
        planner.messagesProperty().set(Messages.forLocale(Locale.ENGLISH));
        assertEquals(english, vm.errorProperty(Field.TOKENS).getValue());
    }

    @Test
    void badEpochsAndPriceShowAtTheirFields() {
        vm.epochsTextProperty().set("0");
        assertFalse(vm.errorProperty(Field.EPOCHS).getValue().isEmpty());
        vm.epochsTextProperty().set("2");
        vm.priceTextProperty().set("-1");
        assertFalse(vm.errorProperty(Field.PRICE).getValue().isEmpty());
        vm.priceTextProperty().set("$2.00");
        assertFalse(planner.stale());
        // The override is the price of every option: cost = GPUs × $2 × hours (+ storage).
        assertEquals(2.0, estimate().cost().orElseThrow().usdPerGpuHour());
        assertEquals("override: $2.00/GPU\u00b7h", vm.texts().price().getValue());
    }

    @Test
    void loraWithoutTargetsIsAnErrorButFullFineTuningIgnoresThem() {
        vm.methodProperty().set(FineTuneMethod.LORA);
        for (LoraTarget t : LoraTarget.values()) {
            vm.targetProperty(t).set(false);
        }
        assertEquals("Choose at least one target module for LoRA or QLoRA.",
                vm.errorProperty(Field.TARGETS).getValue());
        vm.methodProperty().set(FineTuneMethod.FULL);
        assertFalse(planner.stale());
    }

    @Test
    void allLinearTargetsEveryLinearLayerAndNoHead() {
        for (LoraTarget t : LoraTarget.values()) {
            vm.targetProperty(t).set(t == LoraTarget.Q);
        }
        vm.targetAllLinear();
        assertEquals(MethodSpec.allLinear(), draft().scenario().orElseThrow().method().targets());
        assertFalse(vm.targetProperty(LoraTarget.LM_HEAD).get());
    }

    @Test
    void aScenarioPutInComesBackUnchanged() {
        Scenario s = vm.defaultScenario().withName("round trip")
                .withTraining(vm.defaultScenario().training().withSequenceLength(4096).withMicroBatchSize(2));
        vm.applyScenario(s);
        assertEquals(s, planner.currentScenario().orElseThrow());
    }

    @Test
    void aLayoutHostMemoryAndSingleQuantisationHaveNoControlsButComeBackUnchanged() {
        // Two GPUs with tensor parallelism 2, 64 GiB of host memory and NF4 without double quantisation: no control
        // shows them yet, and saving the opened scenario keeps them; undo puts the form's defaults back.
        Scenario d = vm.defaultScenario();
        Scenario s = d.withName("layout").withMethod(d.method().withDoubleQuant(false))
                .withHardware(d.hardware().withGpuCount(2).withParallel(new Parallelism(2, 1, 1, 1, 1, false))
                        .withHostMemoryGib(OptionalDouble.of(64)));
        Scenario before = planner.currentScenario().orElseThrow();
        vm.applyScenario(s);
        assertEquals(s, planner.currentScenario().orElseThrow());
        vm.history().undo();
        assertEquals(before.hardware(), planner.currentScenario().orElseThrow().hardware());
        assertEquals(before.method(), planner.currentScenario().orElseThrow().method());
    }

    @Test
    void aConfigWithoutHiddenSizeShowsAtTheConfigFieldAndKeepsTheModel(@TempDir Path dir) throws IOException {
        ModelSpec before = vm.modelProperty().get();
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"model_type\": \"llama\", \"num_hidden_layers\": 32}");
        vm.openConfig(file).join();
        assertTrue(vm.errorProperty(Field.CONFIG).getValue().startsWith("Could not use config.json: "));
        assertTrue(vm.errorProperty(Field.CONFIG).getValue().contains("hidden_size"),
                vm.errorProperty(Field.CONFIG).getValue());
        assertSame(before, vm.modelProperty().get());
        assertFalse(vm.loadingConfigProperty().get());
    }

    @Test
    void aGoodConfigBecomesTheModelAndHeadsThePresetList(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"_name_or_path": "my-org/tiny", "model_type": "llama", "hidden_size": 2048,
                 "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8,
                 "intermediate_size": 8192, "vocab_size": 128256, "tie_word_embeddings": true}
                """);
        vm.openConfig(file).join();
        assertEquals("", vm.errorProperty(Field.CONFIG).getValue());
        assertEquals(ModelSpec.Origin.CONFIG, vm.modelProperty().get().origin());
        assertEquals("my-org/tiny", vm.presets().get(0).displayName());
        assertEquals(2048, planner.currentScenario().orElseThrow().model().architecture().hiddenSize());
    }

    @Test
    void parametersOnlyGuessesAModelAndRefusesText() {
        vm.parametersTextProperty().set("seven billion");
        vm.useParameters();
        assertTrue(vm.errorProperty(Field.PARAMETERS).getValue().contains("seven billion"));
        vm.parametersTextProperty().set("7B");
        vm.useParameters();
        assertEquals("", vm.errorProperty(Field.PARAMETERS).getValue());
        assertEquals(ModelSpec.Origin.PARAMETERS, vm.modelProperty().get().origin());
        assertEquals(OptionalLong.of(7_000_000_000L), vm.modelProperty().get().parameters());
        assertTrue(vm.texts().modelSummary().getValue().endsWith("guessed from a parameter count"));
    }

    @Test
    void theValueLinesFollowTheInputsAndTheLanguage() {
        vm.microBatchProperty().set(32);
        vm.sequenceLengthProperty().set(4096);
        vm.accumulationProperty().set(4);
        assertEquals("32 sequences", vm.texts().microBatch().getValue());
        assertEquals("4,096 tokens", vm.texts().sequence().getValue());
        // effective batch = micro-batch 32 × accumulation 4 × 1 GPU = 128 sequences
        assertEquals("effective batch 128 sequences", vm.texts().accumulation().getValue());
        planner.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        Messages vi = Messages.forLocale(Locale.forLanguageTag("vi"));
        assertEquals(vi.text("inputs.microBatch.value", 32), vm.texts().microBatch().getValue());
    }
}
