package org.finetuneplanner.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.finetuneplanner.core.scenario.ExtraTrainable;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;

public class ParameterCounterTest {

    public static Map<String, Object> llama3_8b() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model_type", "llama");
        c.put("hidden_size", 4096);
        c.put("num_hidden_layers", 32);
        c.put("num_attention_heads", 32);
        c.put("num_key_value_heads", 8);
        c.put("intermediate_size", 14336);
        c.put("vocab_size", 128256);
        c.put("tie_word_embeddings", false);
        return c;
    }

    @Test
    void llama3_8bHasTheHandCheckedCount() {
        // Per layer: q 4096·4096 = 16,777,216; k, v 4096·1024 = 4,194,304 each; o 16,777,216;
        // gate/up/down 3·4096·14336 = 176,160,768; 2 RMSNorms 8,192 → 218,112,000 × 32 = 6,979,584,000.
        // Embeddings 128256·4096 = 525,336,576, untied head the same, final norm 4,096.
        // 6,979,584,000 + 2·525,336,576 + 4,096 = 8,030,261,248.
        ParameterCounts p = ParameterCounter.count(ArchitectureFactory.fromConfig(llama3_8b()),
                MethodSpec.full(WeightStorage.BF16));
        assertEquals(8_030_261_248L, p.total());
        assertEquals(p.total(), p.trainable());
        assertEquals(p.total(), p.active());
        // Linear weights: (16,777,216·2 + 4,194,304·2 + 176,160,768) × 32 = 6,979,321,856 (peers-and-formulas §4.2)
        assertEquals(6_979_321_856L, p.linear());
        assertEquals(1_050_673_152L, p.embedding());
        assertEquals(266_240L, p.other()); // 32·2·4096 + 4096
    }

    @Test
    void loraRank16OnAllLinearLayersOfLlama3_8b() {
        // peers-and-formulas §4.3: q 16·(4096+4096) = 131,072; k, v 16·(4096+1024) = 81,920 each; o 131,072;
        // gate, up, down 16·(4096+14336) = 294,912 each → 1,310,720 per layer × 32 = 41,943,040.
        ParameterCounts p = ParameterCounter.count(ArchitectureFactory.fromConfig(llama3_8b()),
                MethodSpec.lora(16, WeightStorage.BF16));
        assertEquals(41_943_040L, p.adapter());
        assertEquals(41_943_040L, p.trainable());
        assertEquals(8_030_261_248L + 41_943_040L, p.total());
        assertEquals(8_030_261_248L, p.base());
    }

    @Test
    void loraOnQueryAndValueOnlyAndExtraTrainableHead() {
        // Llama-2-7B (h 4096, 32 layers, MHA): q and v each 8·(4096+4096) = 65,536 → 131,072 × 32 = 4,194,304,
        // the known PEFT figure for r=8 q,v on Llama-2-7B; the untied LM head adds 32000·4096 = 131,072,000.
        Map<String, Object> c = llama3_8b();
        c.put("num_key_value_heads", 32);
        c.put("intermediate_size", 11008);
        c.put("vocab_size", 32000);
        MethodSpec m = new MethodSpec(FineTuneMethod.LORA, 8, 16, Set.of(LoraTarget.Q, LoraTarget.V),
                Set.of(ExtraTrainable.LM_HEAD), WeightStorage.BF16);
        ParameterCounts p = ParameterCounter.count(ArchitectureFactory.fromConfig(c), m);
        assertEquals(4_194_304L, p.adapter());
        assertEquals(4_194_304L + 131_072_000L, p.trainable());
    }

    @Test
    void mixtralActiveParametersCountTwoOfEightExperts() {
        // Mixtral-8x7B: expert MLP 3·4096·14336 = 176,160,768; 6 inactive experts × 32 layers = 33,822,867,456
        // fewer than the 46,702,792,704 total → 12,879,925,248 active (models.md: "active 12.88B").
        Map<String, Object> c = llama3_8b();
        c.put("model_type", "mixtral");
        c.put("vocab_size", 32000);
        c.put("num_local_experts", 8);
        c.put("num_experts_per_tok", 2);
        ParameterCounts p = ParameterCounter.count(ArchitectureFactory.fromConfig(c), MethodSpec.full(
                WeightStorage.BF16));
        assertEquals(46_702_792_704L, p.total());
        assertEquals(46_702_792_704L - 6L * 32 * 176_160_768L, p.active());
    }

    @Test
    void everyCatalogModelMatchesItsReferenceCountOrADocumentedDisagreement() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> models;
        try (InputStream in = getClass().getResourceAsStream("/models.json")) {
            models = json.readValue(in, new TypeReference<>() { });
        }
        // Where this counter and models.json disagree, the counter follows the transformers modelling code:
        Map<String, Long> corrected = Map.of(
                // FalconConfig inherits tie_word_embeddings=True and FalconForCausalLM ties lm_head to the word
                // embeddings (_tied_weights_keys); models.json counted an untied head (its computed_if_tied).
                "falcon-7b", 6_921_720_704L,
                "falcon-40b", 41_303_293_952L,
                "falcon-180b", 178_557_088_768L,
                // PhiMoE has LayerNorms with bias and q/k/v/o biases (PhimoeConfig attention_bias=True), which
                // models.json's generic count leaves out (its notes say so): 32·(10,240 + 8,192) + 4,096 = 593,920.
                "phi-3.5-moe", 41_872_527_360L + 593_920L,
                // The config copy has no use_qkv_bias key (StableLmConfig default False); models.json added q/k/v
                // biases. The card's 1,644,417,024 lies between: it has the biases but no per-layer norm biases.
                "stablelm-2-1.6b", 1_644_515_328L - 3L * 2048 * 24);
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> m : models) {
            String id = (String) m.get("id");
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) m.get("config");
            long expected = corrected.getOrDefault(id, ((Number) m.get("computed_parameters")).longValue());
            long actual = ParameterCounter.count(ArchitectureFactory.fromConfig(config),
                    MethodSpec.full(WeightStorage.BF16)).total();
            if (actual != expected) {
                wrong.add(id + ": expected " + expected + ", counted " + actual + " (" + (actual - expected) + ")");
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(models.size() >= 69);
    }
}
