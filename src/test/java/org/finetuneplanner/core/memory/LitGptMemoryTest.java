package org.finetuneplanner.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.finetuneplanner.core.PlanFixtures;
import org.finetuneplanner.core.explain.Input;
import org.finetuneplanner.core.explain.TermId;
import org.finetuneplanner.core.model.ArchitectureFactory;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.scenario.CostSpec;
import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

/**
 * What LitGPT (through Lightning Fabric) keeps that a generic PyTorch count misses, worked by hand from the code
 * (LitGPT {@code lit_gpt/lora.py} and {@code finetune/lora.py} at 8641822, the commit of its resource tables;
 * Lightning 2.1.0 {@code fabric/plugins/precision/half.py}, {@code bitsandbytes.py}, {@code fsdp.py}), on the
 * shapes of the resource tables' Llama-2-7B and StableLM-Alpha-3B with LitGPT's LoRA defaults (r 8 on q and v,
 * dropout 0.05).
 */
class LitGptMemoryTest {

    private final MemoryEstimator estimator = new MemoryEstimator();

    private static Map<String, Object> config(String type, int h, int layers, int intermediate, int vocab) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model_type", type);
        c.put("hidden_size", h);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", 32);
        c.put("num_key_value_heads", 32);
        c.put("intermediate_size", intermediate);
        c.put("vocab_size", vocab);
        c.put("tie_word_embeddings", false);
        return c;
    }

    private static Scenario litgpt(Map<String, Object> config, Set<LoraTarget> targets, int tokens, Loss loss) {
        MethodSpec lora = new MethodSpec(FineTuneMethod.LORA, 8, 16, targets, Set.of(), WeightStorage.BF16);
        TrainingSpec training = TrainingSpec.defaults(false).withSequenceLength(tokens)
                .withFramework(Framework.LITGPT).withLoss(loss);
        return new Scenario("t", new ModelSpec("m", "m", ArchitectureFactory.fromConfig(config),
                ModelSpec.Origin.CONFIG), lora, training, HardwareSpec.single(PlanFixtures.roundGpu(List.of())),
                DataSpec.unknown(), CostSpec.defaults());
    }

    private static Map<String, Object> llama2() {
        return config("llama", 4096, 32, 11008, 32000);
    }

    private double perTokenBlock(Scenario s) {
        return estimator.explain(s).stream().filter(t -> t.id() == TermId.ACTIVATIONS_SAVED).findFirst()
                .orElseThrow().term().input(Input.PER_TOKEN);
    }

    @Test
    void fabricReturnsFp32LogitsSoTheLossKeepsEightBytesPerLogit() {
        // Fabric's HalfPrecision (bf16-true) casts the module's outputs to torch.get_default_dtype(), fp32, in
        // convert_output; chunked_cross_entropy's log_softmax of each 128-row chunk is fp32 too and kept for
        // backward: 4 + 4 = 8 B per logit. Llama-2-7B's longest Alpaca sample: 1,304 × 32,000 × 8 = 333,824,000 B.
        Scenario standard = litgpt(llama2(), EnumSet.of(LoraTarget.Q, LoraTarget.V), 1304, Loss.STANDARD);
        assertEquals(1304L * 32_000 * 8, MemoryProbe.lossBytes(standard), 0.5);
        // a chunked loss keeps only the returned fp32 logits: 1,304 × 32,000 × 4 = 166,912,000 B
        Scenario chunked = litgpt(llama2(), EnumSet.of(LoraTarget.Q, LoraTarget.V), 1304, Loss.CHUNKED);
        assertEquals(1304L * 32_000 * 4, MemoryProbe.lossBytes(chunked), 0.5);
    }

    @Test
    void zeroPaddedQkvAdaptersKeepTheirScatteredOutputs() {
        // Llama-2-7B, LoRA on q and v, bf16 (p = 2, h = 4096, I = 11,008, 32 heads), per token and block:
        //   norms: two RMSNorm inputs in fp32 (LitGPT's RMSNorm upcasts)  2 · 4 · 4096             = 32,768
        //   attention: roped q, k, v, output 2 · 4 · 4096 + log-sum-exp 4 · 32
        //              + the fused qkv buffer v is a view of 2 · (4096 + 4096)                    = 49,280
        //   SwiGLU: gate, up and the activation 3 · 11,008 · 2                                     = 66,048
        //   LoRA: one dropout on the fused input (mask 1 + output 2) · 4096 = 12,288, lora_A outputs
        //         2 modules · 2r · 2 = 64, and zero_pad's index_copy source, the q and v adapter outputs
        //         kept by its backward (expand_as(source)), 2 · (4096 + 4096) = 16,384             = 28,736
        //   total                                                                                  = 176,832
        assertEquals(176_832, perTokenBlock(litgpt(llama2(), EnumSet.of(LoraTarget.Q, LoraTarget.V), 1304,
                Loss.STANDARD)), 0.5);
        // with q, k and v all adapted zero_pad returns its input: no index_copy, one more module's lora_A output
        // (2r · 2 = 32): 176,832 − 16,384 + 32 = 160,480
        assertEquals(160_480, perTokenBlock(litgpt(llama2(), EnumSet.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V),
                1304, Loss.STANDARD)), 0.5);
    }

    @Test
    void layerNormKeepsItsSixteenBitInputOnceForBothNormsOfAParallelBlock() {
        // StableLM-Alpha-3B (GPT-NeoX: parallel block, two LayerNorms reading the block input x, GELU MLP of
        // I = 16,384), LoRA on q and v, bf16. nn.LayerNorm saves its input as given (native_layer_norm keeps
        // input, fp32 mean and rstd), and both norms read the same x: one 2 · 4096 = 8,192 B, not 2 · 4 · 4096.
        //   norms 8,192 + attention 49,280 + GELU input 16,384 · 2 = 32,768 + LoRA 28,736 (as for Llama)
        //   = 118,976 B per token and block
        Map<String, Object> stablelm = config("gpt_neox", 4096, 16, 16384, 50688);
        assertEquals(118_976, perTokenBlock(litgpt(stablelm, EnumSet.of(LoraTarget.Q, LoraTarget.V), 1034,
                Loss.STANDARD)), 0.5);
    }
}
