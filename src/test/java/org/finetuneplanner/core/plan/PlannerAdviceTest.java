package org.finetuneplanner.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.PriceRule;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.ErrorBand;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.validation.ErrorBandsFile;
import org.junit.jupiter.api.Test;

/** The planner's advice on the examples of issue 10, with the bundled catalogs, estimator and error bands. */
class PlannerAdviceTest {

    private static final ScenarioJson READER = ScenarioJson.standard();
    private static final Confidence CONFIDENCE = new Confidence(ErrorBandsFile.bundled());
    private final Planner planner = Planner.standard(ErrorBandsFile.bundled());
    private final MemoryEstimator memory = new MemoryEstimator();

    /** Mistral 7B LoRA r16, micro-batch 8, accumulation 4, 2,048 tokens, no checkpointing, standard loss, 50M. */
    private static Scenario mistral() {
        return READER.read("{\"format\":\"finetune-plan/1\",\"name\":\"Mistral 7B LoRA\","
                + "\"model\":{\"preset\":\"mistral-7b-v0.1\"},\"method\":{\"type\":\"lora\",\"rank\":16},"
                + "\"training\":{\"precision\":\"bf16\",\"micro_batch_size\":8,\"gradient_accumulation_steps\":4,"
                + "\"sequence_length\":2048,\"activation_checkpointing\":\"none\",\"loss\":\"standard\"},"
                + "\"hardware\":{\"gpu\":\"l40s-48gb\"},\"data\":{\"tokens\":50000000,\"epochs\":1}}");
    }

    private static GpuSpec gpu(String id) {
        return READER.catalogs().gpu(id).orElseThrow();
    }

    @Test
    void mistralLoraAtMicroBatchEightFitsOneOrTwoL40sWithTheChangesListedAndThirtyTwoSequencesPerStep() {
        Scenario base = mistral();
        // As written it needs far more than an L40S holds: the estimator's total on one card is well above 45 GiB.
        assertFalse(memory.estimate(base).fits());
        PlanOption o = planner.option(base, gpu("l40s-48gb"));
        assertEquals(FitStatus.FITS, o.status());
        assertTrue(o.gpuCount() <= 2, o.gpuCount() + " GPUs");
        // Sequences per optimizer step: micro-batch 8 × accumulation 4 × 1 GPU = 32, kept exactly.
        var t = o.estimate().scenario().training();
        assertEquals(32, t.microBatchSize() * t.gradientAccumulationSteps() * o.gpuCount());
        assertEquals(32, o.sequencesPerStep());
        assertTrue(o.reasons(PlanReason.InexactSplit.class).isEmpty());
        // Every change is listed, from the scenario's value to the option's, and only those.
        assertFalse(o.adjustments().isEmpty());
        for (Adjustment a : o.adjustments()) {
            Object now = switch (a.setting()) {
                case MICRO_BATCH_SIZE -> t.microBatchSize();
                case GRADIENT_ACCUMULATION_STEPS -> t.gradientAccumulationSteps();
                case ACTIVATION_CHECKPOINTING -> t.checkpointing();
                case LOSS -> t.loss();
            };
            assertEquals(now, a.to(), a.key());
            assertNotEquals(a.from(), a.to(), a.key());
        }
        assertEquals(t.microBatchSize() != 8, o.adjustments().stream()
                .anyMatch(a -> a.setting() == Setting.MICRO_BATCH_SIZE));
        // It fits with margin: the estimator agrees and the range's high end is within the card.
        assertTrue(o.ranges().memoryBytes().high() <= o.estimate().memory().capacityBytes());
        assertTrue(o.tokensPerSecond().isPresent() && o.cost().isPresent());
    }

    @Test
    void oneH200AtMicroBatchFourBeforeTwoH200s() {
        Scenario base = mistral();
        GpuSpec h200 = gpu("h200-sxm-141gb");
        // At micro-batch 8 one H200 (141.0 GiB) is short: the estimate needs more than it has.
        assertFalse(memory.estimate(base.withHardware(HardwareSpec.single(h200))).fits());
        PlanOption o = planner.option(base, h200);
        // The largest micro-batch that fits one H200 with margin is below 8 (7 today); the largest divisor of the
        // 32 sequences per step below it is 4, so 4 × 8 on one GPU — rather than two GPUs at 8 × 2 for the same
        // price per token (within the 3 % tolerance, the fewest GPUs win).
        assertEquals(1, o.gpuCount());
        assertTrue(o.largestMicroBatch() >= 4 && o.largestMicroBatch() < 8, "largest " + o.largestMicroBatch());
        assertEquals(List.of(new Adjustment(Setting.MICRO_BATCH_SIZE, 8, 4),
                new Adjustment(Setting.GRADIENT_ACCUMULATION_STEPS, 4, 8)), o.adjustments());
    }

    @Test
    void seventyBFullOnEightMi300xIsTightNotFitsAndThePlanNeverCallsItAFit() {
        Scenario base = READER.read("{\"format\":\"finetune-plan/1\",\"name\":\"70B full\","
                + "\"model\":{\"preset\":\"llama-3.1-70b\"},\"method\":{\"type\":\"full\"},"
                + "\"training\":{\"micro_batch_size\":1,\"sequence_length\":2048,"
                + "\"activation_checkpointing\":\"full\"},"
                + "\"hardware\":{\"gpu\":\"mi300x-192gb\",\"gpu_count\":8,\"sharding\":\"fsdp\"},"
                + "\"data\":{\"tokens\":100000000,\"epochs\":1}}");
        MemoryEstimate eight = memory.estimate(base);
        assertTrue(eight.fits(), "the estimate alone fits: 186.9 of 191.2 GiB");
        // Full fine-tuning on several GPUs has 3 cases, fewer than 8: the band is full fine-tuning's 16 cases,
        // e10 = -14.43 % (docs/methodology.md). High end = 186.89 GiB / (1 - 0.1443) = 218.4 GiB > 191.15 GiB.
        ErrorBand band = CONFIDENCE.memoryBand(FineTuneMethod.FULL, 8);
        assertEquals(16, band.cases());
        assertEquals(-0.1443, band.e10(), 1e-9);
        assertEquals(218.41, eight.perGpu().totalBytes() / (1 + band.e10()) / (1L << 30), 0.01);
        assertEquals(FitStatus.TIGHT, CONFIDENCE.status(eight, FineTuneMethod.FULL, 8));
        PlanOption o = planner.option(base, gpu("mi300x-192gb"));
        assertEquals(FitStatus.FITS, o.status());
        HardwareSpec hw = o.estimate().scenario().hardware();
        assertFalse(hw.gpuCount() == 8 && hw.offload() == Offload.NONE && hw.sharding() == Sharding.FSDP,
                "the tight setup is not offered as a fit");
        assertTrue(o.ranges().memoryBytes().high() <= o.estimate().memory().capacityBytes());
    }

    @Test
    void aV100IsNeverFastestForABf16JobAndSaysWhy() {
        // QLoRA of Llama-2-7B, batch 4: the V100 32GB runs FP16 at 125 TFLOPS, the RTX 4000 Ada BF16 at 81.9.
        Scenario base = READER.read("{\"format\":\"finetune-plan/1\",\"name\":\"q\",\"model\":{\"preset\":"
                + "\"llama-2-7b\"},\"method\":{\"type\":\"qlora\",\"rank\":16},\"training\":{\"precision\":\"bf16\","
                + "\"micro_batch_size\":4,\"activation_checkpointing\":\"full\"},\"hardware\":{\"gpu\":"
                + "\"rtx-4000-ada-20gb\"},\"cost\":{\"usd_per_gpu_hour\":1.0},\"data\":{\"tokens\":10000000}}");
        Plan plan = planner.plan(base, List.of(gpu("v100-sxm2-32gb"), gpu("rtx-4000-ada-20gb")));
        PlanOption v100 = plan.option("v100-sxm2-32gb").orElseThrow();
        PlanOption ada = plan.option("rtx-4000-ada-20gb").orElseThrow();
        assertTrue(v100.fits() && ada.fits());
        assertTrue(v100.tokensPerSecond().getAsDouble() > ada.tokensPerSecond().getAsDouble(),
                "the V100 would be fastest if it were ranked: the test would show nothing otherwise");
        assertEquals(Optional.of("rtx-4000-ada-20gb"), plan.fastest());
        assertEquals(Optional.of("rtx-4000-ada-20gb"), plan.cheapest());
        assertFalse(v100.ranked());
        // Its figures are FP16's, as the reason says (the estimator alone times BF16 there at the FP32 rate).
        assertEquals(Precision.FP16, v100.estimate().scenario().training().precision());
        assertEquals(List.of(new PlanReason.PrecisionEmulated(v100.gpu().name(), Precision.BF16, Precision.FP16)),
                v100.reasons(PlanReason.PrecisionEmulated.class));
        assertTrue(v100.caveats().stream().anyMatch(c -> c.id() == CaveatId.NO_BF16
                && c.sources().get(0).startsWith("S2: ")));
    }

    @Test
    void qloraOnMi300xCarriesTheRocmBitsandbytesCaveatAndLoraDoesNot() {
        Scenario qlora = READER.read("{\"format\":\"finetune-plan/1\",\"model\":{\"preset\":\"llama-3.1-8b\"},"
                + "\"method\":{\"type\":\"qlora\"},\"hardware\":{\"gpu\":\"mi300x-192gb\"}}");
        PlanOption o = planner.option(qlora, gpu("mi300x-192gb"));
        Caveat bnb = o.caveats().stream().filter(c -> c.id() == CaveatId.ROCM_BITSANDBYTES).findFirst()
                .orElseThrow();
        assertTrue(bnb.sources().get(0).startsWith("S4: bitsandbytes"), bnb.sources().toString());
        Scenario lora = qlora.withMethod(qlora.method().withType(FineTuneMethod.LORA)
                .withBaseWeights(org.finetuneplanner.core.scenario.WeightStorage.BF16));
        assertTrue(planner.option(lora, gpu("mi300x-192gb")).caveats().stream()
                .noneMatch(c -> c.id() == CaveatId.ROCM_BITSANDBYTES));
    }

    @Test
    void theH100PriceIsTheSameOneRuleForPlanEstimateAndCatalog() {
        // RunPod Community $2.69 (listed, 2026-11-09) is the cheapest listed offer for one H100; the Vast.ai
        // marketplace median ($2.4024, 2026-10-19) is not a quote and counts only where nothing is listed.
        GpuSpec h100 = gpu("h100-sxm-80gb");
        assertEquals(2.69, PriceRule.rent(h100, Optional.empty(), 1).orElseThrow().usdPerGpuHour());
        Scenario one = mistral().withHardware(HardwareSpec.single(h100));
        assertEquals(2.69, new CostProjector().project(one, 1).orElseThrow().usdPerGpuHour());
        PlanOption o = planner.option(mistral(), h100);
        assertEquals(1, o.gpuCount());
        assertEquals(2.69, o.cost().orElseThrow().usdPerGpuHour());
        assertEquals("RunPod", o.cost().orElseThrow().provider());
        assertEquals("2026-11-09", o.cost().orElseThrow().priceSeen());
    }

    @Test
    void aGb200IsRentedInTraysSoItsOptionUsesAndPaysForFour() {
        // A 7B QLoRA fits one GB200 easily; GB200s come in trays of 4 (S7, S11): the option uses 4 and pays for 4.
        Scenario q = READER.read("{\"format\":\"finetune-plan/1\",\"model\":{\"preset\":\"llama-2-7b\"},"
                + "\"method\":{\"type\":\"qlora\"},\"training\":{\"micro_batch_size\":4,"
                + "\"gradient_accumulation_steps\":4},"
                + "\"hardware\":{\"gpu\":\"gb200-per-gpu\"},\"data\":{\"tokens\":10000000}}");
        PlanOption o = planner.option(q, gpu("gb200-per-gpu"));
        assertEquals(4, o.gpuCount());
        assertEquals(4, o.cost().orElseThrow().rentedGpus());
        // 16 sequences per step over 4 GPUs: 4 each, so the accumulation drops from 4 to 1 at micro-batch 4.
        assertEquals(1, o.estimate().scenario().training().gradientAccumulationSteps());
        assertEquals(List.of(new Adjustment(Setting.GRADIENT_ACCUMULATION_STEPS, 4, 1)), o.adjustments());
        assertTrue(o.caveats().stream().anyMatch(c -> c.id() == CaveatId.RENTAL_UNIT && c.args().get(0).equals(4)));
    }

    @Test
    void keptSettingsNeverChangeAndANoFitSaysWhatWouldHelp() {
        Scenario base = mistral();
        PlanSpec keep = new PlanSpec(Set.of(Setting.MICRO_BATCH_SIZE, Setting.ACTIVATION_CHECKPOINTING), 1,
                List.of());
        PlanOption o = planner.option(base, gpu("l40s-48gb"), keep);
        // Micro-batch 8 without checkpointing on one L40S (the limit is one GPU): even the chunked loss cannot fit.
        assertEquals(FitStatus.NO, o.status());
        assertEquals(1, o.gpuCount());
        assertTrue(o.adjustments().isEmpty());
        assertTrue(o.tokensPerSecond().isEmpty() && o.hours().isEmpty() && o.cost().isEmpty());
        List<PlanReason.FitsIfNotKept> freed = o.reasons(PlanReason.FitsIfNotKept.class);
        assertEquals(Set.of(Setting.MICRO_BATCH_SIZE, Setting.ACTIVATION_CHECKPOINTING),
                Set.copyOf(freed.stream().map(PlanReason.FitsIfNotKept::setting).toList()));
        // More GPUs would not help: at a kept micro-batch of 8 each GPU holds the same activations. Not suggested.
        assertTrue(o.reasons(PlanReason.FitsWithMoreGpus.class).isEmpty());
        // Kept settings hold on every GPU that fits.
        Plan plan = planner.plan(base, READER.catalogs().gpus(), new PlanSpec(Set.of(Setting.MICRO_BATCH_SIZE,
                Setting.LOSS), 64, List.of()));
        for (PlanOption option : plan.options()) {
            assertEquals(8, option.estimate().scenario().training().microBatchSize(), option.gpu().id());
            assertEquals(Loss.STANDARD, option.estimate().scenario().training().loss(), option.gpu().id());
        }
    }

    @Test
    void anOffloadThatNeedsMoreHostMemoryThanTheNodeHasIsNotAFit() {
        // 70B full on L40S needs CPU offload of parameters and optimizer states (over a TB of host memory per
        // node); with 64 GiB of host memory per node no setup fits, and the option says the host memory is short.
        Scenario base = READER.read("{\"format\":\"finetune-plan/1\",\"model\":{\"preset\":\"llama-3.1-70b\"},"
                + "\"method\":{\"type\":\"full\"},\"training\":{\"activation_checkpointing\":\"full\"},"
                + "\"hardware\":{\"gpu\":\"l40s-48gb\",\"host_memory_gib\":64},\"data\":{\"tokens\":1000000}}");
        PlanSpec eight = new PlanSpec(Set.of(), 8, List.of());
        PlanOption free = planner.option(base.withHardware(base.hardware().withHostMemoryGib(OptionalDouble.empty())),
                gpu("l40s-48gb"), eight);
        assertTrue(free.fits());
        assertEquals(Offload.OPTIMIZER_AND_PARAMS, free.estimate().scenario().hardware().offload());
        assertTrue(free.hostBytes() > 64L << 30);
        assertTrue(free.caveats().stream().anyMatch(c -> c.id() == CaveatId.OFFLOAD_HOST_MEMORY));
        PlanOption limited = planner.option(base, gpu("l40s-48gb"), eight);
        assertEquals(FitStatus.NO, limited.status());
        PlanReason.HostMemoryShort why = limited.reasons(PlanReason.HostMemoryShort.class).get(0);
        assertEquals(64L << 30, why.hostBytes());
        assertTrue(why.neededBytes() > why.hostBytes());
    }

    @Test
    void theLargestMicroBatchAndSequenceOfAnOptionKeepItsStatus() {
        PlanOption o = planner.option(mistral(), gpu("h100-sxm-80gb"));
        Scenario s = o.estimate().scenario();
        int b = o.largestMicroBatch();
        assertTrue(b >= s.training().microBatchSize());
        assertEquals(FitStatus.FITS, status(s.withTraining(s.training().withMicroBatchSize(b))));
        assertNotEquals(FitStatus.FITS, status(s.withTraining(s.training().withMicroBatchSize(b + 1))));
        int len = o.largestSequenceLength();
        assertTrue(len >= 2048);
        assertEquals(FitStatus.FITS, status(s.withTraining(s.training().withSequenceLength(len))));
        assertNotEquals(FitStatus.FITS, status(s.withTraining(s.training().withSequenceLength(len + 1))));
    }

    private FitStatus status(Scenario s) {
        return CONFIDENCE.status(memory.estimate(s), s.method().type(), s.hardware().gpuCount());
    }

    @Test
    void theSplitKeepsTheStepExactlyWhenTheCountDividesItAndSaysSoWhenNot() {
        // 32 sequences per step (8 × 4 × 1 GPU). On 2 GPUs: 16 each; a fitting micro-batch of 3 does not divide 16,
        // so the largest divisor below it, 2, with accumulation 16 / 2 = 8. On 3 GPUs, 32 / 3 is not whole: at
        // micro-batch 4 the nearest accumulation is round(32 / 12) = 3, 36 sequences per step.
        GpuSearch search = new GpuSearch(planner, mistral(), gpu("l40s-48gb"), PlanSpec.defaults());
        assertEquals(32, search.sequences());
        assertEquals(8, search.accumulation(2, 2));
        assertEquals(2, search.chooseBatch(2, 3));
        assertEquals(8, search.batchCap(2));
        assertEquals(1, search.batchCap(64), "64 GPUs exceed the step: one sequence each");
        assertEquals(3, search.accumulation(3, 4));
        assertEquals(4, search.chooseBatch(3, 4), "no exact split exists: the fitting micro-batch stays");
        assertEquals(Sharding.NONE, search.ladder(1)[0]);
        assertEquals(Checkpointing.NONE, search.profiles(false).get(0).checkpointing(), "the scenario's own first");
    }
    @Test
    void oneRecommendationRuleTheCheapestElseTheFastestElseTheFewestGpus() {
        // The app, the report and the comparison all name Plan.recommended(): on Mistral over the whole catalog it
        // is the cheapest; without a cheapest (no prices) the fastest; without either, the fitting option on the
        // fewest GPUs with fits before tight.
        Plan plan = planner.plan(mistral(), READER.catalogs().gpus());
        assertEquals(plan.cheapest(), plan.recommended().map(o -> o.gpu().id()));
        Plan unpriced = new Plan(plan.name(), plan.options(), Optional.empty(), plan.fastest());
        assertEquals(plan.fastest(), unpriced.recommended().map(o -> o.gpu().id()));
        Plan neither = new Plan(plan.name(), plan.options(), Optional.empty(), Optional.empty());
        PlanOption fewest = neither.recommended().orElseThrow();
        for (PlanOption o : plan.options()) {
            if (o.fits() && o.status().compareTo(fewest.status()) <= 0 && o.ranked()) {
                assertTrue(fewest.gpuCount() <= o.gpuCount(), o.gpu().id() + " on " + o.gpuCount());
            }
        }
        assertEquals(Optional.empty(), new Plan("none", List.of(), Optional.empty(), Optional.empty()).recommended());
    }
}
