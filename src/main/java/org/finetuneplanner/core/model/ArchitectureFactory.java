package org.finetuneplanner.core.model;

import static org.finetuneplanner.core.scenario.Limits.MAX_EXPERTS;
import static org.finetuneplanner.core.scenario.Limits.MAX_HEADS;
import static org.finetuneplanner.core.scenario.Limits.MAX_HIDDEN_SIZE;
import static org.finetuneplanner.core.scenario.Limits.MAX_INTERMEDIATE_SIZE;
import static org.finetuneplanner.core.scenario.Limits.MAX_LAYERS;
import static org.finetuneplanner.core.scenario.Limits.MAX_POSITIONS;
import static org.finetuneplanner.core.scenario.Limits.MAX_VOCAB;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.ProductLimits;

/**
 * Builds an {@link Architecture} from a parsed Hugging Face {@code config.json}, or guesses one from a bare
 * parameter count. Pure; thread-safe.
 *
 * <p>Key spellings follow the {@code transformers} configuration classes of each {@code model_type}: Llama-style
 * names ({@code hidden_size}, {@code num_hidden_layers}, …), GPT-2 ({@code n_embd}, {@code n_layer}, {@code n_head},
 * {@code n_inner}, {@code n_positions}), Falcon ({@code num_kv_heads}, {@code n_head_kv}, {@code multi_query},
 * {@code new_decoder_architecture}, {@code parallel_attn}, {@code bias}), T5 ({@code d_model}, {@code d_kv},
 * {@code d_ff}, {@code num_layers}, {@code num_decoder_layers}), Phi-3-small ({@code ff_intermediate_size}),
 * MoE ({@code num_local_experts}, {@code num_experts}, {@code n_routed_experts}, {@code moe_intermediate_size},
 * {@code shared_expert_intermediate_size}, {@code n_shared_experts}, {@code first_k_dense_replace}) and
 * multimodal wrappers whose decoder sits under {@code text_config} (Gemma 3). Biases and norms per family follow
 * the modelling code of {@code transformers} (see {@code docs/methodology.md}).
 */
public final class ArchitectureFactory {

    /** Vocabulary assumed when only a parameter count is known (Llama 2 / Mistral tokenizer). */
    static final int GUESS_VOCAB = 32_000;

    private ArchitectureFactory() {
    }

    /**
     * Reads a {@code config.json}.
     *
     * @param config the parsed JSON object (numbers as any {@link Number}, booleans, nested maps)
     * @return the architecture, {@code guessed = false}
     * @throws PlannerException naming the key, its value and what is allowed (a {@link Violation}), or the keys of
     *                          a product beyond its limit ({@link ProductLimits#parameters})
     */
    public static Architecture fromConfig(Map<String, Object> config) {
        if (config == null || config.isEmpty()) {
            throw new Violation("model.config", Constraint.REQUIRED_KEYS, null, null, List.of("hidden_size",
                    "num_hidden_layers", "num_attention_heads", "intermediate_size", "vocab_size")).exception();
        }
        Keys k = new Keys(flatten(config));
        String type = k.string("model_type").toLowerCase(Locale.ROOT);
        Family f = Family.of(type, k);

        int h = k.requiredInt(MAX_HIDDEN_SIZE, "hidden_size", "n_embd", "d_model", "dim");
        int layers = k.requiredInt(MAX_LAYERS, "num_hidden_layers", "n_layer", "num_layers", "n_layers");
        int decoderLayers = 0;
        if (f == Family.T5) {
            decoderLayers = k.optInt(MAX_LAYERS, layers, "num_decoder_layers");
            layers += decoderLayers;
        }
        int heads = k.requiredInt(MAX_HEADS, "num_attention_heads", "n_head", "num_heads", "n_heads");
        int kv = kvHeads(k, f, heads);
        if (kv > heads) {
            throw new Violation("num_key_value_heads", Constraint.UP_TO_KEY, 1, heads, kv, "num_attention_heads")
                    .exception();
        }
        if (heads % kv != 0) {
            throw new Violation("num_key_value_heads", Constraint.DIVIDES_KEY, null, heads, kv,
                    "num_attention_heads").exception();
        }
        int headDim = k.optInt(MAX_HIDDEN_SIZE, 0, "head_dim", "d_kv", "attention_head_dim");
        if (headDim == 0) {
            if (h % heads != 0) {
                throw new Violation("hidden_size", Constraint.MULTIPLE_OF_KEY, null, heads, h, "num_attention_heads")
                        .exception();
            }
            headDim = h / heads;
        }
        int vocab = k.requiredInt(MAX_VOCAB, "vocab_size", "n_vocab", "padded_vocab_size");
        int defaultI = f.plainMlpDefault4h ? 4 * h : 0;
        int intermediate = k.optInt(MAX_INTERMEDIATE_SIZE, defaultI, "intermediate_size", "n_inner", "ffn_dim", "d_ff",
                "ff_intermediate_size", "ffn_hidden_size", "inner_hidden_size");
        if (intermediate == 0) {
            throw new Violation("intermediate_size", Constraint.REQUIRED, 1, MAX_INTERMEDIATE_SIZE,
                    List.of("n_inner", "ffn_dim", "d_ff", "ff_intermediate_size")).exception();
        }
        int maxPos = k.optInt(MAX_POSITIONS, 0, "max_position_embeddings", "n_positions", "n_ctx", "max_seq_len",
                "seq_length", "max_sequence_length");
        boolean tied = k.bool(f.tiedDefault, "tie_word_embeddings");
        boolean gated = f.gated(k);

        int positionRows = 0;
        if (f == Family.GPT2) {
            positionRows = maxPos == 0 ? 1024 : maxPos;
        } else if (f == Family.BERT) {
            positionRows = (maxPos == 0 ? 512 : maxPos) + k.optInt(MAX_POSITIONS, 2, "type_vocab_size");
        }

        boolean qkvBias = f.qkvBias(k);
        boolean outBias = f.outBias(k);
        boolean mlpBias = f.mlpBias(k);
        int norms = f.normsPerLayer(k);
        boolean qkNorm = f == Family.QWEN3 || f == Family.GEMMA3 || f == Family.OLMO2
                || k.bool(false, "qk_layernorm", "use_qk_norm");
        Architecture.Moe moe = moe(k, f, h, intermediate, layers);
        Architecture.Mla mla = mla(k);
        boolean parallel = f.parallel(k);
        Architecture a = new Architecture(type, h, layers, heads, kv, headDim, intermediate, vocab, tied, gated,
                f.layerNorm, norms, qkNorm, qkvBias, outBias, mlpBias, positionRows, moe, maxPos, false,
                f == Family.OLMO2, f == Family.PHI || k.bool(false, "lm_head_bias"), parallel, decoderLayers, mla);
        // Each key is within its limit; their products (layers × hidden², …) must be too.
        ProductLimits.parameters(a).ifPresent(v -> {
            throw v.exception();
        });
        return a;
    }

    /**
     * Guesses a Llama-style shape from a total parameter count: hidden size from the aspect ratio of the Llama
     * family (L ≈ h/128, so N ≈ 12·h³/128), 128-wide heads, grouped-query attention with 4 query heads per KV
     * head, a 32,000-row untied vocabulary (fewer rows below ~16M parameters), and the MLP width solved so that
     * the count comes out at {@code n}.
     *
     * @param n total parameters (1,000,000 to 100 trillion)
     * @return a guessed architecture ({@code guessed = true})
     * @throws PlannerException when {@code n} is out of range
     */
    public static Architecture guessFromParameters(long n) {
        if (n < Limits.MIN_PARAMETERS || n > Limits.MAX_PARAMETERS) {
            throw Violation.range("model.parameters", Limits.MIN_PARAMETERS, Limits.MAX_PARAMETERS, n).exception();
        }
        int vocab = GUESS_VOCAB;
        long h = Math.round(Math.cbrt(n * 128.0 / 12.0) / 256.0) * 256;
        h = Math.max(128, h);
        // Small models: the embeddings would eat the budget; keep them below half of it.
        while (h > 128 && 2L * vocab * h > n / 2) {
            h -= 128;
        }
        if (2L * vocab * h > n / 2) {
            vocab = (int) Math.max(1, n / (4 * h));
        }
        int heads = (int) Math.max(1, h / 128);
        int headDim = (int) (h / heads);
        int kv = heads >= 8 && heads % 4 == 0 ? heads / 4 : heads;
        long attn = 2 * h * (long) heads * headDim + 2 * h * (long) kv * headDim;
        long fixed = 2L * vocab * h + h;
        long layers = Math.max(1, Math.round(h / 128.0));
        long intermediate = (n - fixed - layers * (attn + 2 * h)) / (3 * h * layers);
        if (intermediate < h) {
            intermediate = Math.round(8.0 * h / 3.0);
            layers = Math.max(1, Math.round((double) (n - fixed) / (attn + 3 * h * intermediate + 2 * h)));
            intermediate = Math.max(1, (n - fixed - layers * (attn + 2 * h)) / (3 * h * layers));
        }
        return new Architecture("llama", (int) h, (int) layers, heads, kv, headDim, (int) intermediate, vocab,
                false, true, false, 2, false, false, false, false, 0, Architecture.Moe.NONE, 0, true,
                false, false, false, 0, Architecture.Mla.NONE);
    }

    private static int kvHeads(Keys k, Family f, int heads) {
        if (f == Family.FALCON) {
            int kv = k.optInt(MAX_HEADS, 0, "num_kv_heads", "n_head_kv", "num_key_value_heads");
            if (kv > 0) {
                return kv;
            }
            // transformers FalconConfig: num_kv_heads defaults to num_attention_heads; multi_query → 1 KV head.
            return k.bool(true, "multi_query") && !k.bool(false, "new_decoder_architecture") ? 1 : heads;
        }
        if (k.bool(false, "multi_query")) {
            return 1;
        }
        return k.optInt(MAX_HEADS, heads, "num_key_value_heads", "num_kv_heads", "n_head_kv", "num_query_groups",
                "n_query_groups");
    }

    private static Architecture.Moe moe(Keys k, Family f, int h, int intermediate, int layers) {
        int experts = k.optInt(MAX_EXPERTS, 0, "num_local_experts", "num_experts", "n_routed_experts",
                "moe_num_experts");
        if (experts <= 1) {
            return Architecture.Moe.NONE;
        }
        int topK = k.optInt(MAX_EXPERTS, 2, "num_experts_per_tok", "moe_top_k", "top_k");
        if (topK > experts) {
            throw new Violation("num_experts_per_tok", Constraint.UP_TO_KEY, 1, experts, topK, "num_local_experts")
                    .exception();
        }
        // Mixtral and PhiMoE give each expert intermediate_size; Qwen-MoE and DeepSeek say moe_intermediate_size.
        int expertI = k.optInt(MAX_INTERMEDIATE_SIZE, intermediate, "moe_intermediate_size",
                "expert_intermediate_size");
        int shared = 0;
        int sharedI = 0;
        int sharedWidth = k.optInt(MAX_INTERMEDIATE_SIZE, 0, "shared_expert_intermediate_size");
        if (sharedWidth > 0) {
            shared = 1;
            sharedI = sharedWidth;
        } else {
            shared = k.optInt(MAX_EXPERTS, 0, "n_shared_experts", "num_shared_experts");
            sharedI = shared > 0 ? expertI : 0;
        }
        int dense = k.optInt(MAX_LAYERS, 0, "first_k_dense_replace");
        Object mlpOnly = k.raw("mlp_only_layers");
        if (mlpOnly instanceof List<?> list) {
            dense += list.size();
        }
        if (dense > layers) {
            throw new Violation("first_k_dense_replace", Constraint.UP_TO_KEY, 0, layers, dense,
                    "num_hidden_layers").exception();
        }
        return new Architecture.Moe(experts, topK, expertI, shared, sharedI, dense);
    }

    private static Architecture.Mla mla(Keys k) {
        int kvRank = k.optInt(MAX_HIDDEN_SIZE, 0, "kv_lora_rank");
        if (kvRank == 0) {
            return Architecture.Mla.NONE;
        }
        return new Architecture.Mla(k.optInt(MAX_HIDDEN_SIZE, 0, "q_lora_rank"), kvRank,
                k.optInt(MAX_HIDDEN_SIZE, 128, "qk_nope_head_dim"), k.optInt(MAX_HIDDEN_SIZE, 64, "qk_rope_head_dim"),
                k.optInt(MAX_HIDDEN_SIZE, 128, "v_head_dim"));
    }

    /** A multimodal config keeps its decoder under text_config (Gemma 3, Llava …): the decoder's keys win. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(Map<String, Object> config) {
        Object text = config.get("text_config");
        if (!(text instanceof Map<?, ?> nested) || nested.isEmpty()) {
            return config;
        }
        Map<String, Object> merged = new HashMap<>(config);
        merged.remove("text_config");
        for (Map.Entry<?, ?> e : nested.entrySet()) {
            if (e.getValue() != null) {
                merged.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        if (config.get("model_type") != null && !(nested.get("model_type") instanceof String)) {
            merged.put("model_type", config.get("model_type"));
        }
        return merged;
    }

    /** Layout habits of a model family in {@code transformers}. */
    private enum Family {
        LLAMA(false, false, false),
        QWEN2(false, false, false),
        QWEN3(false, false, false),
        GEMMA(false, true, false),
        GEMMA2(false, true, false),
        GEMMA3(false, true, false),
        OLMO2(false, false, false),
        PHI3(false, false, false),
        PHI(true, false, false),
        STABLELM(true, false, false),
        GPT_NEOX(true, false, true),
        GPT2(true, true, true),
        BERT(true, true, true),
        FALCON(true, true, true),
        MOE_LN(true, false, false),
        T5(false, true, true);

        final boolean layerNorm;
        final boolean tiedDefault;
        final boolean plainMlpDefault4h;

        Family(boolean layerNorm, boolean tiedDefault, boolean plainMlpDefault4h) {
            this.layerNorm = layerNorm;
            this.tiedDefault = tiedDefault;
            this.plainMlpDefault4h = plainMlpDefault4h;
        }

        static Family of(String type, Keys k) {
            return switch (type) {
                case "qwen2", "qwen2_moe" -> QWEN2;
                case "qwen3", "qwen3_moe" -> QWEN3;
                case "gemma" -> GEMMA;
                case "gemma2" -> GEMMA2;
                case "gemma3", "gemma3_text" -> GEMMA3;
                case "olmo2" -> OLMO2;
                case "phi3", "phi3small" -> PHI3;
                case "phi" -> PHI;
                case "stablelm" -> STABLELM;
                case "gpt_neox" -> GPT_NEOX;
                case "gpt2", "gpt_bigcode" -> GPT2;
                case "bert", "roberta", "xlm-roberta", "distilbert", "deberta" -> BERT;
                case "falcon", "refinedweb", "refinedwebmodel", "rw" -> FALCON;
                case "phimoe" -> MOE_LN;
                case "t5", "mt5", "umt5" -> T5;
                default -> LLAMA;
            };
        }

        boolean gated(Keys k) {
            return switch (this) {
                case PHI, GPT_NEOX, GPT2, BERT, FALCON -> false;
                case T5 -> k.string("feed_forward_proj").startsWith("gated");
                default -> true;
            };
        }

        boolean qkvBias(Keys k) {
            return switch (this) {
                case QWEN2, PHI, GPT_NEOX, GPT2, BERT -> true;
                case STABLELM -> k.bool(false, "use_qkv_bias");
                case FALCON -> k.bool(false, "bias");
                case MOE_LN -> k.bool(true, "attention_bias");
                default -> k.bool(false, "attention_bias");
            };
        }

        boolean outBias(Keys k) {
            return switch (this) {
                case PHI, GPT_NEOX, GPT2, BERT -> true;
                case FALCON -> k.bool(false, "bias");
                case MOE_LN -> k.bool(true, "attention_bias");
                case QWEN2, QWEN3, STABLELM, T5 -> false;
                default -> k.bool(false, "attention_bias");
            };
        }

        boolean mlpBias(Keys k) {
            return switch (this) {
                case PHI, GPT_NEOX, GPT2, BERT -> true;
                case FALCON -> k.bool(false, "bias");
                default -> k.bool(false, "mlp_bias");
            };
        }

        int normsPerLayer(Keys k) {
            return switch (this) {
                case GEMMA2, GEMMA3 -> 4;
                case PHI -> 1;
                // Falcon-7B/RW: one input_layernorm shared by the parallel branches; the new decoder
                // architecture (40B/180B) has ln_attn and ln_mlp.
                case FALCON -> k.bool(false, "new_decoder_architecture") || k.optInt(MAX_HEADS, 0,
                        "num_kv_heads", "n_head_kv", "num_key_value_heads") > 1 || !k.bool(true, "parallel_attn")
                        ? 2 : 1;
                default -> 2;
            };
        }

        boolean parallel(Keys k) {
            return switch (this) {
                case PHI -> true;
                case GPT_NEOX -> k.bool(true, "use_parallel_residual");
                case FALCON -> k.bool(true, "parallel_attn") || k.bool(false, "new_decoder_architecture");
                default -> false;
            };
        }
    }

    /** Typed, range-checked access to config keys, with alternative spellings. */
    private static final class Keys {
        /** Longest text read as a number: "9223372036854775807" and "1.0e+19" need far fewer characters. */
        private static final int MAX_NUMBER_TEXT = 40;
        private static final int MAX_SHOWN = 60;

        private final Map<String, Object> map;

        Keys(Map<String, Object> map) {
            this.map = map;
        }

        Object raw(String key) {
            return map.get(key);
        }

        String string(String key) {
            Object v = map.get(key);
            return v == null ? "" : String.valueOf(v);
        }

        boolean bool(boolean fallback, String... keys) {
            for (String key : keys) {
                Object v = map.get(key);
                if (v == null) {
                    continue;
                }
                if (v instanceof Boolean b) {
                    return b;
                }
                if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s);
                }
                throw new Violation(key, Constraint.BOOLEAN, null, null, shown(v)).exception();
            }
            return fallback;
        }

        int requiredInt(long max, String... keys) {
            int v = optInt(max, 0, keys);
            if (v == 0) {
                throw new Violation(keys[0], Constraint.REQUIRED, 1, max, List.of(keys).subList(1, keys.length))
                        .exception();
            }
            return v;
        }

        /** The first present key as an integer in 1..max; {@code fallback} when none is present (or null). */
        int optInt(long max, int fallback, String... keys) {
            for (String key : keys) {
                Object v = map.get(key);
                if (v == null) {
                    continue;
                }
                long value = integer(key, v, max);
                return (int) value;
            }
            return fallback;
        }

        private static long integer(String key, Object v, long max) {
            BigDecimal d;
            try {
                if (v instanceof Number num) {
                    if (num instanceof Double || num instanceof Float) {
                        double x = num.doubleValue();
                        if (!Double.isFinite(x)) {
                            throw wholeNumber(key, max, shown(v));
                        }
                        d = BigDecimal.valueOf(x);
                    } else if (num instanceof BigDecimal bd) {
                        d = bd;
                    } else if (num instanceof BigInteger bi) {
                        d = new BigDecimal(bi);
                    } else {
                        d = BigDecimal.valueOf(num.longValue());
                    }
                } else if (v instanceof String s) {
                    // No integer up to max needs more characters; a longer string would only cost time to parse.
                    if (s.strip().length() > MAX_NUMBER_TEXT) {
                        throw new NumberFormatException("too long");
                    }
                    d = new BigDecimal(s.strip());
                } else {
                    throw wholeNumber(key, max, shown(v));
                }
            } catch (NumberFormatException e) {
                throw wholeNumber(key, max, "\"" + shown(v) + "\"");
            }
            if (d.signum() <= 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw wholeNumber(key, max, shown(d.stripTrailingZeros()));
            }
            if (d.stripTrailingZeros().scale() > 0) {
                // toString, not toPlainString: "1e-999999999" in plain notation is a billion zeros.
                throw wholeNumber(key, max, shown(d.stripTrailingZeros()));
            }
            return d.longValueExact();
        }

        /** {@code key} must be a whole number from 1 to {@code max}; {@code shown} is the value as written. */
        private static PlannerException wholeNumber(String key, long max, String shown) {
            return new Violation(key, Constraint.WHOLE_NUMBER, 1, max, shown).exception();
        }

        /** A value for a message, cut to {@value #MAX_SHOWN} characters (a config value may be a megabyte long). */
        private static String shown(Object v) {
            String text = String.valueOf(v);
            return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
        }
    }
}
