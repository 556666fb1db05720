package org.finetuneplanner.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.junit.jupiter.api.Test;

/** The planner on the bundled catalogs with the real estimator. */
class PlannerTest {

    private static final ScenarioJson READER = ScenarioJson.standard();
    private final Planner planner = Planner.standard();
    private final MemoryEstimator memory = new MemoryEstimator();

    private static Scenario scenario(String preset, String method, String precision, String framework, int batch,
                                     int sequence) {
        return READER.read("{\"format\":\"finetune-plan/1\",\"name\":\"t\",\"model\":{\"preset\":\"" + preset
                + "\"},\"method\":{\"type\":\"" + method + "\",\"rank\":16},\"training\":{\"precision\":\""
                + precision + "\",\"framework\":\"" + framework + "\",\"micro_batch_size\":" + batch
                + ",\"sequence_length\":" + sequence + ",\"activation_checkpointing\":\"full\"},"
                + "\"hardware\":{\"gpu\":\"h100-sxm-80gb\"},\"data\":{\"tokens\":100000000,\"epochs\":1}}");
    }

    private static GpuSpec gpu(String id) {
        return READER.catalogs().gpu(id).orElseThrow();
    }

    private boolean fits(Scenario base, GpuSpec gpu, int count, Sharding sharding, Offload offload) {
        return memory.estimate(base.withHardware(HardwareSpec.of(gpu, count, sharding, offload))).fits();
    }

    @Test
    void aGpuCountThatCannotTakeTheExpertLayoutIsPlannedWithoutItInsteadOfFailing() {
        // Mixtral 8x7B (8 experts) with EP 2 on 2 H100s. Megatron spreads the experts over the data- and
        // context-parallel ranks of a stage, count / (TP·PP): one GPU has 1 rank, which EP 2 does not divide
        // (Scenario.checkLayout). The planner tries such a count as data parallelism only; before, building the
        // one-GPU setup threw and the app showed the violation at the EP field of a valid scenario.
        Scenario base = READER.read("{\"format\":\"finetune-plan/1\",\"name\":\"t\",\"model\":{\"preset\":"
                + "\"mixtral-8x7b\"},\"method\":{\"type\":\"qlora\",\"rank\":16},\"training\":{\"sequence_length\":"
                + "1024},\"hardware\":{\"gpu\":\"h100-sxm-80gb\",\"gpu_count\":2,\"expert_parallel\":2},"
                + "\"data\":{\"tokens\":10000000,\"epochs\":1}}");
        for (String id : List.of("h100-sxm-80gb", "l40s-48gb", "a100-sxm-80gb")) {
            PlanOption o = planner.option(base, gpu(id));
            HardwareSpec hw = o.estimate().scenario().hardware();
            assertEquals(hw.gpuCount() % 2 == 0 ? 2 : 1, hw.parallel().expert(), id + " on " + hw.gpuCount());
        }
    }

    @Test
    void smallJobTakesOneGpuWithoutSharding() {
        PlanOption o = planner.option(scenario("llama-2-7b", "qlora", "bf16", "generic", 1, 2048), gpu("l40s-48gb"));
        assertTrue(o.fits());
        assertEquals(1, o.gpuCount());
        assertEquals(Sharding.NONE, o.estimate().scenario().hardware().sharding());
        assertEquals(List.of(new PlanReason.FitsOnOneGpu()), o.reasons());
    }

    @Test
    void largeJobTakesTheFewestGpusThatFitAndNoFewer() {
        Scenario base = scenario("llama-3.1-70b", "full", "bf16", "generic", 1, 4096);
        GpuSpec h100 = gpu("h100-sxm-80gb");
        PlanOption o = planner.option(base, h100);
        assertTrue(o.fits());
        HardwareSpec hw = o.estimate().scenario().hardware();
        assertEquals(Offload.NONE, hw.offload());
        assertTrue(hw.gpuCount() > 1);
        // no sharding fits on the next smaller count of the list (1, 2, 4, 8, 16, 24, …)
        int previous = hw.gpuCount() <= 8 ? hw.gpuCount() / 2 : hw.gpuCount() - 8;
        for (Sharding s : List.of(Sharding.DDP, Sharding.FSDP_GRAD_OP, Sharding.FSDP)) {
            assertFalse(fits(base, h100, previous, s, Offload.NONE), s + " on " + previous);
        }
        // The reason is data: the count and sharding chosen, and what one GPU alone would need (more than it has).
        PlanReason.NeedsGpus why = (PlanReason.NeedsGpus) o.reasons().get(0);
        assertEquals(hw.gpuCount(), why.gpus());
        assertEquals(hw.sharding(), why.sharding());
        assertTrue(why.oneGpuBytes() > why.capacityBytes());
        assertEquals(o.estimate().memory().capacityBytes(), why.capacityBytes());
    }

    @Test
    void deepSpeedJobsAreShardedWithZeroStages() {
        Scenario base = scenario("llama-3.1-70b", "full", "bf16", "deepspeed", 1, 4096);
        Sharding s = planner.option(base, gpu("h100-sxm-80gb")).estimate().scenario().hardware().sharding();
        assertTrue(List.of(Sharding.ZERO1, Sharding.ZERO2, Sharding.ZERO3).contains(s), s.id());
    }

    @Test
    void jobTooLargeForSixtyFourGpusShowsWhatItWouldNeedAndIsNeverPriced() {
        Scenario base = scenario("llama-3.1-405b", "full", "bf16", "generic", 1, 4096);
        PlanOption o = planner.option(base, gpu("t4-16gb"));
        assertFalse(o.fits());
        // No "64 ×" row: the scenario's own setup on one GPU, what it would need there.
        assertEquals(1, o.gpuCount());
        assertEquals(memory.estimate(base.withHardware(HardwareSpec.single(gpu("t4-16gb")))).perGpu().totalBytes(),
                o.estimate().memory().perGpu().totalBytes());
        assertTrue(o.tokensPerSecond().isEmpty() && o.hours().isEmpty() && o.cost().isEmpty());
        assertFalse(o.ranked());
        PlanReason.DoesNotFit why = (PlanReason.DoesNotFit) o.reasons().get(0);
        assertEquals(Limits.PLANNER_MAX_GPUS, why.maxGpus());
        assertTrue(why.perGpuBytes() > why.capacityBytes());
        assertTrue(why.perGpuBytes() < o.estimate().memory().perGpu().totalBytes(), "64 sharded GPUs need less");
    }

    @Test
    void fp8OnAGpuWithoutFp8IsPlannedAtBf16WithAReason() {
        PlanOption o = planner.option(scenario("llama-3.1-8b", "lora", "fp8", "generic", 1, 2048),
                gpu("a100-sxm-80gb"));
        assertTrue(o.fits());
        assertEquals(List.of(new PlanReason.FitsOnOneGpu(),
                new PlanReason.Fp8Fallback(o.gpu().name(), Precision.BF16)), o.reasons());
        assertTrue(o.fp8Fallback());
        assertTrue(o.estimate().notes().stream().anyMatch(n -> n.id() == NoteId.FP8_UNSUPPORTED));
    }

    @Test
    void cheapestAndFastestAreAmongPricedOptionsThatFit() {
        Plan plan = planner.plan(scenario("llama-3.1-8b", "lora", "bf16", "generic", 2, 2048),
                READER.catalogs().gpus());
        assertEquals(READER.catalogs().gpus().size(), plan.options().size());
        PlanOption cheapest = plan.option(plan.cheapest().orElseThrow()).orElseThrow();
        PlanOption fastest = plan.option(plan.fastest().orElseThrow()).orElseThrow();
        for (PlanOption o : plan.options()) {
            if (o.fits() && o.estimate().cost().isPresent()) {
                assertTrue(cheapest.estimate().cost().orElseThrow().gpuUsd()
                        <= o.estimate().cost().orElseThrow().gpuUsd() + 1e-9, o.gpu().id());
                assertTrue(fastest.estimate().throughput().tokensPerSecond()
                        >= o.estimate().throughput().tokensPerSecond(), o.gpu().id());
            }
        }
        // a GPU without any price is planned (time) but never named cheapest or fastest
        PlanOption unpriced = plan.option("v100-sxm2-32gb").orElseThrow();
        assertTrue(unpriced.estimate().cost().isEmpty());
        assertTrue(unpriced.estimate().hours().isPresent());
        assertFalse(plan.cheapest().get().equals("v100-sxm2-32gb") || plan.fastest().get().equals("v100-sxm2-32gb"));
    }

    @Test
    void largestMicroBatchAndSequenceFitAndOneMoreDoesNot() {
        Scenario s = scenario("llama-3.1-8b", "qlora", "bf16", "generic", 1, 2048)
                .withHardware(HardwareSpec.single(gpu("rtx-4090-24gb")));
        int b = planner.largestMicroBatch(s);
        assertTrue(b >= 1);
        assertTrue(memory.estimate(s.withTraining(s.training().withMicroBatchSize(b))).fits());
        assertFalse(memory.estimate(s.withTraining(s.training().withMicroBatchSize(b + 1))).fits());
        int len = planner.largestSequenceLength(s);
        assertTrue(len >= 2048);
        assertTrue(memory.estimate(s.withTraining(s.training().withSequenceLength(len))).fits());
        if (len < s.model().architecture().maxPositionEmbeddings()) {
            assertFalse(memory.estimate(s.withTraining(s.training().withSequenceLength(len + 1))).fits());
        }
    }
}
