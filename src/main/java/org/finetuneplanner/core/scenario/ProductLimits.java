package org.finetuneplanner.core.scenario;

import static org.finetuneplanner.core.Violation.times;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ParameterCounter;
import org.finetuneplanner.core.model.ParameterCounts;

/**
 * Checks the limits of {@link Limits} on products of inputs: the parameters of the model and those trained, the
 * LoRA rank against the layers it adapts, and the tensors one micro-batch makes (logits, activations, eager
 * attention's scores). {@link Scenario} refuses a scenario that breaks one; the planner asks first, so its searches
 * stay within them. Each failure is a {@link Violation} naming the keys of the product and the limit.
 *
 * <p>Products are taken in doubles: every factor is a positive whole number within its own limit, so a product
 * below a limit (≤ 2^53) is exact, and one above it is finite and still above. Pure; thread-safe; one parameter
 * count per call.
 */
public final class ProductLimits {

    private static final MethodSpec FULL = MethodSpec.full(WeightStorage.BF16);
    private static final String BATCH = "training.micro_batch_size";
    private static final String SEQUENCE = "training.sequence_length";
    private static final String HEADS = "num_attention_heads";

    private ProductLimits() {
    }

    /**
     * One dimension of a layer, for the rank check.
     *
     * @param key  the key (or product of keys) it comes from, {@code num_key_value_heads × head_dim}
     * @param size its size
     */
    public record Dimension(String key, long size) {
    }

    /**
     * The first product limit that a scenario of these parts breaks, or empty: the model's parameters, the rank,
     * the parameters trained, then the micro-batch's logits, activations and attention scores.
     */
    public static Optional<Violation> check(Architecture a, MethodSpec m, TrainingSpec t) {
        if (!m.usesAdapters()) {
            Optional<Violation> base = parameters(a);
            return base.isPresent() ? base : microBatch(a, m, t);
        }
        // The rank first: with it within the adapted layers' sizes the adapters cannot overflow the count.
        Dimension smallest = smallestAdapted(a, m.targets());
        if (m.rank() > smallest.size()) {
            return Optional.of(new Violation("method.rank", Constraint.UP_TO_KEY, 1, smallest.size(), m.rank(),
                    smallest.key()));
        }
        ParameterCounts counts = ParameterCounter.count(a, m);
        if (counts.base() > Limits.MAX_PARAMETERS) {
            return Optional.of(tooManyParameters("model.config", keys(a), counts.base()));
        }
        if (counts.trainable() > Limits.MAX_PARAMETERS) {
            return Optional.of(new Violation("method.rank", Constraint.TRAINABLE_AT_MOST, null,
                    Limits.MAX_PARAMETERS, counts.trainable(), String.join(", ", List.of("method.targets",
                    "method.extra_trainable"))));
        }
        return microBatch(a, m, t);
    }

    /**
     * Whether the model's own parameters (without adapters) are within {@link Limits#MAX_PARAMETERS}; the
     * violation names the config keys they are counted from.
     */
    public static Optional<Violation> parameters(Architecture a) {
        long base = ParameterCounter.count(a, FULL).total();
        return base > Limits.MAX_PARAMETERS ? Optional.of(tooManyParameters("model.config", keys(a), base))
                : Optional.empty();
    }

    /**
     * The smallest {@code min(d_in, d_out)} over the matrices that get adapters: a LoRA rank above it adds more
     * parameters than the matrix it adapts and cannot raise the update's rank. Layers the model does not have
     * (a gate in a plain MLP) are skipped; with no such layer, the hidden size.
     */
    public static Dimension smallestAdapted(Architecture a, Set<LoraTarget> targets) {
        Dimension smallest = new Dimension("hidden_size", a.hiddenSize());
        for (LoraTarget target : targets) {
            for (Dimension d : dimensions(a, target)) {
                if (d.size() < smallest.size()) {
                    smallest = d;
                }
            }
        }
        return smallest;
    }

    /** The dimensions other than the hidden size of the matrices of {@code target} (d_in or d_out is h). */
    private static Dimension[] dimensions(Architecture a, LoraTarget target) {
        Architecture.Mla mla = a.mla();
        Architecture.Moe moe = a.moe();
        return switch (target) {
            case Q -> !mla.isMla() ? new Dimension[] {queryWidth(a)} : mla.qLoraRank() > 0
                    ? new Dimension[] {new Dimension("q_lora_rank", mla.qLoraRank()), mlaQuery(a)}
                    : new Dimension[] {mlaQuery(a)};
            case K, V -> mla.isMla() ? new Dimension[] {new Dimension("kv_lora_rank", mla.kvLoraRank()),
                    new Dimension(times(HEADS, "(qk_nope_head_dim + v_head_dim)"),
                            (long) a.numHeads() * (mla.qkNopeHeadDim() + mla.vHeadDim()))}
                    : new Dimension[] {new Dimension(times("num_key_value_heads", "head_dim"), a.kvWidth())};
            case O -> mla.isMla() ? new Dimension[] {new Dimension(times(HEADS, "v_head_dim"),
                    (long) a.numHeads() * mla.vHeadDim())} : new Dimension[] {queryWidth(a)};
            case GATE, UP, DOWN -> target == LoraTarget.GATE && !a.gatedMlp() ? new Dimension[0] : mlpWidths(a, moe);
            case LM_HEAD -> new Dimension[] {new Dimension("vocab_size", a.vocabSize())};
        };
    }

    private static Dimension queryWidth(Architecture a) {
        return new Dimension(times(HEADS, "head_dim"), a.queryWidth());
    }

    /** The query width of multi-head latent attention: heads × (no-rotary + rotary part). */
    private static Dimension mlaQuery(Architecture a) {
        return new Dimension(times(HEADS, "(qk_nope_head_dim + qk_rope_head_dim)"),
                (long) a.numHeads() * (a.mla().qkNopeHeadDim() + a.mla().qkRopeHeadDim()));
    }

    private static Dimension[] mlpWidths(Architecture a, Architecture.Moe moe) {
        if (!moe.isMoe()) {
            return new Dimension[] {new Dimension("intermediate_size", a.intermediateSize())};
        }
        Dimension expert = new Dimension("moe_intermediate_size", moe.expertIntermediate());
        Dimension dense = new Dimension("intermediate_size", a.intermediateSize());
        Dimension shared = new Dimension("shared_expert_intermediate_size", moe.sharedIntermediate());
        if (moe.sharedExperts() > 0) {
            return moe.denseLayers() > 0 ? new Dimension[] {expert, dense, shared} : new Dimension[] {expert, shared};
        }
        return moe.denseLayers() > 0 ? new Dimension[] {expert, dense} : new Dimension[] {expert};
    }

    /** The micro-batch's logits, the activations its blocks keep, and eager attention's scores. */
    private static Optional<Violation> microBatch(Architecture a, MethodSpec m, TrainingSpec t) {
        long max = Limits.MAX_MICRO_BATCH_ELEMENTS;
        long b = t.microBatchSize();
        long s = t.sequenceLength();
        if ((double) b * s * a.vocabSize() > max) {
            return Optional.of(Violation.productAtMost(BATCH, times(BATCH, SEQUENCE, "vocab_size"), max,
                    product(b, s, a.vocabSize())));
        }
        Dimension w = widest(a, m);
        if ((double) b * s * a.numLayers() * w.size() > max) {
            return Optional.of(Violation.productAtMost(BATCH, times(BATCH, SEQUENCE, "num_hidden_layers", w.key()),
                    max, product(b, s, a.numLayers(), w.size())));
        }
        if (t.attention() == Attention.EAGER && (double) b * a.numHeads() * s * s * a.numLayers() > max) {
            return Optional.of(Violation.productAtMost(SEQUENCE, times(BATCH, HEADS, SEQUENCE + "²",
                    "num_hidden_layers"), max, product(b, a.numHeads(), s, s, a.numLayers())));
        }
        return Optional.empty();
    }

    /**
     * The widest tensor per token a block keeps for backward: the hidden size, the attention's projections, the
     * MLP (top-k routed plus shared experts in a mixture of experts), the tokens' copies for their experts and
     * the router's logits.
     */
    private static Dimension widest(Architecture a, MethodSpec m) {
        Dimension widest = new Dimension("hidden_size", a.hiddenSize());
        widest = wider(widest, queryWidth(a));
        if (a.mla().isMla()) {
            widest = wider(widest, mlaQuery(a));
        }
        Architecture.Moe moe = a.moe();
        if (!moe.isMoe() || moe.denseLayers() > 0) {
            widest = wider(widest, new Dimension("intermediate_size", a.intermediateSize()));
        }
        if (moe.isMoe()) {
            widest = wider(widest, new Dimension("(" + times("num_experts_per_tok", "moe_intermediate_size") + " + "
                    + times("n_shared_experts", "shared_expert_intermediate_size") + ")",
                    (long) moe.expertsPerToken() * moe.expertIntermediate()
                            + (long) moe.sharedExperts() * moe.sharedIntermediate()));
            widest = wider(widest, new Dimension(times("num_experts_per_tok", "hidden_size"),
                    (long) moe.expertsPerToken() * a.hiddenSize()));
            widest = wider(widest, new Dimension("num_local_experts", moe.experts()));
        }
        if (m.usesAdapters()) {
            widest = wider(widest, new Dimension("method.rank", m.rank()));
        }
        return widest;
    }

    private static Dimension wider(Dimension a, Dimension b) {
        return b.size() > a.size() ? b : a;
    }

    private static Violation tooManyParameters(String key, String keys, long count) {
        return new Violation(key, Constraint.PARAMETERS_AT_MOST, null, Limits.MAX_PARAMETERS, count, keys);
    }

    /** The config keys a parameter count comes from. */
    private static String keys(Architecture a) {
        List<String> keys = new ArrayList<>(List.of("num_hidden_layers", "hidden_size", HEADS, "intermediate_size",
                "vocab_size"));
        if (a.moe().isMoe()) {
            keys.addAll(List.of("num_local_experts", "moe_intermediate_size"));
        }
        return String.join(", ", keys);
    }

    /** The exact product, for the message (only on the way to refusing). */
    private static BigInteger product(long... factors) {
        BigInteger p = BigInteger.ONE;
        for (long f : factors) {
            p = p.multiply(BigInteger.valueOf(f));
        }
        return p;
    }
}
