package org.finetuneplanner.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.PlanFixtures;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

class ThroughputEstimatorTest {

    private final ThroughputEstimator estimator = new ThroughputEstimator();
    private final GpuSpec gpu = PlanFixtures.roundGpu(List.of());

    // Matmul parameters per token: linear 6,476,005,376 + LM head 32000·4096 = 6,607,077,376 (embedding lookup
    // is free). Causal flash attention per token: 4·L·s·(a·d)·½ = 4·32·2048·4096/2 = 536,870,912.

    @Test
    void fixtureCountsAgreeWithTheParameterCounter() {
        assertEquals(PlanFixtures.fullCounts(), ParameterCounter.count(PlanFixtures.LLAMA2_7B,
                MethodSpec.full(WeightStorage.BF16)));
        assertEquals(PlanFixtures.loraCounts(), ParameterCounter.count(PlanFixtures.LLAMA2_7B,
                MethodSpec.lora(16, WeightStorage.BF16)));
    }

    @Test
    void endToEndModelFlopsUtilisationIsModelFlopsPerSecondOverThePeakOfEveryGpu() {
        // 4.0e10 FLOPs per token × 5,000 tokens/s = 2.0e14 FLOP/s; two GPUs of 400 TFLOPS = 8.0e14 → 25 %.
        ThroughputEstimate t = new ThroughputEstimate(4.0e10, 5_000, 1, 0.7, 400, 0, Map.of(), List.of());
        assertEquals(0.25, t.modelFlopsUtilisation(2), 1e-12);
        // End to end it stays below the matmul utilisation assumed: the step also waits on memory-bound kernels.
        ThroughputEstimate real = estimator.estimate(PlanFixtures.fullOn(gpu), PlanFixtures.fullCounts());
        assertTrue(real.modelFlopsUtilisation(1) < real.mfu());
    }

    @Test
    void fullFineTuningCostsSixMatmulParametersPlusThreeAttentionForwards() {
        // 6 · 6,607,077,376 + 3 · 536,870,912 = 41,253,076,992
        ThroughputEstimate t = estimator.estimate(PlanFixtures.fullOn(gpu), PlanFixtures.fullCounts());
        assertEquals(41_253_076_992.0, t.flopsPerToken(), 1);
    }

    @Test
    void loraSkipsWeightGradientsOfFrozenWeights() {
        // 4 · 6,607,077,376 + 6 · 39,976,960 (adapter fwd 2, bwd 4) + 3 · 536,870,912 = 28,278,784,000
        Scenario s = PlanFixtures.fullOn(gpu).withMethod(MethodSpec.lora(16, WeightStorage.BF16));
        ThroughputEstimate t = estimator.estimate(s, PlanFixtures.loraCounts());
        assertEquals(28_278_784_000.0, t.flopsPerToken(), 1);
    }

    @Test
    void fullRecomputationAddsOneForward() {
        // 41,253,076,992 + 2 · 6,607,077,376 + 536,870,912 = 55,004,102,656
        Scenario s = PlanFixtures.fullOn(gpu);
        s = s.withTraining(s.training().withCheckpointing(Checkpointing.FULL));
        assertEquals(55_004_102_656.0, estimator.estimate(s, PlanFixtures.fullCounts()).flopsPerToken(), 1);
    }

    @Test
    void stepIsComputePlusMemoryBoundOptimizerUpdate() {
        // compute: 2048 · 41,253,076,992 / (100e12 · 0.5) = 1.689726 s
        // torch.optim.AdamW's default (foreach) update with an fp32 master makes a pass per operation
        // (torch/optim/adamw.py _multi_tensor_adamw): the parameter read and written by the weight-decay mul_ and by
        // addcdiv_ (4·4 B), a moment-sized tensor read and written by lerp_, mul_, addcmul_, sqrt, div_, add_ and
        // read twice by addcdiv_ (14·4 B), the bf16 gradient read by lerp_ and twice by addcmul_ (3·2 B), and the
        // bf16 copy written (2 B): 80 B/param; 6,738,415,616 · 80 / (1e12 · 0.6) = 0.898455 s;
        // tokens/s = 2048 / (1.689726 + 0.898455) = 791.29
        ThroughputEstimate t = estimator.estimate(PlanFixtures.fullOn(gpu), PlanFixtures.fullCounts());
        assertEquals(1.689726, t.seconds(TimeTerm.Part.COMPUTE), 1e-5);
        assertEquals(0.898455, t.seconds(TimeTerm.Part.OPTIMIZER), 1e-5);
        assertEquals(791.29, t.tokensPerSecond(), 0.01);
        assertEquals(t.stepSeconds(), t.partSeconds().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        // The explanation's terms add up to the same step, part by part.
        List<TimeTerm> terms = estimator.explain(PlanFixtures.fullOn(gpu), PlanFixtures.fullCounts(),
                new MemoryEstimator().estimate(PlanFixtures.fullOn(gpu))).terms();
        assertEquals(t.stepSeconds(), terms.stream().mapToDouble(TimeTerm::secondsPerStep).sum(), 1e-9);
        for (TimeTerm.Part part : TimeTerm.Part.values()) {
            assertEquals(t.seconds(part), terms.stream().filter(x -> x.part() == part)
                    .mapToDouble(TimeTerm::secondsPerStep).sum(), 1e-12, part.name());
        }
    }

    @Test
    void ddpAllReduceOverPcieIsExposedBeyondTheBackwardOverlap() {
        // 8 GPUs, DDP: all-reduce 2 · 7/8 · 6,738,415,616 · 2 B = 23.58 GB per step
        // over 25 GB/s · 0.5 = 1.886756 s;
        // hidden: 0.5 · ⅔ · 1.689726 = 0.563242 s; exposed 1.323514 s.
        // step = 1.689726 + 0.898455 + 1.323514 = 3.911695 s; tokens/s = 8 · 2048 / 3.911695 = 4188.46
        ThroughputEstimate t = estimator.estimate(PlanFixtures.fullOn(PlanFixtures.pcieGpu(), 8, Sharding.DDP),
                PlanFixtures.fullCounts());
        assertEquals(1.323514, t.commSecondsPerStep(), 1e-5);
        assertEquals(4188.46, t.tokensPerSecond(), 0.01);
    }

    @Test
    void qloraPaysForDequantisingEachPass() {
        // forward and backward (no recompute): 2 · 6,476,005,376 · (0.5 + 2) B / (1e12 · 0.6) = 0.053967 s
        Scenario s = PlanFixtures.fullOn(gpu).withMethod(MethodSpec.qlora(16));
        ThroughputEstimate t = estimator.estimate(s, PlanFixtures.loraCounts());
        assertEquals(0.053967, t.seconds(TimeTerm.Part.DEQUANTIZE), 1e-5);
        Scenario lora = s.withMethod(MethodSpec.lora(16, WeightStorage.BF16));
        assertTrue(t.tokensPerSecond() < estimator.estimate(lora, PlanFixtures.loraCounts()).tokensPerSecond());
    }

    @Test
    void pagedOptimizerStatesBeyondFreeMemoryCrossPcieTwicePerStep() {
        // paged AdamW 32-bit over bf16 weights (no master): bitsandbytes' 32-bit optimizers keep both moments in
        // fp32 whatever the parameters' dtype (Optimizer2State.init_state), 2 · 4 B per parameter =
        // 53,907,324,928 B of states; 10 GiB free: 43,169,906,688 B page in and out over 25 GB/s · 0.8:
        // 2 · 43.169906688e9 / 20e9 = 4.316991 s
        Scenario s = PlanFixtures.fullOn(gpu);
        s = s.withTraining(s.training().withMasterWeights(false).withOptimizer(Optimizer.PAGED_ADAMW_32BIT));
        long capacity = 80L << 30;
        MemoryEstimate memory = new MemoryEstimate(new MemoryBreakdown(capacity - (10L << 30), 0, 0, 0, 0, 0, 0, 0),
                0, capacity, List.of());
        ThroughputEstimate paged = estimator.estimate(s, PlanFixtures.fullCounts(), memory);
        assertEquals(4.316991, paged.seconds(TimeTerm.Part.OFFLOAD), 1e-5);
        assertEquals(0, estimator.estimate(s, PlanFixtures.fullCounts()).seconds(TimeTerm.Part.OFFLOAD));
    }

    @Test
    void routedExpertsRunSmallGemmsAtLowerUtilisation() {
        // 2 MoE layers, 8 experts, top-2, expert width 1024, h 1024: active expert weights 2 · 2 · 3·1024·1024 =
        // 12,582,912; full fine-tuning: 6 FLOPs each = 75,497,472 per token. b·s = 1024 tokens, 1024·2/8 = 256 rows
        // per expert: u = 0.7 · 256/512 = 0.35 against 0.7 · 1024/1280 = 0.56 for the whole micro-step.
        // extra = 1024 · 75,497,472 / 100e12 · (1/0.35 − 1/0.56) = 0.000828315 s
        Architecture moe = new Architecture("mixtral", 1024, 2, 8, 8, 128, 4096, 1000, false, true, false, 2, false,
                false, false, false, 0, new Architecture.Moe(8, 2, 1024, 0, 0, 0), 4096, false);
        Scenario s = PlanFixtures.fullOn(gpu).withCost(CostSpec.defaults())
                .withModel(new ModelSpec("moe", "moe", moe, ModelSpec.Origin.CONFIG));
        s = s.withTraining(s.training().withSequenceLength(1024));
        double extra = estimator.explain(s, ParameterCounter.count(moe, s.method()), new MemoryEstimator().estimate(s))
                .terms().stream().filter(x -> x.id() == TermId.MOE_SMALL_GEMMS).mapToDouble(TimeTerm::secondsPerStep)
                .sum();
        assertEquals(0.000828315, extra, 1e-8);
    }

    @Test
    void fp8WithoutFp8CoresFallsBackToBf16WithAWarning() {
        Scenario s = PlanFixtures.fullOn(gpu);
        s = s.withTraining(s.training().withPrecision(Precision.FP8));
        ThroughputEstimate t = estimator.estimate(s, PlanFixtures.fullCounts());
        assertEquals(100, t.peakTflops());
        assertTrue(t.notes().stream().anyMatch(n -> n.code().equals("fp8.unsupported")));
    }

    @Test
    void defaultUtilisationGrowsWithTokensPerMicroStep() {
        // 0.7 · 2048 / (2048 + 256) = 0.622222; with b 8: 0.7 · 16384 / 16640 = 0.689231
        Scenario s = PlanFixtures.fullOn(gpu).withCost(CostSpec.defaults());
        assertEquals(0.622222, estimator.estimate(s, PlanFixtures.fullCounts()).mfu(), 1e-6);
        Scenario big = s.withTraining(s.training().withMicroBatchSize(8));
        assertEquals(0.689231, estimator.estimate(big, PlanFixtures.fullCounts()).mfu(), 1e-6);
    }

    @Test
    void compileCutsTheElementWiseTrafficToAThird() {
        // per layer and pass: 100·4096 + 20·4096 + 10·11008 = 601,600 B; × 32 layers × 3 passes = 57,753,600 B;
        // loss 20 · 32000 = 640,000 B; 2048 tokens · 58,393,600 B / (1e12 · 0.6) = 0.199317 s.
        // compiled: (57,753,600 / 3 + 640,000) · 2048 / 6e11 = 0.067896 s
        Scenario s = PlanFixtures.fullOn(gpu).withCost(CostSpec.defaults());
        double eager = estimator.estimate(s, PlanFixtures.fullCounts()).seconds(TimeTerm.Part.COMPUTE);
        Scenario compiled = s.withTraining(s.training().withCompile(true));
        double fused = estimator.estimate(compiled, PlanFixtures.fullCounts()).seconds(TimeTerm.Part.COMPUTE);
        assertEquals(0.199317 - 0.067896, eager - fused, 1e-5);
    }

    @Test
    void shardingAcrossMoreGpusRaisesJobThroughput() {
        double previous = 0;
        for (int n : new int[] {1, 2, 4, 8}) {
            ThroughputEstimate t = estimator.estimate(PlanFixtures.fullOn(gpu, n, Sharding.FSDP),
                    PlanFixtures.fullCounts());
            assertTrue(t.tokensPerSecond() > previous, "n=" + n);
            previous = t.tokensPerSecond();
        }
    }

    @Test
    void userUtilisationOverridesTheDefault() {
        Scenario s = PlanFixtures.fullOn(gpu).withCost(new CostSpec(OptionalDouble.empty(), Optional.empty(),
                OptionalDouble.of(0.25)));
        ThroughputEstimate t = estimator.estimate(s, PlanFixtures.fullCounts());
        assertEquals(0.25, t.mfu());
        // half the utilisation of the 0.5 case: compute 3.379452 s
        assertEquals(3.379452, t.seconds(TimeTerm.Part.COMPUTE), 1e-5);
    }
}
