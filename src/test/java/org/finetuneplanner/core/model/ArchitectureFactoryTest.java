package org.finetuneplanner.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.PlannerException;
import org.finetuneplanner.core.Violation;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.WeightStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchitectureFactoryTest {

    @Test
    void hugeHiddenSizeIsRejectedNamingTheKeyAndTheRange() {
        Map<String, Object> c = ParameterCounterTest.llama3_8b();
        c.put("hidden_size", 1e30);
        PlannerException e = assertThrows(PlannerException.class, () -> ArchitectureFactory.fromConfig(c));
        assertEquals(List.of(new Violation("hidden_size", Constraint.WHOLE_NUMBER, 1, 1_048_576L, "1E+30")),
                e.violations());
    }

    /** Llama 3 8B has 32 attention heads: the bound of the key/value heads comes from that key. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            num_hidden_layers  |-3  |WHOLE_NUMBER|1|10000   |-3      |
            num_attention_heads|2.5 |WHOLE_NUMBER|1|65536   |2.5     |
            vocab_size         |many|WHOLE_NUMBER|1|50000000|"many"  |
            num_key_value_heads|64  |UP_TO_KEY   |1|32      |64      |num_attention_heads
            num_key_value_heads|5   |DIVIDES_KEY |-|32      |5       |num_attention_heads
            """)
    void badValuesNameTheKeyTheValueAndWhatIsAllowed(String key, String value, Constraint constraint, String min,
                                                     long max, String shown, String related) {
        Map<String, Object> c = ParameterCounterTest.llama3_8b();
        Object v = value.matches("-?\\d+") ? (Object) Integer.parseInt(value)
                : value.matches("[\\d.]+") ? (Object) Double.parseDouble(value) : value;
        c.put(key, v);
        PlannerException e = assertThrows(PlannerException.class, () -> ArchitectureFactory.fromConfig(c));
        Violation got = e.violations().get(0);
        assertEquals(key, got.key());
        assertEquals(constraint, got.constraint());
        assertEquals(min.equals("-") ? null : Integer.valueOf(min), got.min());
        assertEquals(max, got.max().longValue());
        assertEquals(shown, String.valueOf(got.value()));
        assertEquals(related == null ? "" : related, got.related());
    }

    @Test
    void missingKeyIsNamedWithItsOtherSpellings() {
        Map<String, Object> c = ParameterCounterTest.llama3_8b();
        c.remove("hidden_size");
        PlannerException e = assertThrows(PlannerException.class, () -> ArchitectureFactory.fromConfig(c));
        assertEquals(List.of(new Violation("hidden_size", Constraint.REQUIRED, 1, 1_048_576L,
                List.of("n_embd", "d_model", "dim"))), e.violations());
    }

    @Test
    void gpt2SpellingsGiveTheTiedLayerNormLayout() {
        Map<String, Object> c = new HashMap<>();
        c.put("model_type", "gpt2");
        c.put("n_embd", 768);
        c.put("n_layer", 12);
        c.put("n_head", 12);
        c.put("n_inner", null);
        c.put("n_positions", 1024);
        c.put("vocab_size", 50257);
        Architecture a = ArchitectureFactory.fromConfig(c);
        assertEquals(3072, a.intermediateSize()); // n_inner null → 4·n_embd
        assertTrue(a.tiedEmbeddings() && a.layerNorm() && !a.gatedMlp());
        // wte 50257·768 = 38,597,376; wpe 1024·768 = 786,432; per block 2 LN 3,072 + c_attn 1,771,776 +
        // c_proj 590,592 + c_fc 2,362,368 + c_proj 2,360,064 = 7,087,872 × 12 = 85,054,464; ln_f 1,536
        // → 124,439,808 (the published 124M).
        assertEquals(124_439_808L, ParameterCounter.count(a, MethodSpec.full(WeightStorage.BF16)).total());
    }

    @Test
    void falconMultiQueryHasOneKvHeadAndOneNormPerBlock() {
        Map<String, Object> c = new HashMap<>();
        c.put("model_type", "falcon");
        c.put("hidden_size", 4544);
        c.put("num_hidden_layers", 32);
        c.put("num_attention_heads", 71);
        c.put("multi_query", true);
        c.put("parallel_attn", true);
        c.put("bias", false);
        c.put("vocab_size", 65024);
        Architecture a = ArchitectureFactory.fromConfig(c);
        assertEquals(1, a.numKvHeads());
        assertEquals(1, a.normsPerLayer());
        assertEquals(18176, a.intermediateSize());
        assertTrue(a.parallelBlock());
    }

    @Test
    void gemma3ReadsTheDecoderUnderTextConfig() {
        Map<String, Object> text = new HashMap<>();
        text.put("hidden_size", 2560);
        text.put("num_hidden_layers", 34);
        text.put("num_attention_heads", 8);
        text.put("num_key_value_heads", 4);
        text.put("head_dim", 256);
        text.put("intermediate_size", 10240);
        text.put("vocab_size", 262208);
        Map<String, Object> c = new HashMap<>();
        c.put("model_type", "gemma3");
        c.put("text_config", text);
        Architecture a = ArchitectureFactory.fromConfig(c);
        assertEquals(4, a.normsPerLayer());
        assertTrue(a.qkNorm() && a.tiedEmbeddings());
        assertEquals(3_880_263_168L, ParameterCounter.count(a, MethodSpec.full(WeightStorage.BF16)).total());
    }

    @ParameterizedTest
    @CsvSource({"7000000000", "1000000000", "70000000000", "125000000", "405000000000", "3000000"})
    void guessedShapeCountsWithinHalfAPercentOfTheGivenTotal(long n) {
        Architecture a = ArchitectureFactory.guessFromParameters(n);
        assertTrue(a.guessed());
        long counted = ParameterCounter.count(a, MethodSpec.full(WeightStorage.BF16)).total();
        assertEquals(n, counted, n * 0.005);
    }

    @Test
    void sevenBillionGuessesTheLlamaShape() {
        Architecture a = ArchitectureFactory.guessFromParameters(7_000_000_000L);
        assertEquals(4096, a.hiddenSize());
        assertEquals(32, a.numLayers());
        assertFalse(a.moe().isMoe());
    }

    @Test
    void parameterCountOutOfRangeIsRejected() {
        PlannerException e = assertThrows(PlannerException.class, () -> ArchitectureFactory.guessFromParameters(-5));
        assertEquals(List.of(Violation.range("model.parameters", 1_000_000L, 100_000_000_000_000L, -5L)),
                e.violations());
    }
}
