package org.finetuneplanner.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;

import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.PlanFixtures;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.gpu.Interconnect;
import org.finetuneplanner.core.gpu.PeakTflops;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

/**
 * The time of model-parallel layouts, selective recompute and the framework factors, worked by hand on the
 * Llama-2-7B fixture: full fine-tuning, b 1, s 2048, {@code cost.mfu} 0.5 (so no element-wise term unless a test
 * drops it) on a GPU of 100 TFLOPS, 1 TB/s, 100 GB/s NVLink-class peers (85 GB/s reached) or 25 GB/s PCIe peers
 * (12.5 GB/s reached). F = 41,253,076,992 FLOPs per token (6 · 6,607,077,376 matmul + 3 · 536,870,912 attention).
 */
class ParallelTimeTest {

    private final ThroughputEstimator estimator = new ThroughputEstimator();
    private final GpuSpec nvlink = PlanFixtures.roundGpu(List.of());

    private static Scenario laidOut(GpuSpec gpu, int gpus, Parallelism p) {
        Scenario s = PlanFixtures.fullOn(gpu);
        return s.withHardware(new HardwareSpec(gpu, gpus, OptionalDouble.empty(), gpus, Sharding.NONE, Offload.NONE,
                OptionalDouble.empty(), p));
    }

    private List<TimeTerm> terms(Scenario s) {
        return estimator.explain(s, ParameterCounter.count(s.model().architecture(), s.method()),
                new MemoryEstimator().estimate(s)).terms();
    }

    private Term term(Scenario s, TermId id) {
        return terms(s).stream().map(TimeTerm::term).filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + terms(s)));
    }

    private ThroughputEstimate estimate(Scenario s) {
        return estimator.estimate(s, ParameterCounter.count(s.model().architecture(), s.method()));
    }

    @Test
    void thePipelineBubbleIsPpMinusOneOverVpStageTimes() {
        // PP 4, GA 8: a stage does a quarter of the layers: 2048 · F / 4 / (100e12 · 0.5) = 0.422432 s per
        // micro-batch; the activations crossing to the next stage (2 · 2048 · 4096 · 2 B over 85 GB/s) hide behind
        // it. Bubble (Narayanan et al. 2021): (4 − 1)/1 × 0.422432 = 1.267295 s, 3/8 of the 8 micro-steps' compute.
        Scenario pp = laidOut(nvlink, 4, new Parallelism(1, 4, 1, 1, 1, false));
        pp = pp.withTraining(pp.training().withGradientAccumulationSteps(8));
        ThroughputEstimate t = estimate(pp);
        assertEquals(3.379452, t.seconds(TimeTerm.Part.COMPUTE), 1e-5);
        assertEquals(1.267295, t.seconds(TimeTerm.Part.BUBBLE), 1e-5);
        assertEquals(3.0 / 8, term(pp, TermId.PIPELINE_BUBBLE).input(Input.BUBBLE_FRACTION), 1e-12);
        // interleaved, VP 2: (4 − 1)/2 × 0.422432 = 0.633647 s
        Scenario vp = pp.withHardware(pp.hardware().withParallel(new Parallelism(1, 4, 2, 1, 1, false)));
        assertEquals(0.633647, estimate(vp).seconds(TimeTerm.Part.BUBBLE), 1e-5);
        // the job trains b·s·GA·DP = 2048 · 8 · 1 tokens per step
        assertEquals(2048.0 * 8 / t.stepSeconds(), t.tokensPerSecond(), 1e-6);
    }

    @Test
    void tensorParallelTrafficWaitsOnPcieAndHidesUnderMegatronOnNvlink() {
        // TP 2, per micro-step: 4 all-reduce volumes per layer · 2·(2 − 1)/2 · 2048 · 4096 · 2 B · 32 layers =
        // 2,147,483,648 B; over PCIe peers at 12.5 GB/s 0.171799 s, on the critical path (PyTorch-native TP)
        Scenario pcie = laidOut(PlanFixtures.pcieGpu(), 2, new Parallelism(2, 1, 1, 1, 1, false));
        Term tp = term(pcie, TermId.TENSOR_PARALLEL_COMMUNICATION);
        assertEquals(2_147_483_648.0, tp.input(Input.VOLUME_MICRO), 1);
        assertEquals(0.171799, tp.value(), 1e-6);
        // Megatron/TE on NVLink overlaps it with the GEMMs: 2,147,483,648 / 85e9 = 0.025 s under a budget of
        // 0.5 · 2048 · F / 2 / 5e13 = 0.42 s
        Scenario megatron = laidOut(nvlink, 2, new Parallelism(2, 1, 1, 1, 1, true));
        megatron = megatron.withTraining(megatron.training().withFramework(Framework.MEGATRON));
        Term hidden = term(megatron, TermId.TENSOR_PARALLEL_COMMUNICATION);
        assertEquals(0.0, hidden.value(), 0);
        assertEquals(1.0, hidden.input(Input.OVERLAPPED));
        // full recompute repeats the forward's two all-reduces: 6 volumes per layer
        Scenario recompute = pcie.withTraining(pcie.training().withCheckpointing(Checkpointing.FULL));
        assertEquals(0.171799 * 6 / 4, term(recompute, TermId.TENSOR_PARALLEL_COMMUNICATION).value(), 1e-6);
    }

    @Test
    void ringAttentionPassesKvRoundTheRing() {
        // CP 2, s 4096: per layer (2 − 1)/2 · 2 · 4096 · kv·d 4096 · 2 B, three passes (K/V forward; K/V and their
        // gradients backward), 32 layers: 3,221,225,472 B per micro-step, hidden behind the attention
        Scenario cp = laidOut(nvlink, 2, new Parallelism(1, 1, 1, 2, 1, false));
        cp = cp.withTraining(cp.training().withSequenceLength(4096));
        Term ring = term(cp, TermId.CONTEXT_PARALLEL_COMMUNICATION);
        assertEquals(3_221_225_472.0, ring.input(Input.VOLUME_MICRO), 1);
        assertEquals(0.0, ring.value(), 0);
    }

    @Test
    void expertAllToAllsWaitOnTheCriticalPath() {
        // 2 MoE layers, top-2, h 1024, EP 2, 1024 tokens: 4 all-to-alls (dispatch and combine, forward and backward)
        // · (2 − 1)/2 · 1024 · 2 · 1024 · 2 B · 2 layers = 16,777,216 B over 85 GB/s = 0.000197380 s
        Architecture moe = new Architecture("mixtral", 1024, 2, 8, 8, 128, 4096, 1000, false, true, false, 2, false,
                false, false, false, 0, new Architecture.Moe(8, 2, 1024, 0, 0, 0), 4096, false);
        Scenario s = PlanFixtures.fullOn(nvlink).withModel(new ModelSpec("moe", "moe", moe, ModelSpec.Origin.CONFIG))
                .withMethod(MethodSpec.lora(8, WeightStorage.BF16));
        s = s.withHardware(new HardwareSpec(nvlink, 2, OptionalDouble.empty(), 2, Sharding.NONE, Offload.NONE,
                OptionalDouble.empty(), new Parallelism(1, 1, 1, 1, 2, false)));
        s = s.withTraining(s.training().withSequenceLength(1024).withMasterWeights(false));
        Term a2a = term(s, TermId.EXPERT_PARALLEL_COMMUNICATION);
        assertEquals(16_777_216.0, a2a.input(Input.VOLUME_MICRO), 1);
        assertEquals(0.000197380, a2a.value(), 1e-9);
    }

    @Test
    void selectiveRecomputeRunsTheAttentionCoreAgain() {
        // F + one more attention forward 536,870,912 = 41,789,947,904; full recompute adds the whole forward
        Scenario s = PlanFixtures.fullOn(nvlink);
        Scenario selective = s.withTraining(s.training().withCheckpointing(Checkpointing.SELECTIVE));
        assertEquals(41_789_947_904.0, estimate(selective).flopsPerToken(), 1);
        double none = estimate(s).stepSeconds();
        double full = estimate(s.withTraining(s.training().withCheckpointing(Checkpointing.FULL))).stepSeconds();
        double sel = estimate(selective).stepSeconds();
        assertTrue(none < sel && sel < full, none + " < " + sel + " < " + full);
    }

    @Test
    void aFusedAdamWReadsAndWritesEachTensorOnce() {
        // Megatron's FusedAdam with the fp32 master: 2·4 + 2 + 2·8 + 2 = 28 B/param (against 80 for torch's foreach
        // AdamW, ThroughputEstimatorTest); 6,738,415,616 · 28 / 6e11 = 0.314459 s
        Scenario s = PlanFixtures.fullOn(nvlink);
        s = s.withTraining(s.training().withFramework(Framework.MEGATRON));
        assertEquals(0.314459, estimate(s).seconds(TimeTerm.Part.OPTIMIZER), 1e-5);
    }

    @Test
    void eagerAttentionMovesItsScoresThroughMemory() {
        // default utilisation (element-wise term on): eager adds 12·a·s = 12·32·2048 = 786,432 B per token, layer
        // and pass; × 3 passes × 32 layers × 2048 tokens / (1e12 · 0.6) = 0.257698 s
        Scenario flash = PlanFixtures.fullOn(nvlink).withCost(CostSpec.defaults());
        Scenario eager = flash.withTraining(flash.training().withAttention(Attention.EAGER));
        double difference = term(eager, TermId.ELEMENTWISE).value() - term(flash, TermId.ELEMENTWISE).value();
        assertEquals(0.257698, difference, 1e-6);
        // Transformer Engine's fused kernels leave a third of the blocks' traffic, as torch.compile does
        Scenario megatron = flash.withTraining(flash.training().withFramework(Framework.MEGATRON));
        Scenario compiled = flash.withTraining(flash.training().withCompile(true));
        assertEquals(term(compiled, TermId.ELEMENTWISE).value(), term(megatron, TermId.ELEMENTWISE).value(), 1e-12);
    }

    @Test
    void bf16WithoutBf16TensorCoresRunsAtTheFp32Rate() {
        // A V100-like card: FP32 15.7, FP16 tensor 125, no BF16: a BF16 job is timed at 15.7 TFLOPS and says so
        GpuSpec v100 = new GpuSpec("v100", "V100", "NVIDIA", 32, 31.7, 0.9, new PeakTflops(15.7, 0, 0, 125, 0), false,
                new Interconnect("NVLink 2", 150, 16), 300, 2017, List.of());
        ThroughputEstimate t = estimate(PlanFixtures.fullOn(v100));
        assertEquals(15.7, t.peakTflops());
        assertTrue(t.notes().stream().anyMatch(n -> n.id() == NoteId.BF16_UNSUPPORTED), t.notes().toString());
    }

    @Test
    void aCardsMeasuredMatmulRateScalesTheUtilisation() {
        // MI300X-like: MAMF 668.4 of 1307.4 TFLOPS = 0.511 against the H100's 794.5/989.5 = 0.803:
        // 0.70 · 0.511/0.803 · 2048/2304 = 0.396
        GpuSpec amd = new GpuSpec("mi", "MI", "AMD", 192, 191.5, 5.3, new PeakTflops(163.4, 653.7, 1307.4, 1307.4, 0),
                false, new Interconnect("xGMI", 448, 64), 750, 2023, List.of(),
                null, new PeakTflops(0, 0, 668.4, 0, 0));
        double expected = 0.70 * (668.4 / 1307.4) / (794.5 / 989.5) * 2048 / (2048 + 256);
        assertEquals(expected, ThroughputEstimator.defaultUtilisation(amd,
                org.finetuneplanner.core.scenario.Precision.BF16, 2048), 1e-12);
        assertEquals(0.396, expected, 0.001);
    }
}
