package org.finetuneplanner.service.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.model.ParameterCounts;
import org.finetuneplanner.core.scenario.Precision;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimate;
import org.finetuneplanner.service.io.SafeJson;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    private final Scenario scenario = ScenarioJson.standard().read("""
            {"name": "Llama 3.1 8B, QLoRA r16, 1x L40S", "model": {"preset": "llama-3.1-8b"},
             "method": {"type": "qlora"}, "hardware": {"gpu": "l40s-48gb"}}""");

    /** Parts of 5 GiB weights, 160 MiB gradients, 320 MiB optimizer, 4 GiB activations, 1.5 GiB logits. */
    private final MemoryBreakdown parts = new MemoryBreakdown(5 * GIB, 160 * MIB, 320 * MIB, 4 * GIB,
            3 * GIB / 2, 0, GIB, 900 * MIB);

    private Estimate estimate(OptionalDouble hours, Optional<CostEstimate> cost, List<Note> notes) {
        MemoryEstimate memory = new MemoryEstimate(parts, 12 * GIB, 46068 * MIB, List.of());
        ThroughputEstimate speed = new ThroughputEstimate(4.8e10, 2600, 12.6, 0.4, 362.05, 0, Map.of(), List.of());
        ParameterCounts counts = new ParameterCounts(8_072_204_288L, 41_943_040L, 8_030_261_248L, 6_979_321_856L,
                1_050_673_152L, 266_240L, 41_943_040L);
        return new Estimate(scenario, counts, memory, speed, hours, cost, notes);
    }

    @Test
    void writesEverySpecKey() {
        CostEstimate cost = new CostEstimate(1.57, "RunPod", "2026-11-09", "runpod.io", 25.12, 0.0, 25.12,
                List.of(), 0, 16, 5.6, 0.84);
        ObjectNode r = ResultJson.toTree(estimate(OptionalDouble.of(16.0), Optional.of(cost), List.of()));
        assertEquals("Llama 3.1 8B, QLoRA r16, 1x L40S", r.get("name").textValue());
        assertEquals(8_072_204_288L, r.at("/parameters/total").longValue());
        assertEquals(41_943_040L, r.at("/parameters/trainable").longValue());
        JsonNode m = r.get("memory_gib");
        assertEquals(5.0, m.get("weights").doubleValue());
        assertEquals(0.156, m.get("gradients").doubleValue(), "160 MiB = 0.15625 GiB → 0.156");
        assertEquals(0.313, m.get("optimizer").doubleValue(), "320 MiB = 0.3125 GiB → 0.313 (half up)");
        assertEquals(4.0, m.get("activations").doubleValue());
        assertEquals(1.5, m.get("logits").doubleValue());
        assertEquals(0.0, m.get("buffers").doubleValue());
        assertEquals(0.879, m.get("cuda_context").doubleValue(), "900 MiB = 0.8789 GiB");
        // 5 + 0.15625 + 0.3125 + 4 + 1.5 = 10.96875 GiB allocated; + 1 GiB allocator; + 0.8789 context.
        assertEquals(10.969, m.get("peak_allocated").doubleValue());
        assertEquals(11.969, m.get("peak_reserved").doubleValue());
        assertEquals(12.848, m.get("total").doubleValue(), "11.96875 + 0.87891 = 12.84766");
        assertEquals(12.0, r.get("host_memory_gib").doubleValue());
        assertEquals(44.988, r.get("gpu_memory_gib").doubleValue(), "46068 MiB");
        assertTrue(r.get("fits").booleanValue(), "12.85 ≤ 44.99");
        assertEquals(2600.0, r.at("/time/tokens_per_second").doubleValue());
        assertEquals(16.0, r.at("/time/hours").doubleValue());
        assertEquals(1.57, r.at("/cost/usd_per_gpu_hour").doubleValue());
        assertEquals(25.12, r.at("/cost/usd").doubleValue());
        assertTrue(r.get("warnings").isArray());
    }

    /**
     * A step of 5.8e15 seconds (a job the limits accept, at 1 % utilisation) was written as 9.2e14: rounding to four
     * decimals went through a long that saturated. A number beyond 2^52 has no fraction and is written as it is.
     */
    @Test
    void aLargeNumberIsWrittenAsItIsNotSaturated() {
        MemoryEstimate memory = new MemoryEstimate(parts, 0, 46068 * MIB, List.of());
        ThroughputEstimate slow = new ThroughputEstimate(4.8e10, 1e-9, 5.8e15, 0.01, 362.05, 0, Map.of(), List.of());
        Estimate e = new Estimate(scenario, estimate(OptionalDouble.empty(), Optional.empty(), List.of())
                .parameters(), memory, slow, OptionalDouble.empty(), Optional.empty(), List.of());
        ObjectNode r = ResultJson.toTree(e);
        assertEquals(5.8e15, r.at("/speed/step_seconds").doubleValue());
        assertEquals(0.0, r.at("/speed/tokens_per_second").doubleValue(), "1e-9 rounds to 0.0 at one decimal");
    }

    @Test
    void withoutTokensHoursAndCostAreNullButTheSpeedIsKept() {
        ObjectNode r = ResultJson.toTree(estimate(OptionalDouble.empty(), Optional.empty(), List.of()));
        assertTrue(r.at("/time/hours").isNull());
        assertEquals(2600.0, r.at("/time/tokens_per_second").doubleValue(), "what score.py reads for speed");
        assertTrue(r.get("cost").isNull());
        assertEquals(2600.0, r.at("/speed/tokens_per_second").doubleValue(), "speed is still given");
        ObjectNode noPrice = ResultJson.toTree(estimate(OptionalDouble.of(3), Optional.empty(), List.of()));
        assertFalse(noPrice.get("time").isNull());
        assertTrue(noPrice.get("cost").isNull());
    }

    @Test
    void warningsHoldWarningMessagesAndNotesHoldEverything() {
        List<Note> notes = List.of(Note.of(NoteId.MEMORY_FP8_WEIGHTS),
                Note.of(NoteId.FP8_UNSUPPORTED, "NVIDIA A100", Precision.BF16));
        ObjectNode r = ResultJson.toTree(estimate(OptionalDouble.empty(), Optional.empty(), notes),
                List.of(Note.of(NoteId.MODEL_GUESSED, 7_000_000_000L, 4096, 32)));
        // The warnings are English sentences from the text layer, reading notes first; every note has its code.
        assertEquals("[\"The architecture was guessed from 7,000,000,000 parameters (no model.config or "
                + "model.preset): hidden size 4,096, 32 layers; activations and LoRA sizes are approximate\","
                + "\"NVIDIA A100 has no FP8 tensor cores; the time assumes BF16 matmuls instead.\"]",
                r.get("warnings").toString());
        assertEquals(3, r.get("notes").size());
        assertEquals("info", r.at("/notes/1/severity").textValue());
        assertEquals("memory.fp8_weights", r.at("/notes/1/code").textValue());
        assertEquals("fp8.unsupported", r.at("/notes/2/code").textValue());
    }

    @Test
    void errorRecordKeepsTheNameAsWritten() {
        assertEquals("{\"name\":\"run 7\",\"error\":\"training.micro_batch_size = -4: expected …\"}",
                SafeJson.compact(ResultJson.error(SafeJson.nodes().textNode("run 7"),
                        "training.micro_batch_size = -4: expected …")));
        assertEquals("{\"name\":null,\"error\":\"x\"}", SafeJson.compact(ResultJson.error(null, "x")));
    }

    @Test
    void aResultLineIsOneLineOfJson() {
        String line = ResultJson.writeLine(estimate(OptionalDouble.of(1), Optional.empty(), List.of()), List.of());
        assertFalse(line.contains("\n"));
        assertEquals("Llama 3.1 8B, QLoRA r16, 1x L40S", ScenarioJson.parse(line).get("name").textValue());
    }
}
