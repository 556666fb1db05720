package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.memory.MemoryProbe;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.TimeTerm;

/**
 * Invariants of model-parallel layouts, losses and recompute over random valid scenarios ({@link Scenarios}), with
 * fixed seeds. Each states what the mechanism must obey whatever its constants: splitting the model never adds
 * weights to a GPU, a fused loss never holds more logits than a chunked one nor a chunked one more than the standard
 * loss, selective recompute lies between keeping everything and recomputing everything.
 */
class LayoutInvariantsTest {

    private static final MemoryEstimator MEMORY = new MemoryEstimator();
    private static final Estimator ESTIMATOR = Estimator.standard();

    @Provide
    Arbitrary<Scenarios.Case> scenarios() {
        return Scenarios.any().map(Scenarios.Case::new);
    }

    /** Degrees 1, 2, 4 … that divide both the query and the key/value heads (Megatron's rule). */
    private static int tensorDegree(Architecture a, int exponent) {
        int t = 1;
        for (int i = 0; i < exponent && a.numHeads() % (2 * t) == 0 && a.numKvHeads() % (2 * t) == 0; i++) {
            t *= 2;
        }
        return t;
    }

    @Property(tries = 1500, seed = "20261205")
    void moreTensorOrPipelineParallelismNeverRaisesTheWeightsOfAGpu(@ForAll("scenarios") Scenarios.Case sample,
                                                                     @ForAll @IntRange(min = 0, max = 3) int tp,
                                                                     @ForAll @IntRange(min = 1, max = 16) int pp) {
        Scenario s = sample.scenario();
        Architecture a = s.model().architecture();
        int t = tensorDegree(a, tp);
        int p = Math.min(pp, a.numLayers());
        ParameterCounts base = ParameterCounter.perRank(a, s.method(), new Parallelism(t, p, 1, 1, 1, false));
        ParameterCounts moreTp = ParameterCounter.perRank(a, s.method(),
                new Parallelism(tensorDegree(a, tp + 1), p, 1, 1, 1, false));
        ParameterCounts morePp = ParameterCounter.perRank(a, s.method(),
                new Parallelism(t, Math.min(p + 1, a.numLayers()), 1, 1, 1, false));
        assertTrue(moreTp.base() <= base.base() && morePp.base() <= base.base(),
                () -> "TP " + t + ", PP " + p + ": " + base + " → " + moreTp + " / " + morePp);
        assertTrue(moreTp.trainable() <= base.trainable() && morePp.trainable() <= base.trainable());
        ParameterCounts whole = ParameterCounter.count(a, s.method());
        assertEquals(whole, ParameterCounter.perRank(a, s.method(), Parallelism.NONE));
    }

    /**
     * The loss with a frozen head (LoRA, QLoRA): fused ≤ chunked ≤ standard. A trained head's weight gradient, which a
     * fused linear cross-entropy computes with the loss, is a gradient, not a logit, and is left out here.
     */
    @Property(tries = 1500, seed = "20261205")
    void aFusedLossHoldsNoMoreThanAChunkedOneAndAChunkedOneNoMoreThanTheStandard(
            @ForAll("scenarios") Scenarios.Case sample) {
        Scenario s = sample.scenario();
        Assume.that(s.method().usesAdapters() && s.method().extraTrainable().isEmpty()
                && !s.method().targets().contains(org.finetuneplanner.core.scenario.LoraTarget.LM_HEAD));
        Architecture a = s.model().architecture();
        // Liger's chunk holds about b·s·h values of the V-wide logits; it is smaller than the logits themselves
        // as long as the vocabulary is wider than the hidden size three times over (every catalog decoder)
        Assume.that(a.vocabSize() >= 3L * a.hiddenSize() + 2);
        double fused = logits(s, Loss.FUSED);
        double chunked = logits(s, Loss.CHUNKED);
        double standard = logits(s, Loss.STANDARD);
        assertTrue(fused <= chunked && chunked <= standard, () -> fused + " ≤ " + chunked + " ≤ " + standard);
    }

    private static double logits(Scenario s, Loss loss) {
        return MemoryProbe.lossBytes(s.withTraining(s.training().withLoss(loss)));
    }

    @Property(tries = 1000, seed = "20261205")
    void selectiveRecomputeLiesBetweenKeepingAndRecomputingEverything(@ForAll("scenarios") Scenarios.Case sample) {
        Scenario s = sample.scenario();
        Assume.that(s.model().architecture().numLayers() >= 2);
        Scenario none = with(s, Checkpointing.NONE);
        Scenario selective = with(s, Checkpointing.SELECTIVE);
        Scenario full = with(s, Checkpointing.FULL);
        long mNone = MEMORY.estimate(none).perGpu().peakAllocatedBytes();
        long mSelective = MEMORY.estimate(selective).perGpu().peakAllocatedBytes();
        long mFull = MEMORY.estimate(full).perGpu().peakAllocatedBytes();
        assertTrue(mFull <= mSelective && mSelective <= mNone, () -> mFull + " ≤ " + mSelective + " ≤ " + mNone);
        double tNone = ESTIMATOR.estimate(none).throughput().stepSeconds();
        double tSelective = ESTIMATOR.estimate(selective).throughput().stepSeconds();
        double tFull = ESTIMATOR.estimate(full).throughput().stepSeconds();
        assertTrue(tNone <= tSelective && tSelective <= tFull, () -> tNone + " ≤ " + tSelective + " ≤ " + tFull);
    }

    private static Scenario with(Scenario s, Checkpointing c) {
        return s.withTraining(s.training().withCheckpointing(c));
    }

    /**
     * Any valid layout estimates to finite, non-negative numbers whose explained terms add up to each memory part
     * and to the step time.
     */
    @Property(tries = 1000, seed = "20261205")
    void everyValidLayoutAddsUp(@ForAll("scenarios") Scenarios.Case sample,
                                @ForAll @IntRange(min = 0, max = 3) int tp, @ForAll @IntRange(min = 1, max = 8) int pp,
                                @ForAll @IntRange(min = 1, max = 4) int vp, @ForAll @IntRange(min = 0, max = 2) int cp,
                                @ForAll @IntRange(min = 1, max = 4) int dp, @ForAll boolean sequenceParallel) {
        Scenario s = sample.scenario();
        Architecture a = s.model().architecture();
        int t = tensorDegree(a, tp);
        int p = Math.min(pp, a.numLayers());
        int v = p > 1 && (a.numLayers() / p) % vp == 0 ? vp : 1;
        int c = s.training().sequenceLength() % (1 << cp) == 0 ? 1 << cp : 1;
        int e = a.moe().isMoe() && a.moe().experts() % 2 == 0 && (dp * c) % 2 == 0 ? 2 : 1;
        int gpus = t * p * c * dp;
        Assume.that(gpus <= 4096);
        HardwareSpec h = s.hardware();
        Scenario laid = s.withHardware(new HardwareSpec(h.gpu(), gpus, OptionalDouble.empty(), Math.max(8, t),
                h.sharding(), h.offload(), OptionalDouble.empty(), new Parallelism(t, p, v, c, e, sequenceParallel)));
        MemoryBreakdown b = MEMORY.estimate(laid).perGpu();
        List<MemoryTerm> explained = MEMORY.explain(laid);
        for (MemoryComponent part : MemoryComponent.values()) {
            List<MemoryTerm> terms = explained.stream().filter(x -> x.component() == part).toList();
            long sum = terms.stream().mapToLong(MemoryTerm::bytes).sum();
            assertTrue(b.bytes(part) >= 0 && Math.abs(b.bytes(part) - sum) <= terms.size(),
                    () -> part + ": " + terms + " vs " + b.bytes(part));
        }
        var estimate = ESTIMATOR.estimate(laid).throughput();
        assertTrue(Double.isFinite(estimate.tokensPerSecond()) && estimate.tokensPerSecond() > 0);
        double sum = ESTIMATOR.explain(laid).time().stream().mapToDouble(TimeTerm::secondsPerStep).sum();
        assertEquals(estimate.stepSeconds(), sum, 1e-9 * Math.max(1, estimate.stepSeconds()));
    }
}
