package org.finetuneplanner.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.PlanFixtures;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.model.ParameterCounterTest;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Optimizer;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

class MemoryEstimatorTest {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private final MemoryEstimator estimator = new MemoryEstimator();
    private final GpuSpec gpu = PlanFixtures.roundGpu(List.of());

    private Scenario llama3(MethodSpec method, TrainingSpec training) {
        return new Scenario("t", new ModelSpec("llama-3-8b", "Llama 3 8B",
                ArchitectureFactory.fromConfig(ParameterCounterTest.llama3_8b()), ModelSpec.Origin.CONFIG),
                method, training, HardwareSpec.single(gpu), DataSpec.unknown(), CostSpec.defaults());
    }

    /** The bytes of the terms of {@code s}'s explanation that are of one of {@code ids}. */
    private long term(Scenario s, TermId... ids) {
        List<TermId> wanted = List.of(ids);
        return estimator.explain(s).stream().filter(t -> wanted.contains(t.id())).mapToLong(MemoryTerm::bytes).sum();
    }

    @Test
    void qloraStoresLinearWeightsInNf4WithDoubleQuantConstants() {
        // 6,979,321,856 linear weights × (4 + 8/64 + 32/16384) bit / 8 = 6,979,321,856 × 0.515869… B
        // = 3,600,438,... B ≈ 3.60 GB (peers-and-formulas §4.13: "QLoRA NF4+DQ linear weights 3.60 GB").
        Scenario s = llama3(MethodSpec.qlora(16), TrainingSpec.defaults(false));
        double expected = 6_979_321_856.0 * (4 + 8.0 / 64 + 32.0 / (64 * 256)) / 8;
        assertEquals(expected, term(s, TermId.FROZEN_LINEAR_QUANTIZED), 1.0);
        assertEquals(3.60e9, expected, 0.005e9);
    }

    @Test
    void fsdpMixedPrecisionGathersBlocksAndHoldsTheirGradientsInTheComputePrecision() {
        // Llama-3-8B block: q 4096·4096 + k, v 2 · 4096·1024 + o 4096·4096 = 41,943,040; MLP 3 · 4096·14336 =
        // 176,160,768; two RMSNorms 8,192 → 218,112,000 params. Root unit (embeddings + untied head) gathered
        // from forward to backward: 2 · 128,256 · 4,096 = 1,050,673,152 params.
        // Full fine-tuning, bf16 AMP (fp32 master shards), FSDP over 8 GPUs: FSDP MixedPrecision all-gathers in
        // param_dtype = bf16 and keeps the unsharded gradients in bf16 before the reduce-scatter, so
        // 2 · 218,112,000 · 2 B (current + prefetched block) + 1,050,673,152 · 2 B (root)
        // + 2 · 218,112,000 · 2 B (gradients) = 3,846,242,304 B — not the 4 B of the fp32 shards.
        Scenario s = llama3(MethodSpec.full(WeightStorage.BF16),
                TrainingSpec.defaults(true).withCheckpointing(Checkpointing.FULL))
                .withHardware(HardwareSpec.of(gpu, 8, Sharding.FSDP, Offload.NONE));
        assertEquals(3_846_242_304L, term(s, TermId.GATHER_BUFFERS));
    }

    @Test
    void hfProfileUpcastsUnquantisedParametersToFp32UnderQlora() {
        // Embeddings + head 1,050,673,152 + norms 266,240 = 1,050,939,392 params: bf16 2.10 GB, fp32 4.20 GB
        // (PEFT prepare_model_for_kbit_training; peers-and-formulas §4.4).
        Scenario generic = llama3(MethodSpec.qlora(16), TrainingSpec.defaults(false));
        Scenario hf = llama3(MethodSpec.qlora(16), TrainingSpec.defaults(false).withFramework(Framework.HF));
        assertEquals(1_050_939_392L * 2, term(generic, TermId.EMBED_HEAD_NORMS));
        assertEquals(1_050_939_392L * 4, term(hf, TermId.EMBED_HEAD_NORMS_FP32));
        assertEquals(0, term(hf, TermId.EMBED_HEAD_NORMS), "the upcast reads as its own term");
    }

    @Test
    void hfProfileKeepsLoraAdaptersAndTheirAdamStatesInFp32() {
        // 41,943,040 adapter params: fp32 weights 4 B, AdamW moments 2 × 4 B (PEFT autocast_adapter_dtype=True).
        Scenario hfLora = llama3(MethodSpec.lora(16, WeightStorage.BF16),
                TrainingSpec.defaults(false).withFramework(Framework.HF));
        MemoryEstimate hf = estimator.estimate(hfLora);
        assertEquals(41_943_040L * 4, term(hfLora, TermId.ADAPTERS));
        assertEquals(41_943_040L * 8, hf.perGpu().optimizerBytes());
        // torchtune keeps them bf16: 2 B weights, 2 × 2 B moments
        MemoryEstimate tt = estimator.estimate(llama3(MethodSpec.lora(16, WeightStorage.BF16),
                TrainingSpec.defaults(false).withFramework(Framework.TORCHTUNE)));
        assertEquals(41_943_040L * 4, tt.perGpu().optimizerBytes());
    }

    @Test
    void mixedPrecisionFullFineTuningHoldsSixteenBytesPerParameterAtTheOptimizerStep() {
        // fp32 params 4 + fp32 grads 4 + AdamW 8 = 16 B/param = 128.5 GB for Llama-3-8B (§4.6), plus the foreach
        // temporary of one moment (4 B/param) in the generic profile; checkpointing keeps activations small so the
        // step is the peak.
        MemoryEstimate e = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16),
                TrainingSpec.defaults(true).withCheckpointing(Checkpointing.FULL)));
        long n = 8_030_261_248L;
        assertEquals(n * 4, e.perGpu().weightsBytes());
        assertEquals(n * 4, e.perGpu().gradientsBytes());
        assertEquals(n * 8, e.perGpu().optimizerBytes());
        assertEquals(n * 4, e.perGpu().buffersBytes());
        assertEquals(Note.of(NoteId.MEMORY_PEAK_PHASE, Phase.OPTIMIZER_STEP), e.notes().get(0));
    }

    @Test
    void zero3ShardsEveryModelStateAcrossGpus() {
        Scenario one = llama3(MethodSpec.full(WeightStorage.BF16), TrainingSpec.defaults(true)
                .withCheckpointing(Checkpointing.FULL));
        Scenario eight = one.withHardware(HardwareSpec.of(gpu, 8, Sharding.ZERO3, Offload.NONE));
        MemoryEstimate a = estimator.estimate(one);
        MemoryEstimate b = estimator.estimate(eight);
        assertEquals(a.perGpu().optimizerBytes() / 8.0, b.perGpu().optimizerBytes(), 8);
        // fp32 weights and autocast copies, each an eighth: (4 + 2)/8 B per param against 4 B on one GPU
        assertTrue(b.perGpu().weightsBytes() < a.perGpu().weightsBytes() / 5);
    }

    @Test
    void checkpointedInputsAreLayersTimesTokensTimesHiddenTimesTwoBytes() {
        // transformers PR #48444: L·b·s·h·2 = 32 · 2·2048 · 4096 · 2 B = 1 GiB exactly.
        long inputs = term(llama3(MethodSpec.lora(16, WeightStorage.BF16),
                TrainingSpec.defaults(false).withMicroBatchSize(2).withCheckpointing(Checkpointing.FULL)),
                TermId.CHECKPOINTED_INPUTS);
        // the term also holds the final norm's input and output: 4096 tokens · 4096 · (4 + 2) B = 96 MiB
        assertEquals(GIB + 4096L * 4096 * 6, inputs, 1);
    }

    @Test
    void standardLossCostsFourteenBytesPerLogitAndChunkedSix() {
        // b·s·V = 2048 · 128,256 = 262,668,288 logits. Standard: bf16 logits 2 + fp32 log-softmax 4 + fp32 gradient
        // transients 8 = 14 B; chunked: 2 + 4 = 6 B.
        long elements = 2048L * 128_256;
        MemoryEstimate std = estimator.estimate(llama3(MethodSpec.lora(16, WeightStorage.BF16),
                TrainingSpec.defaults(false)));
        MemoryEstimate chunked = estimator.estimate(llama3(MethodSpec.lora(16, WeightStorage.BF16),
                TrainingSpec.defaults(false).withLoss(org.finetuneplanner.core.scenario.Loss.CHUNKED)));
        assertEquals(elements * 14, std.perGpu().logitsBytes());
        assertEquals(elements * 6, chunked.perGpu().logitsBytes());
    }

    @Test
    void pagedOptimizerStateLeavesTheAllocatorAndGoesToHost() {
        // paged AdamW 8-bit: 2 × (1 + 4/2048) B per param in unified memory, not in PyTorch's peak_allocated.
        MemoryEstimate e = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16),
                TrainingSpec.defaults(false).withOptimizer(Optimizer.PAGED_ADAMW_8BIT)));
        assertEquals(0, e.perGpu().optimizerBytes());
        assertEquals(8_030_261_248L * 2 * (1 + 4.0 / 2048), e.hostBytes(), 2);
        assertTrue(e.notes().stream().anyMatch(n -> n.code().equals("memory.paged_optimizer")));
    }

    @Test
    void bitsandbytesThirtyTwoBitStatesAreFp32OverBf16Parameters() {
        // bitsandbytes' Optimizer2State.init_state: optim_bits == 32 → both moments as torch.float32 buffers,
        // whatever the parameter's dtype (torch's AdamW would keep bf16 moments in pure bf16): paged AdamW 32-bit
        // over Llama-3-8B in pure bf16 puts 8,030,261,248 · 2 · 4 B = 64,242,089,984 B in unified memory.
        MemoryEstimate e = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16),
                TrainingSpec.defaults(false).withOptimizer(Optimizer.PAGED_ADAMW_32BIT)));
        assertEquals(0, e.perGpu().optimizerBytes());
        assertEquals(8_030_261_248L * 2 * 4, e.hostBytes());
    }

    @Test
    void offloadedOptimizerStatesAreCountedPerNode() {
        // ZeRO-3 with optimizer offload on 16 GPUs, 8 per node: AdamW moments 2 × 4 B per param, fp32 master under
        // the generic AMP profile lives in the parameters (not the optimizer): each GPU's 1/16 of
        // 8,030,261,248 × 8 B goes to its node's RAM, so a node holds 8/16 of it = 32,121,044,992 B.
        Scenario s = llama3(MethodSpec.full(WeightStorage.BF16), TrainingSpec.defaults(true)
                .withCheckpointing(Checkpointing.FULL))
                .withHardware(HardwareSpec.of(gpu, 16, Sharding.ZERO3, Offload.OPTIMIZER));
        MemoryEstimate e = estimator.estimate(s);
        assertEquals(0, e.perGpu().optimizerBytes());
        assertEquals(8_030_261_248L * 8 / 16 * 8, e.hostBytes(), 16);
    }

    @Test
    void gradientAccumulationKeepsGradientsThroughTheNextForward() {
        TrainingSpec base = TrainingSpec.defaults(false).withMicroBatchSize(4);
        MemoryEstimate one = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16), base));
        MemoryEstimate four = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16),
                base.withGradientAccumulationSteps(4)));
        assertTrue(four.perGpu().peakAllocatedBytes() > one.perGpu().peakAllocatedBytes());
    }

    @Test
    void autocastCastsANormOutputOnceForEveryLinearThatReadsIt() {
        // Autocast caches casts of leaf tensors only (ATen autocast_mode.cpp cached_cast: arg.is_leaf()), so the
        // fp32 norm output is cast to bf16 separately by q, k and v (3 copies instead of 1) and by gate and up
        // (2 instead of 1): 2·2h + 1·2h = 6h bytes more per token and block than pure bf16, everything else in the
        // generic profile (fp32 norm internals, flash attention, 2-byte activations) being the same.
        // 32 blocks × 16·2048 tokens × 6·4096 B = 25,769,803,776 B = 24 GiB; both peaks are the loss phase.
        TrainingSpec base = TrainingSpec.defaults(false).withMicroBatchSize(16);
        MemoryEstimate pure = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16), base));
        MemoryEstimate amp = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16),
                base.withMasterWeights(true)));
        assertEquals(pure.notes().get(0).args().get(0), amp.notes().get(0).args().get(0));
        assertEquals(32L * 16 * 2048 * 6 * 4096,
                amp.perGpu().activationsBytes() - pure.perGpu().activationsBytes(), 2);
        // compiled, inductor merges the casts: no difference left from them
        MemoryEstimate pureC = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16), base.withCompile(true)));
        MemoryEstimate ampC = estimator.estimate(llama3(MethodSpec.full(WeightStorage.BF16),
                base.withCompile(true).withMasterWeights(true)));
        assertEquals(pureC.perGpu().activationsBytes(), ampC.perGpu().activationsBytes(), 2);
    }

    @Test
    void partsAddUpAndTermsAddUpToTheirParts() {
        for (MethodSpec m : List.of(MethodSpec.full(WeightStorage.BF16), MethodSpec.lora(8, WeightStorage.BF16),
                MethodSpec.qlora(64), new MethodSpec(FineTuneMethod.LORA, 8, 16, Set.of(LoraTarget.Q, LoraTarget.V),
                        Set.of(), WeightStorage.BF16))) {
            for (Framework f : Framework.values()) {
                Scenario s = llama3(m, TrainingSpec.defaults(m.type() == FineTuneMethod.FULL).withFramework(f));
                MemoryEstimate e = estimator.estimate(s);
                List<MemoryTerm> terms = estimator.explain(s);
                for (MemoryComponent c : MemoryComponent.values()) {
                    long sum = terms.stream().filter(t -> t.component() == c).mapToLong(MemoryTerm::bytes).sum();
                    assertEquals(e.perGpu().bytes(c), sum, 64, m.type() + " " + f + " " + c);
                }
            }
        }
    }

    @Test
    void fitsComparesTheWholeProcessWithTheCard() {
        Scenario s = llama3(MethodSpec.full(WeightStorage.BF16), TrainingSpec.defaults(true));
        MemoryEstimate e = estimator.estimate(s.withHardware(new HardwareSpec(gpu, 1, OptionalDouble.of(1000), 1,
                Sharding.NONE, Offload.NONE)));
        assertTrue(e.fits());
        MemoryEstimate small = estimator.estimate(s.withHardware(new HardwareSpec(gpu, 1, OptionalDouble.of(40), 1,
                Sharding.NONE, Offload.NONE)));
        assertTrue(!small.fits() && small.headroomBytes() < 0);
    }
}
