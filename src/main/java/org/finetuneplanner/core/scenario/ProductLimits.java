package org.finetuneplanner.core.scenario;

import static org.finetuneplanner.core.Violation.times;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.model.ParameterCounter;

/**
 * Checks the limits of {@link Limits} on products of inputs: the parameters of the model (when a {@link ModelSpec}
 * is made) and those trained, the LoRA rank against the layers it adapts, and the tensors one micro-batch makes
 * (logits, activations, eager attention's scores). {@link Scenario} refuses a scenario that breaks one; the planner
 * asks first, so its searches stay within them. Each failure is a {@link Violation} naming the keys of the product
 * and the limit.
 *
 * <p>Products are taken in doubles: every factor is a positive whole number within its own limit, so a product
 * below a limit (≤ 2^53) is exact, and one above it is finite and still above. Pure; thread-safe; a few dozen
 * multiplications per scenario (the planner builds hundreds per slider tick), the model's parameters counted once
 * per model.
 */
public final class ProductLimits {

    /**
     * A scenario whose parts break a product limit: what {@link Scenario} throws, so that a search over sizes (the
     * planner's largest micro-batch or sequence) can count a size beyond the limits as not fitting without checking
     * the limits a second time.
     */
    public static final class Exceeded extends PlannerException {
        private static final long serialVersionUID = 1L;

        Exceeded(Violation violation) {
            super(violation);
        }
    }

    private static final MethodSpec FULL = MethodSpec.full(WeightStorage.BF16);
    private static final String BATCH = "training.micro_batch_size";
    private static final String SEQUENCE = "training.sequence_length";
    private static final String HEADS = "num_attention_heads";
    private static final String HIDDEN = "hidden_size";
    private static final String INTERMEDIATE = "intermediate_size";
    private static final String QUERY_WIDTH = times(HEADS, "head_dim");
    private static final String KV_WIDTH = times("num_key_value_heads", "head_dim");
    private static final String MLA_QUERY_WIDTH = times(HEADS, "(qk_nope_head_dim + qk_rope_head_dim)");
    private static final String MLA_KV_WIDTH = times(HEADS, "(qk_nope_head_dim + v_head_dim)");
    private static final String MLA_VALUE_WIDTH = times(HEADS, "v_head_dim");
    private static final String ROUTED_WIDTH = "(" + times("num_experts_per_tok", "moe_intermediate_size") + " + "
            + times("n_shared_experts", "shared_expert_intermediate_size") + ")";
    private static final String ROUTED_COPIES = times("num_experts_per_tok", HIDDEN);
    private static final String TRAINED = String.join(", ", List.of("method.targets", "method.extra_trainable"));

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
     * The first product limit that a scenario of these parts breaks, or empty: the rank, the parameters trained,
     * then the micro-batch's logits, activations and attention scores (the model's own parameters were checked when
     * {@code model} was made).
     */
    public static Optional<Violation> check(ModelSpec model, MethodSpec m, TrainingSpec t) {
        Architecture a = model.architecture();
        if (m.usesAdapters()) {
            // The rank first: with it within the adapted layers' sizes the adapters cannot overflow their count.
            Dimension smallest = smallestAdapted(a, m.targets());
            if (m.rank() > smallest.size()) {
                return Optional.of(new Violation("method.rank", Constraint.UP_TO_KEY, 1, smallest.size(), m.rank(),
                        smallest.key()));
            }
            long trained = ParameterCounter.adapterParameters(a, m.rank(), m.targets())
                    + ParameterCounter.extraTrainable(a, m.extraTrainable());
            if (trained > Limits.MAX_PARAMETERS) {
                return Optional.of(new Violation("method.rank", Constraint.TRAINABLE_AT_MOST, null,
                        Limits.MAX_PARAMETERS, trained, TRAINED));
            }
        }
        return microBatch(a, m, t);
    }

    /**
     * Whether the model's own parameters (without adapters) are within {@link Limits#MAX_PARAMETERS}; the
     * violation names the config keys they are counted from. {@link ModelSpec} checks this when it is made.
     */
    public static Optional<Violation> parameters(Architecture a) {
        long base = ParameterCounter.count(a, FULL).total();
        return base > Limits.MAX_PARAMETERS ? Optional.of(new Violation("model.config",
                Constraint.PARAMETERS_AT_MOST, null, Limits.MAX_PARAMETERS, base, keys(a))) : Optional.empty();
    }

    /**
     * The smallest {@code min(d_in, d_out)} over the matrices that get adapters: a LoRA rank above it adds more
     * parameters than the matrix it adapts and cannot raise the update's rank. Layers the model does not have
     * (a gate in a plain MLP) are skipped; with no such layer, the hidden size.
     */
    public static Dimension smallestAdapted(Architecture a, Set<LoraTarget> targets) {
        Smallest smallest = new Smallest(HIDDEN, a.hiddenSize());
        Architecture.Mla mla = a.mla();
        for (LoraTarget target : targets) {
            // The other side of each matrix is the hidden size, already offered.
            switch (target) {
                case Q -> {
                    if (!mla.isMla()) {
                        smallest.offer(QUERY_WIDTH, a.queryWidth());
                    } else {
                        if (mla.qLoraRank() > 0) {
                            smallest.offer("q_lora_rank", mla.qLoraRank());
                        }
                        smallest.offer(MLA_QUERY_WIDTH, mlaQueryWidth(a));
                    }
                }
                case K, V -> {
                    if (!mla.isMla()) {
                        smallest.offer(KV_WIDTH, a.kvWidth());
                    } else {
                        smallest.offer("kv_lora_rank", mla.kvLoraRank());
                        smallest.offer(MLA_KV_WIDTH, (long) a.numHeads() * (mla.qkNopeHeadDim() + mla.vHeadDim()));
                    }
                }
                case O -> smallest.offer(mla.isMla() ? MLA_VALUE_WIDTH : QUERY_WIDTH,
                        mla.isMla() ? (long) a.numHeads() * mla.vHeadDim() : a.queryWidth());
                case GATE, UP, DOWN -> {
                    if (target != LoraTarget.GATE || a.gatedMlp()) {
                        offerMlpWidths(a, smallest);
                    }
                }
                case LM_HEAD -> smallest.offer("vocab_size", a.vocabSize());
            }
        }
        return new Dimension(smallest.key, smallest.size);
    }

    /** The MLP widths a gate, up or down adapter meets: the dense MLP, the routed and the shared experts. */
    private static void offerMlpWidths(Architecture a, Smallest smallest) {
        Architecture.Moe moe = a.moe();
        if (!moe.isMoe() || moe.denseLayers() > 0) {
            smallest.offer(INTERMEDIATE, a.intermediateSize());
        }
        if (moe.isMoe()) {
            smallest.offer("moe_intermediate_size", moe.expertIntermediate());
            if (moe.sharedExperts() > 0) {
                smallest.offer("shared_expert_intermediate_size", moe.sharedIntermediate());
            }
        }
    }

    /** The query width of multi-head latent attention: heads × (no-rotary + rotary part). */
    private static long mlaQueryWidth(Architecture a) {
        return (long) a.numHeads() * (a.mla().qkNopeHeadDim() + a.mla().qkRopeHeadDim());
    }

    /** The smallest dimension offered so far (the first of equal ones). */
    private static final class Smallest {
        private String key;
        private long size;

        Smallest(String key, long size) {
            this.key = key;
            this.size = size;
        }

        void offer(String otherKey, long otherSize) {
            if (otherSize < size) {
                key = otherKey;
                size = otherSize;
            }
        }
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
        Dimension widest = new Dimension(HIDDEN, a.hiddenSize());
        widest = wider(widest, new Dimension(QUERY_WIDTH, a.queryWidth()));
        if (a.mla().isMla()) {
            widest = wider(widest, new Dimension(MLA_QUERY_WIDTH, mlaQueryWidth(a)));
        }
        Architecture.Moe moe = a.moe();
        if (!moe.isMoe() || moe.denseLayers() > 0) {
            widest = wider(widest, new Dimension(INTERMEDIATE, a.intermediateSize()));
        }
        if (moe.isMoe()) {
            widest = wider(widest, new Dimension(ROUTED_WIDTH, (long) moe.expertsPerToken() * moe.expertIntermediate()
                    + (long) moe.sharedExperts() * moe.sharedIntermediate()));
            widest = wider(widest, new Dimension(ROUTED_COPIES,
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

    /** The config keys a parameter count comes from. */
    private static String keys(Architecture a) {
        List<String> keys = new ArrayList<>(List.of("num_hidden_layers", HIDDEN, HEADS, INTERMEDIATE, "vocab_size"));
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
