package org.finetuneplanner.service.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.finetuneplanner.core.scenario.Checkpointing;
import org.finetuneplanner.core.scenario.Framework;
import org.finetuneplanner.core.scenario.Loss;
import org.finetuneplanner.core.scenario.Parallelism;
import org.finetuneplanner.core.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keys of parallel layouts, fused losses, selective recompute, Megatron and NF4 double quantisation: read with
 * their defaults, written back, and every layout that cannot run refused with one line naming its key.
 */
class LayoutKeysTest {

    private final ScenarioJson json = ScenarioJson.standard();

    /** Llama-3.1-8B (32 query heads, 8 KV heads, 32 layers) on H100s, 4096 tokens. */
    private static String on(String hardware, String training) {
        return "{\"model\": {\"preset\": \"llama-3.1-8b\"}, \"training\": {\"sequence_length\": 4096" + training
                + "}, \"hardware\": {\"gpu\": \"h100-sxm-80gb\"" + hardware + "}}";
    }

    @Test
    void theLayoutIsReadWithItsDefaultsAndWrittenBack() {
        Scenario plain = json.read(on("", ""));
        assertEquals(Parallelism.NONE, plain.hardware().parallel());
        assertEquals(1, plain.hardware().dataParallel());
        Scenario s = json.read(on(", \"gpu_count\": 32, \"gpus_per_node\": 8, \"tensor_parallel\": 4, "
                + "\"pipeline_parallel\": 2, \"virtual_pipeline_stages\": 2, \"context_parallel\": 2",
                ", \"framework\": \"megatron\", \"loss\": \"fused\", \"activation_checkpointing\": \"selective\""));
        assertEquals(new Parallelism(4, 2, 2, 2, 1, true), s.hardware().parallel(), "SP on by default with megatron");
        assertEquals(2, s.hardware().dataParallel());
        assertEquals(Framework.MEGATRON, s.training().framework());
        assertEquals(Loss.FUSED, s.training().loss());
        assertEquals(Checkpointing.SELECTIVE, s.training().checkpointing());
        assertEquals(s, json.read(json.write(s)));
        JsonNode tree = ScenarioJson.parse(json.write(s));
        assertEquals(4, tree.at("/hardware/tensor_parallel").intValue());
        assertTrue(tree.at("/hardware/sequence_parallel").booleanValue());
        assertTrue(tree.at("/method/double_quant").isBoolean());
    }

    @Test
    void doubleQuantisationDefaultsToWhatTheFrameworksLoaderDoes() {
        String qlora = "{\"model\": {\"preset\": \"llama-3.1-8b\"}, \"method\": {\"type\": \"qlora\"%s}, "
                + "\"training\": {\"framework\": \"%s\"}, \"hardware\": {\"gpu\": \"l4-24gb\"}}";
        // transformers' BitsAndBytesConfig.bnb_4bit_use_double_quant defaults to False; the QLoRA paper's setting,
        // Unsloth's and torchao's NF4 double-quantise
        assertFalse(json.read(String.format(qlora, "", "hf")).method().doubleQuant());
        assertTrue(json.read(String.format(qlora, "", "unsloth")).method().doubleQuant());
        assertTrue(json.read(String.format(qlora, "", "torchtune")).method().doubleQuant());
        assertTrue(json.read(String.format(qlora, ", \"double_quant\": true", "hf")).method().doubleQuant());
    }

    /**
     * Each row: an impossible layout (GPUs, GPUs per node, TP, PP, VP, CP, EP), the key named and a fragment of the
     * message.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            3, 3, 3, 1, 1, 1, 1   | hardware.tensor_parallel        | must divide num_attention_heads (32), was 3
            16, 16, 16, 1, 1, 1, 1 | hardware.tensor_parallel       | must divide num_key_value_heads (8)
            8, 4, 8, 1, 1, 1, 1   | hardware.tensor_parallel        | to hardware.gpus_per_node (4), was 8
            64, 8, 1, 64, 1, 1, 1 | hardware.pipeline_parallel      | to num_hidden_layers (32), was 64
            2, 2, 1, 1, 2, 1, 1   | hardware.virtual_pipeline_stages | only when hardware.pipeline_parallel is above 1
            4, 4, 1, 4, 3, 1, 1   | hardware.virtual_pipeline_stages | / hardware.pipeline_parallel (8), was 3
            3, 3, 1, 1, 1, 3, 1   | hardware.context_parallel       | must divide training.sequence_length (4096)
            2, 2, 1, 1, 1, 1, 2   | hardware.expert_parallel        | must divide num_local_experts (0), was 2
            6, 6, 4, 1, 1, 1, 1   | hardware.gpu_count              | × hardware.context_parallel (4), was 6
            1, 1, 0, 1, 1, 1, 1   | hardware.tensor_parallel        | hardware.tensor_parallel = 0
            """)
    void anImpossibleLayoutIsRefusedInOneLineNamingItsKey(String layout, String key, String message) {
        String[] n = layout.split(",\\s*");
        String hardware = ", \"gpu_count\": " + n[0] + ", \"gpus_per_node\": " + n[1]
                + ", \"tensor_parallel\": " + n[2] + ", \"pipeline_parallel\": " + n[3]
                + ", \"virtual_pipeline_stages\": " + n[4]
                + ", \"context_parallel\": " + n[5] + ", \"expert_parallel\": " + n[6];
        ScenarioException e = assertThrows(ScenarioException.class, () -> json.read(on(hardware, "")));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void expertParallelismMustDivideTheExpertsAndTheDataParallelRanks() {
        String mixtral = "{\"model\": {\"preset\": \"mixtral-8x7b\"}, \"hardware\": {\"gpu\": \"h100-sxm-80gb\", %s}}";
        ScenarioException experts = assertThrows(ScenarioException.class,
                () -> json.read(String.format(mixtral, "\"gpu_count\": 3, \"expert_parallel\": 3")));
        assertTrue(experts.getMessage().contains("must divide num_local_experts (8), was 3"), experts.getMessage());
        ScenarioException ranks = assertThrows(ScenarioException.class, () -> json.read(String.format(mixtral,
                "\"gpu_count\": 4, \"tensor_parallel\": 2, \"expert_parallel\": 4")));
        assertEquals("hardware.expert_parallel", ranks.key());
        assertTrue(ranks.getMessage().contains("(2), was 4"), ranks.getMessage());
        assertEquals(2, json.read(String.format(mixtral, "\"gpu_count\": 4, \"expert_parallel\": 2")).hardware()
                .parallel().expert());
    }
}
