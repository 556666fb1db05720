package org.finetuneplanner.core.scenario;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * What is trained. For {@link FineTuneMethod#FULL} the LoRA fields are kept (so switching back restores them)
 * but ignored by the estimators.
 *
 * @param type           full, LoRA or QLoRA
 * @param rank           LoRA rank r (≥ 1)
 * @param alpha          LoRA scale α (does not change memory or time)
 * @param targets        linear layers that get adapters; never empty
 * @param extraTrainable modules trained in full beside the adapters
 * @param baseWeights    storage of the frozen base weights
 * @param doubleQuant    NF4 with double quantisation: the fp32 absmax of each 64 weights is itself quantised to
 *                       8 bit (4.127 bit per weight, else 4.5; Dettmers et al. 2023 §2; bitsandbytes
 *                       {@code compress_statistics}); only NF4 base weights read it
 */
public record MethodSpec(FineTuneMethod type, int rank, int alpha, Set<LoraTarget> targets,
                         Set<ExtraTrainable> extraTrainable, WeightStorage baseWeights, boolean doubleQuant) {

    public MethodSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(baseWeights, "baseWeights");
        Checks.range("method.rank", rank, 1, Limits.MAX_RANK);
        Checks.range("method.alpha", alpha, 1, Limits.MAX_ALPHA);
        if (targets == null || targets.isEmpty()) {
            throw new Violation("method.targets", Constraint.NOT_EMPTY, null, null, null).exception();
        }
        targets = Set.copyOf(EnumSet.copyOf(targets));
        extraTrainable = extraTrainable == null || extraTrainable.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(extraTrainable));
    }

    /** A method with NF4 double quantisation (the QLoRA paper's setting). */
    public MethodSpec(FineTuneMethod type, int rank, int alpha, Set<LoraTarget> targets,
                      Set<ExtraTrainable> extraTrainable, WeightStorage baseWeights) {
        this(type, rank, alpha, targets, extraTrainable, baseWeights, true);
    }

    /** All linear layers of a decoder block (PEFT's {@code all-linear} leaves out the LM head). */
    public static Set<LoraTarget> allLinear() {
        return EnumSet.range(LoraTarget.Q, LoraTarget.DOWN);
    }

    /** Full fine-tuning with the base weights in {@code storage}. */
    public static MethodSpec full(WeightStorage storage) {
        return new MethodSpec(FineTuneMethod.FULL, 16, 32, allLinear(), Set.of(), storage);
    }

    /** LoRA of rank {@code rank}, α = 2r, on all linear layers, base weights in {@code storage}. */
    public static MethodSpec lora(int rank, WeightStorage storage) {
        return new MethodSpec(FineTuneMethod.LORA, rank, 2 * rank, allLinear(), Set.of(), storage);
    }

    /** QLoRA of rank {@code rank}, α = 2r, on all linear layers, NF4 base weights. */
    public static MethodSpec qlora(int rank) {
        return new MethodSpec(FineTuneMethod.QLORA, rank, 2 * rank, allLinear(), Set.of(), WeightStorage.NF4);
    }

    public boolean usesAdapters() {
        return type != FineTuneMethod.FULL;
    }

    public MethodSpec withType(FineTuneMethod newType) {
        return new MethodSpec(newType, rank, alpha, targets, extraTrainable, baseWeights, doubleQuant);
    }

    public MethodSpec withRank(int newRank) {
        return new MethodSpec(type, newRank, alpha, targets, extraTrainable, baseWeights, doubleQuant);
    }

    public MethodSpec withBaseWeights(WeightStorage storage) {
        return new MethodSpec(type, rank, alpha, targets, extraTrainable, storage, doubleQuant);
    }

    public MethodSpec withDoubleQuant(boolean value) {
        return new MethodSpec(type, rank, alpha, targets, extraTrainable, baseWeights, value);
    }
}
