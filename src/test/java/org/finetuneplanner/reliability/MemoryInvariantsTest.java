package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Attention;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;

/**
 * Invariants of the estimate over random valid scenarios ({@link Scenarios}): every preset and GPU of the catalogs,
 * random method, training, hardware, data and cost. Each property states something a correct memory model must
 * obey whatever its constants are; a failure is a bug in the mechanism, not a tolerance to widen.
 */
class MemoryInvariantsTest {

    private static final MemoryEstimator MEMORY = new MemoryEstimator();
    private static final Estimator ESTIMATOR = Estimator.standard();

    @Provide
    Arbitrary<Scenarios.Case> scenarios() {
        return Scenarios.any().map(Scenarios.Case::new);
    }

    @Provide
    Arbitrary<Scenarios.Case> adapterScenarios() {
        return Scenarios.adapters().map(Scenarios.Case::new);
    }

    /** Every number of the answer is finite and non-negative, and the memory parts never overflow. */
    @Property(tries = 2000, seed = "20261129")
    void resultsAreFiniteAndNonNegative(@ForAll("scenarios") Scenarios.Case sample) {
        Answers.assertFiniteAndNonNegative(ESTIMATOR.estimate(sample.scenario()), sample.toString());
    }

    /**
     * The parts add up: the explained terms of each part sum to the part, the six live parts to
     * {@code peak_allocated}; reserved ≥ allocated and total ≥ reserved.
     */
    @Property(tries = 2000, seed = "20261129")
    void thePartsAddUpToThePeak(@ForAll("scenarios") Scenarios.Case sample) {
        Scenario s = sample.scenario();
        MemoryEstimate m = MEMORY.estimate(s);
        MemoryBreakdown b = m.perGpu();
        List<MemoryTerm> explained = MEMORY.explain(s);
        for (MemoryComponent c : MemoryComponent.values()) {
            // Each term and each part is rounded to whole bytes on its own: at most one byte per term apart.
            List<MemoryTerm> terms = explained.stream().filter(t -> t.component() == c).toList();
            long sum = terms.stream().mapToLong(MemoryTerm::bytes).sum();
            assertTrue(Math.abs(b.bytes(c) - sum) <= terms.size(), () -> c + ": the terms " + terms
                    + " add up to " + sum + ", the part is " + b.bytes(c));
        }
        assertEquals(b.weightsBytes() + b.gradientsBytes() + b.optimizerBytes() + b.activationsBytes()
                + b.logitsBytes() + b.buffersBytes(), b.peakAllocatedBytes());
        assertTrue(b.peakReservedBytes() >= b.peakAllocatedBytes());
        assertTrue(b.totalBytes() >= b.peakReservedBytes());
    }

    @Property(tries = 1500, seed = "20261129")
    void memoryNeverFallsWhenTheMicroBatchGrows(@ForAll("scenarios") Scenarios.Case sample,
                                                @ForAll @IntRange(min = 1, max = 32) int more) {
        Scenario s = sample.scenario();
        TrainingSpec larger = s.training().withMicroBatchSize(s.training().microBatchSize() + more);
        Assume.that(Scenarios.admitted(s, larger));
        assertNotLess(s, s.withTraining(larger), "micro-batch +" + more);
    }

    @Property(tries = 1500, seed = "20261129")
    void memoryNeverFallsWhenTheSequenceGrows(@ForAll("scenarios") Scenarios.Case sample,
                                              @ForAll @IntRange(min = 1, max = 8192) int more) {
        Scenario s = sample.scenario();
        TrainingSpec longer = s.training().withSequenceLength(s.training().sequenceLength() + more);
        Assume.that(Scenarios.admitted(s, longer));
        assertNotLess(s, s.withTraining(longer), "sequence +" + more);
    }

    @Property(tries = 1500, seed = "20261129")
    void memoryNeverFallsWhenTheLoraRankGrows(@ForAll("adapterScenarios") Scenarios.Case sample,
                                              @ForAll @IntRange(min = 1, max = 256) int more) {
        Scenario s = sample.scenario();
        MethodSpec higher = s.method().withRank(s.method().rank() + more);
        // The rank may not exceed the smallest layer it adapts; a higher one is no scenario to compare.
        Assume.that(Scenarios.admitted(s.model(), higher, s.training()));
        assertNotLess(s, s.withMethod(higher), "rank +" + more);
    }

    /**
     * Under ZeRO-3 / FSDP full shard every model state is divided by the GPU count, so adding GPUs never raises
     * the memory of one GPU. From one GPU to several the job gains NCCL's communicators, so the property starts at
     * two GPUs.
     */
    @Property(tries = 1500, seed = "20261129")
    void perGpuMemoryNeverGrowsWhenGpusAreAddedUnderFullSharding(@ForAll("scenarios") Scenarios.Case sample,
                                                                 @ForAll boolean fsdp,
                                                                 @ForAll @IntRange(min = 2, max = 256) int count,
                                                                 @ForAll @IntRange(min = 1, max = 256) int more) {
        Scenario s = sample.scenario();
        Scenario fewer = s.withHardware(s.hardware().withSharding(fsdp ? Sharding.FSDP : Sharding.ZERO3)
                .withGpuCount(count));
        Scenario many = fewer.withHardware(fewer.hardware().withGpuCount(count + more));
        long a = MEMORY.estimate(fewer).perGpu().totalBytes();
        long b = MEMORY.estimate(many).perGpu().totalBytes();
        assertTrue(b <= a, () -> (count + more) + " GPUs need " + gib(b) + " GiB each, " + count + " GPUs "
                + gib(a) + " GiB\n" + MEMORY.estimate(fewer).perGpu() + "\n" + MEMORY.estimate(many).perGpu());
    }

    /**
     * The weights of QLoRA (NF4) ≤ LoRA (base weights in the compute precision) ≤ full fine-tuning. LoRA adds its
     * own trainable weights (the adapters r·(d_in + d_out) and any extra trainable module) beside the frozen base,
     * so when they are many (a high rank on a small model) LoRA's weights may exceed full fine-tuning's by those: at
     * most 6 bytes per trainable parameter (an fp32 master and its 16-bit autocast copy).
     */
    @Property(tries = 1500, seed = "20261129")
    void qloraWeighsNoMoreThanLoraWhichWeighsNoMoreThanFull(@ForAll("scenarios") Scenarios.Case sample) {
        // One GPU: under ZeRO-3/FSDP the base weights are divided by the GPU count but QLoRA's dequantised working
        // copy of one linear layer is not, so across many GPUs that copy outweighs the 4-bit savings on a shard
        // (llama-2-7b on 64 GPUs: 0.24 GiB against LoRA's 0.20 GiB), which is right.
        Scenario s = sample.scenario().withHardware(HardwareSpec.single(sample.scenario().hardware().gpu()));
        WeightStorage storage = WeightStorage.forCompute(s.training().precision());
        MethodSpec m = s.method();
        Scenario full = s.withMethod(m.withType(FineTuneMethod.FULL).withBaseWeights(storage));
        Scenario lora = s.withMethod(m.withType(FineTuneMethod.LORA).withBaseWeights(storage));
        Scenario qlora = s.withMethod(m.withType(FineTuneMethod.QLORA).withBaseWeights(WeightStorage.NF4));
        long wFull = MEMORY.estimate(full).perGpu().weightsBytes();
        long wLora = MEMORY.estimate(lora).perGpu().weightsBytes();
        long wQlora = MEMORY.estimate(qlora).perGpu().weightsBytes();
        long trainable = ParameterCounter.count(lora.model().architecture(), lora.method()).trainable();
        ParameterCounts counts = ParameterCounter.count(s.model().architecture(), m);
        // PEFT's prepare_model_for_kbit_training casts every non-quantised parameter (embeddings, LM head, norms)
        // to fp32, so QLoRA saves memory only when the quantised linear layers (here 3× the rest) outweigh that
        // upcast and the dequantised working copy: true of LLMs, not of embedding-heavy toys (1M parameters, half of
        // them embeddings).
        boolean linearDominates = counts.linear() >= 3 * (counts.embedding() + counts.other());
        assertTrue(!linearDominates || wQlora <= wLora, () -> "QLoRA weights " + gib(wQlora) + " GiB > LoRA "
                + gib(wLora) + " GiB\n"
                + weightTerms(qlora) + "\n" + weightTerms(lora));
        assertTrue(wLora <= wFull + 6 * trainable, () -> "LoRA weights " + gib(wLora) + " GiB > full " + gib(wFull)
                + " GiB + 6 B × " + trainable + " trainable\n" + weightTerms(lora) + "\n" + weightTerms(full));
    }

    private static List<MemoryTerm> weightTerms(Scenario s) {
        return MEMORY.explain(s).stream().filter(t -> t.component() == MemoryComponent.WEIGHTS).toList();
    }

    /**
     * Checkpointing keeps fewer tensors for backward: it never raises the activations nor the peak; offloading the
     * checkpoints never raises them above full checkpointing.
     */
    @Property(tries = 1500, seed = "20261129")
    void checkpointingNeverRaisesActivations(@ForAll("scenarios") Scenarios.Case sample) {
        Scenario s = sample.scenario();
        TrainingSpec t = s.training();
        Scenario withNone = s.withTraining(t.withCheckpointing(Checkpointing.NONE));
        Scenario withFull = s.withTraining(t.withCheckpointing(Checkpointing.FULL));
        Scenario withOffload = s.withTraining(t.withCheckpointing(Checkpointing.OFFLOAD));
        assertPeakNotAbove(withFull, withNone, "full checkpointing");
        assertPeakNotAbove(withOffload, withFull, "offloaded checkpointing");
        // The parts are those at the moment of the peak, and checkpointing can move the peak: from the loss
        // (logits) to the start of backward (activation gradients join), or to its end (all gradients present).
        // The activations are compared where the peak falls in the same phase; the peak itself always (above).
        long none = activations(withNone);
        long full = activations(withFull);
        long offload = activations(withOffload);
        if (samePhase(withFull, withNone)) {
            assertTrue(full <= none, () -> "full checkpointing " + gib(full) + " GiB > none " + gib(none) + " GiB");
        }
        if (!samePhase(withOffload, withFull)) {
            return;
        }
        assertTrue(offload <= full, () -> "offloaded " + gib(offload) + " GiB > full " + gib(full) + " GiB");
    }

    /** Flash attention never materialises the b·a·s² scores: it never raises the activations. */
    @Property(tries = 1500, seed = "20261129")
    void flashAttentionNeverRaisesActivations(@ForAll("scenarios") Scenarios.Case sample) {
        Scenario s = sample.scenario();
        TrainingSpec t = s.training();
        // Eager attention's b·a·s²·L scores have a limit of their own; beyond it there is no eager scenario.
        Assume.that(Scenarios.admitted(s, t.withAttention(Attention.EAGER)));
        Scenario withFlash = s.withTraining(t.withAttention(Attention.FLASH));
        Scenario withEager = s.withTraining(t.withAttention(Attention.EAGER));
        assertPeakNotAbove(withFlash, withEager, "flash attention");
        // As with checkpointing, the parts are those at the moment of the peak: the b·a·s² scores can move the
        // peak of eager attention to another phase of the step (say from the optimizer step to backward), where the
        // activations alive are a different set. They are compared when both peaks fall in the same phase.
        if (!samePhase(withFlash, withEager)) {
            return;
        }
        long flash = activations(withFlash);
        long eager = activations(withEager);
        assertTrue(flash <= eager, () -> "flash " + gib(flash) + " GiB > eager " + gib(eager) + " GiB");
    }

    private static void assertPeakNotAbove(Scenario lower, Scenario higher, String what) {
        long a = MEMORY.estimate(lower).perGpu().peakAllocatedBytes();
        long b = MEMORY.estimate(higher).perGpu().peakAllocatedBytes();
        assertTrue(a <= b, () -> what + " raised peak_allocated from " + gib(b) + " to " + gib(a) + " GiB");
    }

    /** Whether both peaks fall in the same phase of the step (the estimator's first note says which). */
    private static boolean samePhase(Scenario a, Scenario b) {
        return phase(a).equals(phase(b));
    }

    private static String phase(Scenario s) {
        return MEMORY.estimate(s).notes().stream().filter(n -> n.code().equals("memory.peak_phase"))
                .map(n -> String.valueOf(n.args().get(0))).findFirst().orElse("");
    }

    private static long activations(Scenario s) {
        return MEMORY.estimate(s).perGpu().activationsBytes();
    }

    private static void assertNotLess(Scenario smaller, Scenario larger, String change) {
        MemoryBreakdown a = MEMORY.estimate(smaller).perGpu();
        MemoryBreakdown b = MEMORY.estimate(larger).perGpu();
        assertTrue(b.peakAllocatedBytes() >= a.peakAllocatedBytes(), () -> change + ": peak_allocated fell from "
                + gib(a.peakAllocatedBytes()) + " to " + gib(b.peakAllocatedBytes()) + " GiB\n" + a + "\n" + b);
        assertTrue(b.totalBytes() >= a.totalBytes(), () -> change + ": total fell from " + gib(a.totalBytes())
                + " to " + gib(b.totalBytes()) + " GiB\n" + a + "\n" + b);
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.3f", bytes / 1073741824.0);
    }
}
