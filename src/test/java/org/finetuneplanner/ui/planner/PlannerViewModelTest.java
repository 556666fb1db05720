package org.finetuneplanner.ui.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.finetuneplanner.ui.Fixtures;
import org.finetuneplanner.ui.common.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerViewModelTest {
    private final PlannerViewModel vm = Fixtures.planner();

    private Estimate estimate() {
        return vm.estimateProperty().getValue();
    }

    private long part(MemoryComponent c) {
        return estimate().memory().perGpu().bytes(c);
    }

    @Test
    void startsWithTheSpecExampleAndEveryGpuOption() {
        Scenario s = vm.currentScenario().orElseThrow();
        assertEquals("llama-3.1-8b", s.model().id());
        assertEquals(FineTuneMethod.QLORA, s.method().type());
        assertEquals("l40s-48gb", s.hardware().gpu().id());
        assertEquals(OptionalLong.of(50_000_000L), s.data().tokens());
        assertFalse(vm.getResults().stale());
        assertEquals(Fixtures.CATALOGS.gpus().size(), vm.optionRowsProperty().getValue().size());
    }

    @Test
    void largerMicroBatchRaisesActivationsAndLogits() {
        long activations = part(MemoryComponent.ACTIVATIONS);
        long logits = part(MemoryComponent.LOGITS);
        vm.microBatchProperty().set(8);
        assertTrue(part(MemoryComponent.ACTIVATIONS) > activations);
        assertTrue(part(MemoryComponent.LOGITS) > logits);
        assertEquals(8, vm.currentScenario().orElseThrow().training().microBatchSize());
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
    void fp8OnAGpuWithoutFp8IsAnErrorAtPrecisionAndKeepsTheLastEstimate() {
        vm.gpuProperty().set(Fixtures.gpu("a100-sxm-80gb"));
        Estimate before = estimate();
        assertFalse(vm.fp8AvailableProperty().getValue());
        assertTrue(vm.fp8ReasonProperty().getValue().contains("A100"));
        vm.precisionProperty().set(Precision.FP8);
        assertTrue(vm.getResults().stale());
        assertTrue(vm.errorProperty(Field.PRECISION).getValue().startsWith("FP8 needs FP8 tensor cores"));
        assertSame(before, estimate());
        vm.gpuProperty().set(Fixtures.gpu("h100-sxm-80gb"));
        assertFalse(vm.getResults().stale());
        assertEquals(Precision.FP8, vm.currentScenario().orElseThrow().training().precision());
    }

    @Test
    void unreadableTokensShowAtTheFieldAndTheTextStays() {
        Estimate before = estimate();
        vm.tokensTextProperty().set("lots");
        assertEquals("Dataset tokens: \u201clots\u201d is not a positive count; use e.g. 50M, 1.2B or 50000000.",
                vm.errorProperty(Field.TOKENS).getValue());
        assertEquals("lots", vm.tokensTextProperty().get());
        assertSame(before, estimate());
        assertTrue(vm.staleProperty().getValue());
        vm.tokensTextProperty().set("1.2B");
        assertEquals("", vm.errorProperty(Field.TOKENS).getValue());
        assertEquals(OptionalLong.of(1_200_000_000L), vm.currentScenario().orElseThrow().data().tokens());
    }

    @Test
    void aCoreViolationShowsAtTheFieldOfItsKeyInTheUsersLanguage() {
        // 2×10^15 tokens parse as a count but are above the 10^15 a scenario may hold: DataSpec rejects them with
        // a violation keyed data.tokens, which lands at the tokens field, not in a general message.
        vm.tokensTextProperty().set("2000000000000000");
        assertEquals("Not a valid combination: data.tokens must be 1 to 1000000000000000, was 2000000000000000",
                vm.errorProperty(Field.TOKENS).getValue());
        assertEquals("", vm.errorProperty(Field.GENERAL).getValue());
        vm.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertEquals("Tổ hợp không hợp lệ: data.tokens phải từ 1 đến 1000000000000000, nhưng đang là "
                        + "2000000000000000", vm.errorProperty(Field.TOKENS).getValue());
        vm.tokensTextProperty().set("50M");
        // hardware.gpu_count has its own field; a key of a section without one goes to the section's field.
        vm.gpuCountProperty().set(0);
        assertTrue(vm.errorProperty(Field.GPU_COUNT).getValue().contains("hardware.gpu_count"));
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
        assertTrue(vm.getResults().stale());
        assertSame(before, estimate(), "the last valid estimate is kept");
        vm.loraRankProperty().set(1024);
        assertFalse(vm.getResults().stale());
        vm.microBatchProperty().set(65_536);
        vm.sequenceLengthProperty().set(16_777_216);
        assertTrue(vm.errorProperty(Field.TRAINING).getValue().startsWith("Not a valid combination: "
                + "training.micro_batch_size × training.sequence_length × vocab_size must be ≤ 281474976710656"),
                vm.errorProperty(Field.TRAINING).getValue());
        assertEquals("", vm.errorProperty(Field.GENERAL).getValue());
    }

    @Test
    void badEpochsAndPriceShowAtTheirFields() {
        vm.epochsTextProperty().set("0");
        assertFalse(vm.errorProperty(Field.EPOCHS).getValue().isEmpty());
        vm.epochsTextProperty().set("2");
        vm.priceTextProperty().set("-1");
        assertFalse(vm.errorProperty(Field.PRICE).getValue().isEmpty());
        vm.priceTextProperty().set("$2.00");
        assertFalse(vm.getResults().stale());
        // The override is the price of every option: cost = GPUs × $2 × hours (+ storage).
        Estimate e = estimate();
        assertEquals(2.0, e.cost().orElseThrow().usdPerGpuHour());
    }

    @Test
    void withoutTokensThereIsNoTimeNoCostCurveAndTheRecommendationSaysWhy() {
        vm.tokensTextProperty().set("");
        assertTrue(estimate().hours().isEmpty());
        assertEquals(List.of(), vm.costCurvesProperty().getValue());
        assertTrue(vm.recommendationProperty().getValue().contains("enter dataset tokens"),
                vm.recommendationProperty().getValue());
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
        assertFalse(vm.getResults().stale());
    }

    @Test
    void selectingAnOptionMakesItsHardwareTheInputs() {
        PlanOption other = vm.getResults().plan().orElseThrow().options().stream()
                .filter(o -> !o.gpu().id().equals("l40s-48gb") && o.fits()).findFirst().orElseThrow();
        vm.selectOption(other.gpu().id());
        assertEquals(other.gpu(), vm.gpuProperty().get());
        assertEquals(other.gpuCount(), vm.gpuCountProperty().get());
        assertEquals(other.estimate().scenario().hardware().sharding(), vm.shardingProperty().get());
        assertEquals(other.gpu().id(), vm.selectedGpuIdProperty().getValue());
        assertEquals(other.estimate().memory().perGpu(), estimate().memory().perGpu());
        assertEquals(other.gpu().id(), vm.selectedBarProperty().getValue().gpuId());
    }

    @Test
    void aScenarioPutInComesBackUnchanged() {
        Scenario s = vm.defaultScenario().withName("round trip")
                .withTraining(vm.defaultScenario().training().withSequenceLength(4096).withMicroBatchSize(2));
        vm.applyScenario(s);
        assertEquals(s, vm.currentScenario().orElseThrow());
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
        assertEquals("my-org/tiny", vm.filteredPresets().get(0).displayName());
        assertEquals(2048, vm.currentScenario().orElseThrow().model().architecture().hiddenSize());
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
    }

    @Test
    void searchFiltersPresetsByEveryWord() {
        vm.modelSearchProperty().set("qwen 7b");
        assertFalse(vm.filteredPresets().isEmpty());
        for (ModelSpec m : vm.filteredPresets()) {
            String hay = (m.displayName() + " " + m.id()).toLowerCase(Locale.ROOT);
            assertTrue(hay.contains("qwen") && hay.contains("7b"), hay);
        }
        vm.modelSearchProperty().set("");
        assertEquals(Fixtures.CATALOGS.models().size(), vm.filteredPresets().size());
    }

    @Test
    void explanationListsTheTermsOfTheSelectedPartAndTheyAddUp() {
        for (MemoryComponent c : List.of(MemoryComponent.WEIGHTS, MemoryComponent.ACTIVATIONS)) {
            vm.selectedComponentProperty().set(c);
            List<MemoryTerm> terms = vm.explanationProperty().getValue();
            assertFalse(terms.isEmpty());
            assertTrue(terms.stream().allMatch(t -> t.component() == c));
            assertEquals(part(c), terms.stream().mapToLong(MemoryTerm::bytes).sum());
        }
    }

    @Test
    void languageSwitchTranslatesTheRecommendationAndErrors() {
        String english = vm.recommendationProperty().getValue();
        vm.tokensTextProperty().set("x");
        vm.messagesProperty().set(Messages.forLocale(Locale.forLanguageTag("vi")));
        assertNotEquals(english, vm.recommendationProperty().getValue());
        assertTrue(vm.errorProperty(Field.TOKENS).getValue().startsWith("Số token"));
    }

    @Test
    void costCurvesCoverOptionsThatFitAndEndWhenTrainingEnds() {
        List<CostCurve> curves = vm.costCurvesProperty().getValue();
        assertFalse(curves.isEmpty());
        for (CostCurve c : curves) {
            PlanOption o = vm.getResults().plan().orElseThrow().option(c.gpuId()).orElseThrow();
            assertTrue(o.fits());
            double last = c.points().get(c.points().size() - 1).hours();
            assertEquals(o.estimate().hours().getAsDouble(), last, 1e-9);
        }
    }

    @Test
    void cheapestAndFastestAreMarkedOnce() {
        List<OptionRow> rows = vm.optionRowsProperty().getValue();
        assertEquals(1, rows.stream().filter(OptionRow::cheapest).count());
        assertEquals(1, rows.stream().filter(OptionRow::fastest).count());
        OptionRow cheapest = rows.stream().filter(OptionRow::cheapest).findFirst().orElseThrow();
        double min = rows.stream().filter(OptionRow::fits).mapToDouble(OptionRow::usdOrMax).min().orElseThrow();
        assertEquals(min, cheapest.usd().getAsDouble(), 1e-9);
    }
}
