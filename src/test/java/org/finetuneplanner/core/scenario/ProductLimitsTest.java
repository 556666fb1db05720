package org.finetuneplanner.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.service.persistence.ScenarioJson;

/**
 * The limits on products of inputs ({@link Limits}, checked by {@link ProductLimits}): each boundary pinned one
 * value on each side, with the product worked out from the model's {@code config.json} in the catalog.
 */
class ProductLimitsTest {

    private static final ScenarioJson READER = ScenarioJson.standard();
    private static final long MAX = Limits.MAX_MICRO_BATCH_ELEMENTS;
    private static final String TOKENS = "training.micro_batch_size × training.sequence_length";

    private static Scenario scenario(String preset, String method) {
        return READER.read("{\"model\": {\"preset\": \"" + preset + "\"}, \"method\": {\"type\": \"" + method
                + "\"}, \"hardware\": {\"gpu\": \"l40s-48gb\"}}");
    }

    private static Scenario resized(Scenario s, int microBatch, int sequence, Attention attention) {
        return s.withTraining(s.training().withMicroBatchSize(microBatch).withSequenceLength(sequence)
                .withAttention(attention));
    }

    private static Violation refusal(Runnable build) {
        PlannerException e = assertThrows(PlannerException.class, build::run);
        assertEquals(1, e.violations().size(), e.getMessage());
        return e.violations().get(0);
    }

    /** Every memory part, the total, host memory, speed, hours and cost are finite and ≥ 0. */
    private static void assertFinite(Scenario s) {
        Estimate e = Estimator.standard().estimate(s);
        assertTrue(e.memory().perGpu().totalBytes() >= e.memory().perGpu().peakReservedBytes());
        assertTrue(e.memory().hostBytes() >= 0);
        assertTrue(Double.isFinite(e.throughput().tokensPerSecond()) && e.throughput().tokensPerSecond() > 0);
    }

    /**
     * The issue's job: 65,536 sequences of 16,777,216 tokens on Llama 3.1 8B gave a total of −6.9e9 GiB that
     * "fits". Its logits are 2^16 × 2^24 × 128,256 (vocab_size) = 2^40 × 128,256 = 141,018,963,332,038,656 > 2^48.
     */
    @Test
    void theIssuesMicroBatchIsRefusedNamingTheKeysOfItsLogits() {
        Scenario base = scenario("llama-3.1-8b", "qlora");
        Violation v = refusal(() -> resized(base, 65_536, 16_777_216, Attention.FLASH));
        assertEquals(Violation.productAtMost("training.micro_batch_size", TOKENS + " × vocab_size", MAX,
                new BigInteger("141018963332038656")), v);
    }

    /**
     * A broken product limit is its own kind of refusal ({@link ProductLimits.Exceeded}): the planner's search counts
     * such a size as not fitting without checking the limits twice, while a layout that does not divide (context
     * parallelism 2 over a sequence of 4,097 tokens) stays an error of the input.
     */
    @Test
    void aBrokenProductLimitIsTellableFromOtherRefusals() {
        Scenario base = scenario("llama-3.1-8b", "qlora");
        assertThrows(ProductLimits.Exceeded.class, () -> resized(base, 65_536, 16_777_216, Attention.FLASH));
        Scenario split = base.withHardware(base.hardware().withGpuCount(2)
                .withParallel(new Parallelism(1, 1, 1, 2, 1, false)));
        PlannerException layout = assertThrows(PlannerException.class,
                () -> split.withTraining(split.training().withSequenceLength(4097)));
        assertTrue(!(layout instanceof ProductLimits.Exceeded), layout.getMessage());
        assertEquals("hardware.context_parallel", layout.key());
    }

    /**
     * Logits bind where the vocabulary is wider than layers × MLP: Qwen2.5-0.5B (V = 151,936; 24 × 4,864 = 116,736).
     * With 1,024 sequences: s ≤ 2^48 / (1,024 × 151,936) = 1,809,169.04.
     */
    @Test
    void theLogitsLimitHoldsToTheToken() {
        Scenario base = scenario("qwen2.5-0.5b", "lora");
        assertFinite(resized(base, 1024, 1_809_169, Attention.FLASH));
        Violation v = refusal(() -> resized(base, 1024, 1_809_170, Attention.FLASH));
        assertEquals(TOKENS + " × vocab_size", v.related());
        // 1,024 × 1,809,170 × 151,936 = 281,475,126,394,880
        assertEquals(new BigInteger("281475126394880"), v.value());
    }

    /**
     * Llama 3.1 8B keeps per block tensors as wide as its MLP (intermediate_size 14,336 > hidden 4,096): 32 layers ×
     * 14,336 = 458,752 per token. With 128 sequences: s ≤ 2^48 / (128 × 458,752) = 4,793,490.3.
     */
    @Test
    void theActivationLimitNamesTheWidestTensorOfABlock() {
        Scenario base = scenario("llama-3.1-8b", "full");
        assertFinite(resized(base, 128, 4_793_490, Attention.FLASH));
        Violation v = refusal(() -> resized(base, 128, 4_793_491, Attention.FLASH));
        // 128 × 4,793,491 × 32 × 14,336 = 281,475,018,653,696
        assertEquals(Violation.productAtMost("training.micro_batch_size", TOKENS
                + " × num_hidden_layers × intermediate_size", MAX, new BigInteger("281475018653696")), v);
    }

    /**
     * Eager attention keeps b × a × s² × L scores: Llama 3.1 8B has 32 heads and 32 layers, so one sequence may
     * hold s² ≤ 2^48 / 1,024 = 2^38, s ≤ 2^19 = 524,288; flash attention keeps none and takes a longer one.
     */
    @Test
    void eagerAttentionsScoresHaveALimitAndFlashAttentionNone() {
        Scenario base = scenario("llama-3.1-8b", "qlora");
        assertFinite(resized(base, 1, 524_288, Attention.EAGER));
        assertFinite(resized(base, 1, 524_289, Attention.FLASH));
        Violation v = refusal(() -> resized(base, 1, 524_289, Attention.EAGER));
        assertEquals("training.sequence_length", v.key());
        assertEquals("training.micro_batch_size × num_attention_heads × training.sequence_length² × "
                + "num_hidden_layers", v.related());
        // 524,289² × 32 × 32 = 281,476,050,453,504
        assertEquals(new BigInteger("281476050453504"), v.value());
    }

    /**
     * The rank is held to the smallest dimension of the adapted matrices. Llama 3.1 8B: k and v project 4,096 →
     * 8 × 128 = 1,024; q and o 4,096 ↔ 32 × 128 = 4,096; the MLP 4,096 ↔ 14,336; the LM head 4,096 → 128,256.
     * Qwen3-30B-A3B: experts 2,048 ↔ 768 (moe_intermediate_size). DeepSeek-V2-Lite (MLA): k and v through a
     * 512-wide latent (kv_lora_rank).
     */
    @ParameterizedTest
    @CsvSource(textBlock = """
            llama-3.1-8b,     q k v o gate up down, 1024, num_key_value_heads × head_dim
            llama-3.1-8b,     q o,                  4096, hidden_size
            llama-3.1-8b,     gate up down,         4096, hidden_size
            llama-3.1-8b,     lm_head,              4096, hidden_size
            qwen3-30b-a3b,    gate up down,          768, moe_intermediate_size
            qwen3-30b-a3b,    q k v o gate up down,  512, num_key_value_heads × head_dim
            deepseek-v2-lite, k v,                   512, kv_lora_rank
            """)
    void theRankIsHeldToTheSmallestAdaptedDimension(String preset, String targets, int most, String key) {
        Set<LoraTarget> set = EnumSet.noneOf(LoraTarget.class);
        for (String id : targets.split(" ")) {
            set.add(LoraTarget.fromId(id).orElseThrow());
        }
        Scenario base = scenario(preset, "lora");
        MethodSpec m = base.method();
        MethodSpec at = new MethodSpec(m.type(), most, m.alpha(), set, m.extraTrainable(), m.baseWeights());
        assertEquals(new ProductLimits.Dimension(key, most), ProductLimits.smallestAdapted(
                base.model().architecture(), set));
        assertFinite(base.withMethod(at));
        Violation v = refusal(() -> base.withMethod(at.withRank(most + 1)));
        assertEquals(new Violation("method.rank", Constraint.UP_TO_KEY, 1, (long) most, most + 1, key), v);
    }

    /** The issue's rank: 65,536 on a 4,096-wide model is refused for LoRA; full fine-tuning ignores the rank. */
    @Test
    void theIssuesRankIsRefusedForAdaptersOnly() {
        Scenario lora = scenario("llama-3.1-8b", "lora");
        Violation v = refusal(() -> lora.withMethod(lora.method().withRank(Limits.MAX_RANK)));
        assertEquals("method.rank", v.key());
        assertEquals(1024L, v.max());
        Scenario full = scenario("llama-3.1-8b", "full");
        assertFinite(full.withMethod(full.method().withRank(Limits.MAX_RANK)));
    }

    /**
     * A config at the single-key limits: h = 2^20, 10,000 layers, 8,192 heads of 128, MLP 2^22, vocabulary 5e7,
     * untied. Per layer: attention 4h² = 4 × 2^40, gated MLP 3 × 2^20 × 2^22 = 12 × 2^40, two RMSNorms 2 × 2^20:
     * 17,592,188,141,568; × 10,000 = 175,921,881,415,680,000; embeddings and head 2 × 5e7 × 2^20 =
     * 104,857,600,000,000; final norm 1,048,576. Total 176,026,739,016,728,576 > 10^14.
     */
    @Test
    void aConfigAtTheKeyLimitsIsRefusedForItsParameters() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("hidden_size", 1_048_576);
        config.put("num_hidden_layers", 10_000);
        config.put("num_attention_heads", 8192);
        config.put("intermediate_size", 4_194_304);
        config.put("vocab_size", 50_000_000);
        Violation v = refusal(() -> ArchitectureFactory.fromConfig(config));
        assertEquals(new Violation("model.config", Constraint.PARAMETERS_AT_MOST, null, Limits.MAX_PARAMETERS,
                176_026_739_016_728_576L, "num_hidden_layers, hidden_size, num_attention_heads, intermediate_size, "
                + "vocab_size"), v);
        // The same shape built in code is no model either: a ModelSpec checks its architecture once.
        Architecture shape = new Architecture("llama", 1_048_576, 10_000, 8192, 8192, 128, 4_194_304, 50_000_000,
                false, true, false, 2, false, false, false, false, 0, Architecture.Moe.NONE, 0, false);
        assertEquals(v, refusal(() -> new ModelSpec("huge", "huge", shape, ModelSpec.Origin.CONFIG)));
    }

    /**
     * Widths beyond their limits are refused before anything is counted: 65,536 heads of 32 = 2^21 > 2^20, and
     * 65,536 experts of 2^24 (a product of 2^40) against 2^24.
     */
    @Test
    void attentionAndExpertWidthsHaveLimits() {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("hidden_size", 4096, "num_hidden_layers", 2,
                "num_attention_heads", 65_536, "head_dim", 32, "intermediate_size", 4096, "vocab_size", 1000));
        Violation heads = refusal(() -> ArchitectureFactory.fromConfig(config));
        assertEquals(Violation.productAtMost("num_attention_heads", "num_attention_heads × head_dim",
                Limits.MAX_ATTENTION_WIDTH, 1L << 21), heads);
        config.putAll(Map.of("num_attention_heads", 32, "head_dim", 128, "num_local_experts", 65_536,
                "num_experts_per_tok", 2, "moe_intermediate_size", 16_777_216));
        Violation experts = refusal(() -> ArchitectureFactory.fromConfig(config));
        assertEquals("num_local_experts", experts.key());
        assertEquals(1L << 40, experts.value());
        assertEquals(Limits.MAX_MOE_WIDTH, experts.max());
    }

    /**
     * The trained parameters have the same limit. A config of 2,048 layers of 65,536 × 65,536 (64 heads of 1,024,
     * MLP 65,536, vocabulary 1,000, untied) counts per layer 4 × 2^32 + 3 × 2^32 + 2 × 2^16 = 30,064,902,144;
     * × 2,048 + 2 × 1,000 × 65,536 embeddings + 65,536 final norm = 61,573,050,728,448; LoRA at rank 65,536 on all
     * seven linears adds
     * 65,536 × 2 × 65,536 = 2^33 per matrix, 7 × 2^33 × 2,048 = 123,145,302,310,912 > 10^14.
     */
    @Test
    void theParametersTrainedHaveALimitToo() {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("hidden_size", 65_536, "num_hidden_layers", 2048,
                "num_attention_heads", 64, "intermediate_size", 65_536, "vocab_size", 1000));
        Scenario base = scenario("llama-3.1-8b", "lora");
        ModelSpec wide = new ModelSpec("wide", "wide", ArchitectureFactory.fromConfig(config), ModelSpec.Origin.CONFIG);
        Scenario s = base.withMethod(base.method().withRank(16)).withModel(wide);
        assertEquals(61_573_050_728_448L, Estimator.standard().estimate(s).parameters().base());
        Violation v = refusal(() -> s.withMethod(s.method().withRank(65_536)));
        assertEquals(new Violation("method.rank", Constraint.TRAINABLE_AT_MOST, null, Limits.MAX_PARAMETERS,
                123_145_302_310_912L, "method.targets, method.extra_trainable"), v);
    }

    /** The bare parameter count at its limit makes a model the scenario accepts (the guess counts at most that). */
    @Test
    void theLargestBareParameterCountIsAccepted() {
        Scenario s = READER.read("{\"model\": {\"parameters\": 100000000000000}, \"method\": {\"type\": \"lora\"},"
                + " \"hardware\": {\"gpu\": \"h100-sxm-80gb\"}}");
        assertTrue(Estimator.standard().estimate(s).parameters().base() <= Limits.MAX_PARAMETERS);
        assertFinite(s);
    }

    /** cost.mfu 1e-300 gave 9.2e15 hours; utilisation is now 0.01 to 1. */
    @Test
    void utilisationHasALowerBound() {
        Violation v = refusal(() -> new CostSpec(OptionalDouble.empty(), Optional.empty(), OptionalDouble.of(1e-300)));
        assertEquals(Violation.range("cost.mfu", Limits.MIN_MFU, 1, 1e-300), v);
        refusal(() -> new CostSpec(OptionalDouble.empty(), Optional.empty(), OptionalDouble.of(Math.nextDown(0.01))));
        assertEquals(0.01, new CostSpec(OptionalDouble.empty(), Optional.empty(), OptionalDouble.of(0.01)).mfu()
                .getAsDouble());
    }

    /**
     * The planner's search stops at the product limits rather than building a scenario beyond them. Qwen2.5-0.5B
     * with eager attention at 131,072 tokens and full checkpointing, on a budget of 10^6 GiB: the scores of all
     * blocks, b × 14 heads × 131,072² × 24 layers ≤ 2^48, allow b ≤ 48.8, while memory (one block's scores at a
     * time) would take more: the largest micro-batch is 48.
     */
    @Test
    void thePlannersSearchStaysWithinTheLimits() {
        Scenario base = scenario("qwen2.5-0.5b", "lora");
        HardwareSpec huge = new HardwareSpec(base.hardware().gpu(), 1, OptionalDouble.of(Limits.MAX_GPU_MEMORY_GIB),
                1, Sharding.NONE, Offload.NONE);
        Scenario eager = resized(base.withHardware(huge), 1, 131_072, Attention.EAGER);
        eager = eager.withTraining(eager.training().withCheckpointing(Checkpointing.FULL));
        assertEquals(48, Planner.standard().largestMicroBatch(eager));
        assertTrue(ProductLimits.check(eager.model(), eager.method(),
                eager.training().withMicroBatchSize(49)).isPresent());
        assertFinite(eager.withTraining(eager.training().withMicroBatchSize(48)));
    }

    /** Checked where scenarios are built: every way of making one meets the same check. */
    @Test
    void everyWayOfBuildingAScenarioIsChecked() {
        Scenario base = scenario("llama-3.1-8b", "qlora");
        ModelSpec model = base.model();
        TrainingSpec huge = base.training().withMicroBatchSize(65_536).withSequenceLength(16_777_216);
        for (Runnable build : List.<Runnable>of(
                () -> new Scenario("", model, base.method(), huge, base.hardware(), base.data(), base.cost()),
                () -> base.withTraining(huge))) {
            assertEquals("training.micro_batch_size", refusal(build).key());
        }
    }
}
