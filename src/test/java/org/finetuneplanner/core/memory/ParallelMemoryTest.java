package org.finetuneplanner.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.finetuneplanner.core.PlanFixtures;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

/**
 * The memory of model-parallel layouts, fused losses and selective recompute, worked by hand on the Llama-2-7B
 * fixture (h 4096, L 32, 32 heads, I 11008, V 32000) in pure bf16 (no master weights), generic profile.
 *
 * <p>One block's saved bytes per token (Korthikanti et al. 2022, Table 2, as {@link ActivationModel} counts them):
 * <ul>
 *   <li>h-wide, outside the TP region: two norms × (fp32 input 4h + the trained weight's bf16 output 2h) + the
 *       inputs kept by q/k/v and gate/up (2 × 2h) = 16h = 65,536 B;</li>
 *   <li>inside (heads or MLP width): q, k, v and the attention output 4 × 2h + the log-sum-exp 4·a = 128 + the
 *       o-projection's input 2h = 41,088 B; SwiGLU gate, up and product 3 × 2I + the down-projection input 2I =
 *       88,064 B; together 129,152 B;</li>
 *   <li>in all 194,688 B.</li>
 * </ul>
 */
class ParallelMemoryTest {

    private static final Architecture A = PlanFixtures.LLAMA2_7B;
    private final MemoryEstimator memory = new MemoryEstimator();

    private static TrainingSpec pureBf16() {
        return TrainingSpec.defaults(false).withOptimizer(Optimizer.SGD);
    }

    private static ActivationModel activations(TrainingSpec t, int tp, int tsp) {
        return new ActivationModel(A, MethodSpec.full(WeightStorage.BF16), t, FrameworkProfile.GENERIC, false, false,
                2, tp, tsp);
    }

    private static Scenario scenario(MethodSpec m, TrainingSpec t, int gpus, Parallelism p) {
        return new Scenario("layout", new ModelSpec("llama-2-7b", "Llama 2 7B", A, ModelSpec.Origin.PRESET), m, t,
                new HardwareSpec(PlanFixtures.roundGpu(List.of()), gpus, OptionalDouble.empty(), gpus,
                        Sharding.NONE, Offload.NONE, OptionalDouble.empty(), p), DataSpec.of(1_000_000L, 1),
                new CostSpec(OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty()));
    }

    /** Full fine-tuning over four pipeline stages, 8 micro-batches per step. */
    private static Scenario pipelineOfFour() {
        return scenario(MethodSpec.full(WeightStorage.BF16), pureBf16().withGradientAccumulationSteps(8), 4,
                new Parallelism(1, 4, 1, 1, 1, false));
    }

    private Term term(Scenario s, TermId id) {
        return memory.explain(s).stream().map(MemoryTerm::term).filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + memory.explain(s)));
    }

    @Test
    void tensorParallelSplitsHeadsAndMlpAndSequenceParallelTheRest() {
        assertEquals(194_688, activations(pureBf16(), 1, 1).perTokenLayer(), 1e-9);
        // TP 2 without SP (Korthikanti: 10·sbh + 24·sbh/t): 65,536 + 129,152 / 2 = 130,112
        assertEquals(130_112, activations(pureBf16(), 2, 1).perTokenLayer(), 1e-9);
        // with SP every tensor is split (34·sbh/t): 194,688 / 2 = 97,344
        assertEquals(97_344, activations(pureBf16(), 2, 2).perTokenLayer(), 1e-9);
    }

    @Test
    void selectiveRecomputeDropsOnlyTheAttentionCore() {
        // flash: the core's own tensors are its output 2h = 8,192 and its log-sum-exp 4·32 = 128: 194,688 − 8,320
        assertEquals(186_368, activations(pureBf16(), 1, 1).perTokenLayerSelective(), 1e-9);
        // eager: + the scores a·s·(fp32 softmax 4 + its bf16 copy for AV 2) = 32 · 2048 · 6 = 393,216 per token,
        // kept without recompute and dropped with it
        TrainingSpec eager = pureBf16().withAttention(Attention.EAGER);
        assertEquals(194_688 + 393_216, activations(eager, 1, 1).perTokenLayer(), 1e-9);
        assertEquals(186_368, activations(eager, 1, 1).perTokenLayerSelective(), 1e-9);
        // with TP 2 the core is split with the heads: (8,320 + 393,216) / 2 = 200,768
        assertEquals(200_768, activations(eager, 2, 1).coreBytes(), 1e-9);
    }

    @Test
    void tensorAndPipelineParallelismDivideTheWeights() {
        // TP 2: linears 6,476,005,376 / 2 + vocab-parallel embedding and head 262,144,000 / 2 + norms 266,240 =
        // 3,369,340,928 parameters × 2 B = 6,738,681,856 B
        Scenario tp2 = scenario(MethodSpec.full(WeightStorage.BF16), pureBf16(), 2, new Parallelism(2, 1, 1, 1, 1,
                false));
        Term w = term(tp2, TermId.MODEL_WEIGHTS);
        assertEquals(3_369_340_928.0, w.input(Input.N), 0);
        assertEquals(6_738_681_856.0, w.value(), 1);
        // PP 4: the most loaded stage holds 8 of 32 blocks (6,476,005,376 / 4) + one V·h (131,072,000)
        // + a quarter of the norms (66,560) = 1,750,139,904 parameters
        assertEquals(1_750_139_904.0, term(pipelineOfFour(), TermId.MODEL_WEIGHTS).input(Input.N), 0);
    }

    @Test
    void thePipelinesFirstStageHoldsTheMicroBatchesInFlight() {
        // PP 4, GA 8, 1F1B: 4 micro-batches in flight × 8 blocks × 2048 tokens × 194,688 B = 12,759,072,768 B; the
        // last stage (8 blocks × 2048 × 194,688 + final norm 2048·4096·6 + logits 2048·32000·14 = 4,157,603,840 B)
        // holds less, so the first stage is the one shown
        Scenario pp4 = pipelineOfFour();
        Term saved = term(pp4, TermId.ACTIVATIONS_IN_FLIGHT);
        assertEquals(4, saved.input(Input.IN_FLIGHT));
        assertEquals(8, saved.input(Input.LAYERS));
        assertEquals(12_759_072_768.0, saved.value(), 1);
        // interleaved with VP 2: × (1 + (4 − 1)/(4·2)) = 5.5 in flight
        Scenario vp2 = pp4.withHardware(pp4.hardware().withParallel(new Parallelism(1, 4, 2, 1, 1, false)));
        assertEquals(5.5, term(vp2, TermId.ACTIVATIONS_IN_FLIGHT).input(Input.IN_FLIGHT), 1e-12);
        // with GA 2 < PP only 2 micro-batches are ever in flight
        Scenario ga2 = pp4.withTraining(pp4.training().withGradientAccumulationSteps(2));
        assertEquals(2, term(ga2, TermId.ACTIVATIONS_IN_FLIGHT).input(Input.IN_FLIGHT));
    }

    @Test
    void contextParallelismSplitsTheSequenceAndKeepsAKvChunkInFlight() {
        // CP 2 on 4096 tokens: 2048 tokens per GPU; the ring holds one received K/V chunk:
        // 2 × 2048 × kv·d 4096 × 2 B = 33,554,432 B
        Scenario cp2 = scenario(MethodSpec.full(WeightStorage.BF16), pureBf16().withSequenceLength(4096), 2,
                new Parallelism(1, 1, 1, 2, 1, false));
        Term ring = term(cp2, TermId.RING_BUFFERS);
        assertEquals(2048, ring.input(Input.TOKENS));
        assertEquals(33_554_432.0, ring.value(), 1);
    }

    @Test
    void expertParallelismDividesTheExpertsAndHoldsTheDispatchBuffers() {
        // 2 MoE layers, h 1024, 8 experts of width 1024, top-2. Per layer: attention 4·1024² = 4,194,304, experts
        // 8·3·1024² = 25,165,824, router 1024·8 = 8,192. EP 2: (58,736,640 − 50,331,648) + 50,331,648 / 2 =
        // 33,570,816 linear parameters per GPU.
        Architecture moe = new Architecture("mixtral", 1024, 2, 8, 8, 128, 4096, 1000, false, true, false, 2, false,
                false, false, false, 0, new Architecture.Moe(8, 2, 1024, 0, 0, 0), 4096, false);
        Scenario s = new Scenario("moe", new ModelSpec("moe", "moe", moe, ModelSpec.Origin.CONFIG),
                MethodSpec.lora(8, WeightStorage.BF16), TrainingSpec.defaults(false).withSequenceLength(1024)
                .withCheckpointing(Checkpointing.FULL), new HardwareSpec(PlanFixtures.roundGpu(List.of()), 2,
                OptionalDouble.empty(), 2, Sharding.NONE, Offload.NONE, OptionalDouble.empty(),
                new Parallelism(1, 1, 1, 1, 2, false)),
                DataSpec.of(1_000_000L, 1), CostSpec.defaults());
        assertEquals(33_570_816.0, term(s, TermId.FROZEN_LINEAR).input(Input.N_LINEAR), 0);
        // dispatched and combined tokens of one MoE layer: 2 × 1024 tokens × top-2 × 1024 × 2 B = 8,388,608 B
        assertEquals(8_388_608.0, term(s, TermId.DISPATCH_BUFFERS).value(), 1);
    }

    @Test
    void megatronsDistributedOptimizerShardsMasterAndMomentsOverDataParallelism() {
        // Megatron, mixed precision, 8-way data parallel: bf16 parameters 2 B, fp32 main gradients 4 B, and the fp32
        // master and two moments 12 B / 8 (theoretical_memory_usage.py: 6 + 12/d): optimizer part
        // 6,738,415,616 × 12 / 8 = 10,107,623,424 B
        Scenario s = scenario(MethodSpec.full(WeightStorage.BF16), TrainingSpec.defaults(true)
                .withFramework(Framework.MEGATRON), 8, Parallelism.NONE);
        s = s.withHardware(s.hardware().withSharding(Sharding.DDP));
        assertEquals(10_107_623_424.0, memory.estimate(s).perGpu().optimizerBytes(), 1);
        assertEquals(4.0, term(s, TermId.MASTER_WEIGHTS).value() / PlanFixtures.TOTAL * 8, 1e-9);
    }

    @Test
    void theFusedLinearLossHoldsOneChunkOfLogits() {
        // Liger FLCE, LoRA (head frozen), b·s 2048, V 32000, h 4096: ⌈32000 / 4096⌉ = 8, chunk = next power of two
        // of 2048 / 8 = 256 rows; 256·32000·2 B + hidden-state gradient 2048·4096·2 B + fp32 loss 4·2048 B =
        // 16,384,000 + 16,777,216 + 8,192 = 33,169,408 B
        TrainingSpec t = TrainingSpec.defaults(false);
        Scenario fused = scenario(MethodSpec.lora(16, WeightStorage.BF16), t.withLoss(Loss.FUSED), 1,
                Parallelism.NONE);
        assertEquals(33_169_408.0, new MemoryRun(fused, false).lossBytes(), 0);
        // chunked: 16-bit logits + one chunk's fp32 log-softmax, 2 + 4 B per logit: 2048·32000·6 = 393,216,000 B;
        // standard: + fp32 log-softmax kept and the gradient's fp32 transients, 14 B: 917,504,000 B
        assertEquals(393_216_000.0, new MemoryRun(fused.withTraining(t.withLoss(Loss.CHUNKED)), false).lossBytes(), 0);
        assertEquals(917_504_000.0, new MemoryRun(fused.withTraining(t), false).lossBytes(), 0);
        // a trained head adds its weight gradient, computed in the forward: + 32000·4096·2 B
        Scenario full = fused.withMethod(MethodSpec.full(WeightStorage.BF16));
        assertEquals(33_169_408.0 + 262_144_000, new MemoryRun(full, false).lossBytes(), 0);
    }

    @Test
    void megatronsVocabularyParallelLossKeepsTheFp32SoftmaxOfItsShard() {
        // TP 2: 2048 tokens × 16,000 columns × (bf16 logits 2 + fp32 softmax 4) = 196,608,000 B
        Scenario s = scenario(MethodSpec.lora(16, WeightStorage.BF16), TrainingSpec.defaults(false)
                .withFramework(Framework.MEGATRON), 2, new Parallelism(2, 1, 1, 1, 1, true));
        assertEquals(196_608_000.0, new MemoryRun(s, false).lossBytes(), 0);
    }

    @Test
    void nf4WithoutDoubleQuantisationStoresAnFp32ScalePer64Weights() {
        // 4 + 32/64 = 4.5 bit against 4 + 8/64 + 32/(64·256) = 4.127 bit: 6,476,005,376 × 4.5 / 8 = 3,642,753,024 B
        Scenario dq = scenario(MethodSpec.qlora(16), TrainingSpec.defaults(false), 1, Parallelism.NONE);
        Scenario plain = dq.withMethod(dq.method().withDoubleQuant(false));
        assertEquals(3_642_753_024.0, term(plain, TermId.FROZEN_LINEAR_QUANTIZED).value(), 1);
        assertEquals(6_476_005_376.0 * (4 + 8.0 / 64 + 32.0 / 16384) / 8,
                term(dq, TermId.FROZEN_LINEAR_QUANTIZED).value(), 1);
        // LitGPT's lit-rt Llama-2-7B rows measured 13.169 GiB (bnb.nf4) and 12.890 (bnb.nf4-dq): 0.28 GiB apart;
        // the two storages differ by 6,476,005,376 × (4.5 − 4.127)/8 B = 0.28 GiB
        double apart = (memory.estimate(plain).perGpu().peakAllocatedBytes()
                - memory.estimate(dq).perGpu().peakAllocatedBytes()) / (double) (1L << 30);
        assertEquals(6_476_005_376.0 * (0.5 - 0.125 - 32.0 / 16384) / 8 / (1L << 30), apart, 0.01);
    }

    @Test
    void expandableSegmentsLeaveNoTransientFragments() {
        Scenario s = scenario(MethodSpec.qlora(16), TrainingSpec.defaults(false).withFramework(Framework.UNSLOTH), 1,
                Parallelism.NONE);
        assertEquals(0.0, term(s, TermId.ALLOCATOR).input(Input.FRAGMENTATION_TRANSIENT));
        Scenario generic = s.withTraining(s.training().withFramework(Framework.GENERIC));
        assertTrue(term(generic, TermId.ALLOCATOR).input(Input.FRAGMENTATION_TRANSIENT) > 0);
    }
}
